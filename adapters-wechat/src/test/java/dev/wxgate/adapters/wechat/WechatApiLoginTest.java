package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.Fixtures.APP_ID;
import static dev.wxgate.adapters.wechat.Fixtures.OPEN_ID;
import static dev.wxgate.adapters.wechat.Fixtures.SECRET;
import static dev.wxgate.adapters.wechat.Fixtures.SESSION_KEY;
import static dev.wxgate.adapters.wechat.Fixtures.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.LoginCode;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WechatApiLoginTest extends StubbedWechatTest {
    private static final String PATH = "/sns/jscode2session";
    private static final LoginCode CODE = new LoginCode("0b3Xk2000abcDEF1234567890xyzABC");

    private WechatApiLogin login;

    @BeforeEach
    void createAdapter() {
        login = new WechatApiLogin(http);
    }

    @Test
    void exchangesACodeForOpenidAndSessionKeyWithoutAnAccessToken() {
        wechat.onJson(PATH, "{\"openid\":\"" + OPEN_ID + "\",\"session_key\":\"" + SESSION_KEY + "\"}");

        CodeSession session = login.exchange(app(), CODE);

        assertThat(session.openId()).isEqualTo(new OpenId(OPEN_ID));
        assertThat(session.sessionKey()).isEqualTo(SessionKey.of(SESSION_KEY));
        assertThat(session.unionId()).isEmpty();
        StubWechat.Seen call = wechat.calls(PATH).getFirst();
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.query())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "appid",
                        APP_ID,
                        "secret",
                        SECRET,
                        "js_code",
                        CODE.value(),
                        "grant_type",
                        "authorization_code"));
    }

    @Test
    void readsTheUnionidWhenTheAppIsBoundToOpenPlatform() {
        wechat.onJson(
                PATH,
                "{\"openid\":\"" + OPEN_ID + "\",\"session_key\":\"" + SESSION_KEY
                        + "\",\"unionid\":\"oGZUI0egBJY1zhBYw2KhdUfwVJJE\",\"errcode\":0,\"errmsg\":\"ok\"}");

        assertThat(login.exchange(app(), CODE).unionId()).contains(new UnionId("oGZUI0egBJY1zhBYw2KhdUfwVJJE"));
    }

    @Test
    void anEmptyUnionidIsNoUnionid() {
        wechat.onJson(
                PATH, "{\"openid\":\"" + OPEN_ID + "\",\"session_key\":\"" + SESSION_KEY + "\",\"unionid\":\"\"}");

        assertThat(login.exchange(app(), CODE).unionId()).isEmpty();
    }

    @Test
    void percentEncodesEveryQueryValue() {
        wechat.onJson(PATH, "{\"openid\":\"" + OPEN_ID + "\",\"session_key\":\"" + SESSION_KEY + "\"}");
        LoginCode awkward = new LoginCode("a&b=c+d e/登录?#%");

        login.exchange(app(), awkward);

        StubWechat.Seen call = wechat.calls(PATH).getFirst();
        assertThat(call.rawQuery()).contains("js_code=a%26b%3Dc%2Bd%20e%2F%E7%99%BB%E5%BD%95%3F%23%25&");
        assertThat(call.query()).containsEntry("js_code", awkward.value()).containsEntry("appid", APP_ID);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\"}",
                "{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}",
                "{\"openid\":\"not an openid!\",\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\"}",
                "{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\",\"session_key\":\"not base64\"}",
                "{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\",\"session_key\":\"c2hvcnQ=\"}",
                "{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\",\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\","
                        + "\"unionid\":\"bad unionid\"}",
                "{\"openid\":[1,2],\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\"}"
            })
    void anAnswerTheDomainCannotAcceptIsUpstreamUnavailable(String answer) {
        wechat.onJson(PATH, answer);

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> login.exchange(app(), CODE))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
                    assertThat(e.getMessage()).doesNotContain(SESSION_KEY);
                });
    }

    @Test
    void aUsedCodeIsTypedAndNotRetried() {
        wechat.onJson(PATH, "{\"errcode\":40163,\"errmsg\":\"code been used, rid: 674a-0b1c-2d3e\"}");

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> login.exchange(app(), CODE))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(WechatFailure.CODE_USED);
                    assertThat(e.errcode()).hasValue(40163);
                    assertThat(e.getMessage()).contains("rid: 674a-0b1c-2d3e");
                });
        assertThat(wechat.calls(PATH)).hasSize(1);
    }
}
