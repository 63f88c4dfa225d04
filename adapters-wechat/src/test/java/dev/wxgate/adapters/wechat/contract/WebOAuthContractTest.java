package dev.wxgate.adapters.wechat.contract;

import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI;
import static dev.wxgate.adapters.wechat.contract.ContractApps.OFFICIAL;
import static dev.wxgate.adapters.wechat.contract.ContractApps.mini;
import static dev.wxgate.adapters.wechat.contract.ContractApps.official;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.wechat.WechatApiWebOAuth;
import dev.wxgate.domain.oauth.WebCode;
import dev.wxgate.domain.oauth.WebGrant;
import dev.wxgate.domain.oauth.WebScope;
import dev.wxgate.domain.oauth.WebUserInfo;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.wechat.WechatFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract: the official account's web login through the sandbox and {@link WechatApiWebOAuth}. */
class WebOAuthContractTest extends SandboxContractTest {

    WechatApiWebOAuth oauth() {
        return new WechatApiWebOAuth(http);
    }

    WebGrant exchange(String code) {
        return oauth().exchange(official(), new WebCode(code));
    }

    @Test
    void aCodeIsExchangedOnceForTheUserWithTheMiniProgramsUnionid() {
        String code = sandbox.webLoginCode(OFFICIAL, "alice", "snsapi_base");
        var inMini = logIn(mini(), "alice");

        WebGrant grant = exchange(code);

        assertThat(grant.openId()).isEqualTo(new OpenId("alice"));
        assertThat(grant.scope()).isEqualTo(WebScope.SNSAPI_BASE);
        assertThat(grant.unionId()).isPresent().isEqualTo(inMini.unionId());
        assertFails(() -> exchange(code), WechatFailure.CODE_USED, 40163);
        assertThat(sandbox.calls(OFFICIAL, "/sns/oauth2/access_token")).isEqualTo(2);
    }

    @Test
    void aCodeLivesFiveMinutesAndAnUnknownOneIsInvalid() {
        String code = sandbox.webLoginCode(OFFICIAL, "alice", "snsapi_base");
        sandbox.advanceClock(Duration.ofMinutes(5));

        assertFails(() -> exchange(code), WechatFailure.INVALID_CODE, 40029);
        assertFails(() -> exchange("0123456789abcdefABCDEF0123456789"), WechatFailure.INVALID_CODE, 40029);
    }

    @Test
    void userinfoNeedsTheUserinfoScope() {
        WebGrant base = exchange(sandbox.webLoginCode(OFFICIAL, "alice", "snsapi_base"));
        assertFails(() -> oauth().userInfo(base), WechatFailure.REJECTED, 48001);

        WebGrant full = exchange(sandbox.webLoginCode(OFFICIAL, "bob", "snsapi_userinfo"));
        WebUserInfo info = oauth().userInfo(full);

        assertThat(info.openId()).isEqualTo(new OpenId("bob"));
        assertThat(info.nickname()).isPresent();
        assertThat(info.headImgUrl()).hasValueSatisfying(url -> assertThat(url).startsWith("https://"));
        assertThat(info.unionId()).isEqualTo(full.unionId());
    }

    @Test
    void theWebLoginNeedsNoAccessTokenAndIsCountedPerEndpoint() {
        WebGrant grant = exchange(sandbox.webLoginCode(OFFICIAL, "carol", "snsapi_userinfo"));
        oauth().userInfo(grant);

        assertThat(sandbox.stats(OFFICIAL))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("/connect/oauth2/authorize", 1L, "/sns/oauth2/access_token", 1L, "/sns/userinfo", 1L));
        assertThat(sandbox.stats(MINI)).isEmpty();
    }
}
