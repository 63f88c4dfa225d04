package dev.wxgate.adapters.wechat.contract;

import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI;
import static dev.wxgate.adapters.wechat.contract.ContractApps.mini;
import static dev.wxgate.adapters.wechat.contract.ContractApps.official;
import static dev.wxgate.adapters.wechat.contract.ContractApps.twin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.WechatFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract: session_key checks and resets through the sandbox's {@code /wxa/checksession} and
 * {@code /wxa/resetusersessionkey} and {@link dev.wxgate.adapters.wechat.WechatApiSessionKeyCheck}.
 *
 * <p>The adapter signs with its own HMAC code and the sandbox verifies with its own, so a "valid" answer proves the
 * two agree; {@link #theSandboxVerifiesTheDocumentedHmacOfTheKeyText} pins the sandbox to WeChat's documented formula
 * with a third implementation, here.
 */
class SessionKeyContractTest extends SandboxContractTest {
    private AccessToken token;
    private CodeSession alice;

    @BeforeEach
    void logInAlice() {
        token = token(mini());
        alice = logIn(mini(), "alice");
    }

    @Test
    void theSessionKeyOfTheLastLoginIsValid() {
        assertThat(isValid(mini(), token, alice)).isTrue();
        assertThat(sandbox.calls(MINI, "/wxa/checksession")).isEqualTo(1);
    }

    @Test
    void aResetReplacesTheKeyAndTheOldOneDies() {
        SessionKey renewed = sessionKeys().reset(mini(), token, alice.openId(), alice.sessionKey());

        assertThat(renewed).isNotEqualTo(alice.sessionKey());
        assertThat(renewed.aesKey()).hasSize(16);
        assertThat(isValid(mini(), token, alice.openId(), alice.sessionKey())).isFalse();
        assertThat(isValid(mini(), token, alice.openId(), renewed)).isTrue();
    }

    @Test
    void aResetWithAStaleKeyIsInvalidSignature() {
        SessionKey renewed = sessionKeys().reset(mini(), token, alice.openId(), alice.sessionKey());

        assertFails(
                () -> sessionKeys().reset(mini(), token, alice.openId(), alice.sessionKey()),
                WechatFailure.INVALID_SIGNATURE,
                87009);
        assertThat(isValid(mini(), token, alice.openId(), renewed)).isTrue();
    }

    @Test
    void aNewLoginReplacesTheSessionKey() {
        CodeSession again = logIn(mini(), "alice");

        assertThat(isValid(mini(), token, alice)).isFalse();
        assertThat(isValid(mini(), token, again)).isTrue();
    }

    @Test
    void aSessionKeyDiesAfterThreeDaysAndAResetKeepsItsExpiry() {
        sandbox.advanceClock(Duration.ofDays(2));
        AccessToken later = token(mini());
        SessionKey renewed = sessionKeys().reset(mini(), later, alice.openId(), alice.sessionKey());
        assertThat(isValid(mini(), later, alice.openId(), renewed)).isTrue();

        sandbox.advanceClock(Duration.ofDays(1));
        AccessToken last = token(mini());

        assertThat(isValid(mini(), last, alice.openId(), renewed)).isFalse();
    }

    @Test
    void anOpenidWechatDoesNotKnowIsRejectedWithItsErrcode() {
        assertFails(
                () -> isValid(mini(), token, new OpenId("nobody"), alice.sessionKey()), WechatFailure.REJECTED, 40003);
    }

    @Test
    void anOpenidOfAnotherAppOnlyIsAnInvalidToken() {
        CodeSession bobInTwin = logIn(twin(), "bob");

        // The sandbox reads it as the other app's token being needed: the one sent is not the right credential.
        assertFails(() -> isValid(mini(), token, bobInTwin), WechatFailure.INVALID_TOKEN, 40001);
    }

    @Test
    void anOfficialAccountsTokenIsRefusedAsBadCredentials() {
        AccessToken officialToken = token(official());

        assertFails(() -> isValid(mini(), officialToken, alice), WechatFailure.BAD_CREDENTIALS, 40013);
    }

    @Test
    void theSandboxVerifiesTheDocumentedHmacOfTheKeyText() {
        String key = alice.sessionKey().reveal();
        String ofText = hmacSha256Hex(key.getBytes(StandardCharsets.UTF_8));
        String ofDecodedKey = hmacSha256Hex(alice.sessionKey().aesKey());

        RunningSandbox.Reply valid = checkSessionRaw(ofText);
        RunningSandbox.Reply upperCase = checkSessionRaw(ofText.toUpperCase(Locale.ROOT));
        RunningSandbox.Reply wrongKeyBytes = checkSessionRaw(ofDecodedKey);

        assertThat(valid.errcode()).isZero();
        assertThat(valid.errmsg()).isEqualTo("ok");
        assertThat(upperCase.errcode()).isZero();
        assertThat(wrongKeyBytes.status()).isEqualTo(200);
        assertThat(wrongKeyBytes.errcode()).isEqualTo(87009);
    }

    private RunningSandbox.Reply checkSessionRaw(String signature) {
        return sandbox.get("/wxa/checksession?access_token=" + URLEncoder.encode(token.value(), StandardCharsets.UTF_8)
                + "&openid=alice&signature=" + signature + "&sig_method=hmac_sha256");
    }

    /** WeChat's formula, written here independently of both the adapter and the sandbox: hex(HMAC-SHA256(key, "")). */
    private static String hmacSha256Hex(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(new byte[0]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
