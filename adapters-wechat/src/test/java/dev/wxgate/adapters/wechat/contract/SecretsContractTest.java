package dev.wxgate.adapters.wechat.contract;

import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI;
import static dev.wxgate.adapters.wechat.contract.ContractApps.MINI_SECRET;
import static dev.wxgate.adapters.wechat.contract.ContractApps.mini;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.wxgate.adapters.wechat.WechatApiLogin;
import dev.wxgate.adapters.wechat.WechatHttp;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.LoginCode;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Contract: a call the sandbox refuses, or cannot answer, leaves no secret, code, token, session_key or signature in
 * the exception (message, {@code toString()}, causes) nor in the adapters' log lines at DEBUG, with WeChat's real
 * errmsg texts on the wire. {@code WechatSecretsTest} covers hostile echoes of secrets against a stub.
 */
class SecretsContractTest extends SandboxContractTest {
    private static final String WRONG_SECRET = "5ecre75ecre75ecre75ecre75ecre7ab";
    /** A code WeChat would never issue, with characters that URL encodings write differently. */
    private static final String ODD_CODE = "0dd code+with&reserved=chars/登录";

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.wxgate.adapters.wechat");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level previousLevel;

    /** Every value of the test that must never be shown. */
    private final List<String> secrets = new ArrayList<>(List.of(MINI_SECRET, WRONG_SECRET));

    @BeforeEach
    void captureLogs() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setLevel(previousLevel);
    }

    private void secret(String value) {
        secrets.add(value);
        secrets.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        secrets.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private void secret(SessionKey key) {
        secret(key.reveal());
        secret(signatureOf(key));
    }

    @Test
    void aRefusedTokenCallShowsNeitherTheSecretSentNorTheRightOne() {
        WechatApp classic = ContractApps.app(MINI, WRONG_SECRET, AppType.MINI_PROGRAM, TokenMode.CLASSIC);
        WechatApp stable = ContractApps.app(MINI, WRONG_SECRET, AppType.MINI_PROGRAM, TokenMode.STABLE);

        List<WechatException> failures = List.of(
                assertFails(() -> tokens().fetch(classic, false), WechatFailure.BAD_CREDENTIALS, 40125),
                assertFails(() -> tokens().fetch(stable, false), WechatFailure.BAD_CREDENTIALS, 40125));

        assertThat(failures.get(0).getMessage()).contains("/cgi-bin/token", "secret=****", "40125");
        assertThat(failures.get(1).getMessage()).contains("/cgi-bin/stable_token", "40125");
        assertNothingSecretIn(failures);
    }

    @Test
    void aRefusedLoginShowsNeitherTheCodeNorTheSecret() {
        secret(ODD_CODE);
        String used = sandbox.loginCode(MINI, "alice");
        secret(used);
        String blocked = sandbox.loginCode(MINI, "mallory");
        secret(blocked);
        CodeSession alice = login().exchange(mini(), new LoginCode(used));
        secret(alice.sessionKey());
        sandbox.block(MINI, "mallory");

        List<WechatException> failures = List.of(
                assertFails(() -> login().exchange(mini(), new LoginCode(ODD_CODE)), WechatFailure.INVALID_CODE, 40029),
                assertFails(() -> login().exchange(mini(), new LoginCode(used)), WechatFailure.CODE_USED, 40163),
                assertFails(() -> login().exchange(mini(), new LoginCode(blocked)), WechatFailure.USER_BLOCKED, 40226));

        assertThat(failures.get(0).getMessage()).contains("/sns/jscode2session", "js_code=****", "secret=****");
        assertNothingSecretIn(failures);
    }

    @Test
    void aRefusedCallWithATokenShowsNeitherTheTokenNorTheKeyNorTheCode() {
        CodeSession alice = logIn(mini(), "alice");
        secret(alice.sessionKey());
        AccessToken old = tokens().fetch(mini(), false);
        secret(old.value());
        AccessToken current = tokens().fetch(mini(), true);
        secret(current.value());
        SessionKey renewed = sessionKeys().reset(mini(), current, alice.openId(), alice.sessionKey());
        secret(renewed);
        String phoneCode = sandbox.phoneCode(MINI, "alice", "13800138000");
        secret(phoneCode);
        phoneNumber(mini(), current, phoneCode);

        List<WechatException> failures = List.of(
                assertFails(() -> isValid(mini(), old, alice), WechatFailure.INVALID_TOKEN, 40001),
                assertFails(
                        () -> sessionKeys().reset(mini(), current, alice.openId(), alice.sessionKey()),
                        WechatFailure.INVALID_SIGNATURE,
                        87009),
                assertFails(() -> phoneNumber(mini(), current, phoneCode), WechatFailure.CODE_USED, 40163),
                assertFails(() -> phoneNumber(mini(), old, phoneCode), WechatFailure.INVALID_TOKEN, 40001));

        assertThat(failures.get(0).getMessage()).contains("access_token=****", "signature=****");
        assertNothingSecretIn(failures);
    }

    @Test
    void aCallThatGaveUpOrFoundWechatDownShowsNoSecret() {
        String code = sandbox.loginCode(MINI, "alice");
        secret(code);
        sandbox.fault("/cgi-bin/token", 0, 1.0, false);
        sandbox.fault("/sns/jscode2session", 0, 0, true);

        List<WechatException> failures = List.of(
                assertFails(() -> tokens().fetch(mini(TokenMode.CLASSIC), false), WechatFailure.UPSTREAM_BUSY, -1),
                assertFailsWithoutErrcode(
                        () -> login().exchange(mini(), new LoginCode(code)), WechatFailure.UPSTREAM_UNAVAILABLE));

        assertNothingSecretIn(failures);
    }

    @Test
    void aCallThatTimedOutShowsNoSecret() {
        String code = sandbox.loginCode(MINI, "alice");
        secret(code);
        sandbox.fault("/sns/jscode2session", 1_000, 0, false);

        WechatException timedOut;
        try (WechatHttp impatient =
                new WechatHttp(settings().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200)))) {
            timedOut = assertFailsWithoutErrcode(
                    () -> new WechatApiLogin(impatient).exchange(mini(), new LoginCode(code)),
                    WechatFailure.UPSTREAM_UNAVAILABLE);
        }

        assertNothingSecretIn(List.of(timedOut));
    }

    private void assertNothingSecretIn(List<WechatException> failures) {
        List<String> shown = new ArrayList<>();
        for (WechatException failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                shown.add(t.toString());
            }
        }
        for (ILoggingEvent event : logs.list) {
            shown.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                shown.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        assertThat(logs.list).as("the adapters' log lines").isNotEmpty();
        for (String text : shown) {
            for (String secret : secrets) {
                assertThat(text).as("shown text").doesNotContain(secret);
            }
        }
    }

    /** The checksession signature of {@code key}: a fixed function of the key, so as secret as the key. */
    private static String signatureOf(SessionKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
