package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.Fixtures.APP_ID;
import static dev.wxgate.adapters.wechat.Fixtures.OPEN_ID;
import static dev.wxgate.adapters.wechat.Fixtures.SECRET;
import static dev.wxgate.adapters.wechat.Fixtures.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.oauth.WebCode;
import dev.wxgate.domain.oauth.WebGrant;
import dev.wxgate.domain.oauth.WebScope;
import dev.wxgate.domain.oauth.WebUserInfo;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WechatApiWebOAuthTest extends StubbedWechatTest {
    private static final String TOKEN_PATH = "/sns/oauth2/access_token";
    private static final String INFO_PATH = "/sns/userinfo";
    private static final WebCode CODE = new WebCode("061Xk2000abcDEF1234567890xyzABCd");
    private static final String WEB_TOKEN = "ACCESS_TOKEN_web_0123456789abcdefghij";
    private static final String REFRESH_TOKEN = "REFRESH_TOKEN_web_0123456789abcdefghij";

    private WechatApiWebOAuth oauth;

    @BeforeEach
    void createAdapter() {
        oauth = new WechatApiWebOAuth(http);
    }

    private static String grant(String scope, String unionid) {
        return "{\"access_token\":\"" + WEB_TOKEN + "\",\"expires_in\":7200,\"refresh_token\":\"" + REFRESH_TOKEN
                + "\",\"openid\":\"" + OPEN_ID + "\",\"scope\":\"" + scope + "\",\"is_snapshotuser\":0"
                + (unionid == null ? "" : ",\"unionid\":\"" + unionid + "\"") + "}";
    }

    @Test
    void exchangesACodeWithAppidAndSecretForTheUserAndScope() {
        wechat.onJson(TOKEN_PATH, grant("snsapi_userinfo", "oUnion-1"));

        WebGrant grant = oauth.exchange(app(), CODE);

        assertThat(grant.openId()).isEqualTo(new OpenId(OPEN_ID));
        assertThat(grant.unionId()).contains(new UnionId("oUnion-1"));
        assertThat(grant.scope()).isEqualTo(WebScope.SNSAPI_USERINFO);
        assertThat(grant.toString()).doesNotContain(WEB_TOKEN);
        assertThat(wechat.calls(TOKEN_PATH).getFirst().query())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "appid", APP_ID, "secret", SECRET, "code", CODE.value(), "grant_type", "authorization_code"));
    }

    @Test
    void aBaseGrantHasNoUnionidWhenWechatGivesNone() {
        wechat.onJson(TOKEN_PATH, grant("snsapi_base", null));

        WebGrant grant = oauth.exchange(app(), CODE);

        assertThat(grant.scope()).isEqualTo(WebScope.SNSAPI_BASE);
        assertThat(grant.unionId()).isEmpty();
    }

    @Test
    void aWebsiteAppsQrLoginGrantIsSnsapiLogin() {
        wechat.onJson(TOKEN_PATH, grant("snsapi_login", "oUnion-2"));

        WebGrant grant = oauth.exchange(app(), CODE);

        assertThat(grant.scope()).isEqualTo(WebScope.SNSAPI_LOGIN);
        assertThat(grant.scope().readsUserInfo()).isTrue();
        assertThat(grant.unionId()).contains(new UnionId("oUnion-2"));
    }

    @Test
    void aUsedOrInvalidCodeIsTypedAndItsMessageHoldsNoSecret() {
        wechat.onJson(TOKEN_PATH, "{\"errcode\":40163,\"errmsg\":\"code been used, rid: 1\"}");
        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> oauth.exchange(app(), CODE))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(WechatFailure.CODE_USED);
                    assertThat(e.getMessage()).doesNotContain(CODE.value()).doesNotContain(SECRET);
                });

        wechat.onJson(TOKEN_PATH, "{\"errcode\":40029,\"errmsg\":\"invalid code\"}");
        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> oauth.exchange(app(), CODE))
                .satisfies(e -> assertThat(e.failure()).isEqualTo(WechatFailure.INVALID_CODE));
    }

    @Test
    void anAnswerWithoutTokenOrOpenidIsUpstreamUnavailable() {
        wechat.onJson(TOKEN_PATH, "{\"openid\":\"" + OPEN_ID + "\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> oauth.exchange(app(), CODE))
                .satisfies(e -> assertThat(e.failure()).isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE));
    }

    @Test
    void readsTheNicknameAndAvatarWithTheUsersWebToken() {
        wechat.onJson(
                INFO_PATH,
                "{\"openid\":\"" + OPEN_ID + "\",\"nickname\":\"小明 🐼\",\"sex\":0,\"province\":\"\",\"city\":\"\","
                        + "\"country\":\"\",\"headimgurl\":\"https://thirdwx.qlogo.cn/mmopen/abc/132\","
                        + "\"privilege\":[],\"unionid\":\"oUnion-1\"}");
        WebGrant grant = new WebGrant(new OpenId(OPEN_ID), Optional.empty(), WebScope.SNSAPI_USERINFO, WEB_TOKEN);

        WebUserInfo info = oauth.userInfo(grant);

        assertThat(info.nickname()).contains("小明 🐼");
        assertThat(info.headImgUrl()).contains("https://thirdwx.qlogo.cn/mmopen/abc/132");
        assertThat(info.unionId()).contains(new UnionId("oUnion-1"));
        assertThat(wechat.calls(INFO_PATH).getFirst().query())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("access_token", WEB_TOKEN, "openid", OPEN_ID, "lang", "zh_CN"));
    }

    @Test
    void theInfoOfAnotherOpenidIsRefused() {
        wechat.onJson(INFO_PATH, "{\"openid\":\"someoneElse\",\"nickname\":\"x\"}");
        WebGrant grant = new WebGrant(new OpenId(OPEN_ID), Optional.empty(), WebScope.SNSAPI_USERINFO, WEB_TOKEN);

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> oauth.userInfo(grant))
                .satisfies(e -> assertThat(e.failure()).isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE));
    }

    @Test
    void aScopeRefusalIsRejectedWithoutShowingTheToken() {
        wechat.onJson(INFO_PATH, "{\"errcode\":48001,\"errmsg\":\"api unauthorized\"}");
        WebGrant grant = new WebGrant(new OpenId(OPEN_ID), Optional.empty(), WebScope.SNSAPI_BASE, WEB_TOKEN);

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> oauth.userInfo(grant))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(WechatFailure.REJECTED);
                    assertThat(e.errcode()).hasValue(48001);
                    assertThat(e.getMessage()).doesNotContain(WEB_TOKEN);
                });
    }
}
