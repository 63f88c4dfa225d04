package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.Fixtures.NOW;
import static dev.wxgate.adapters.wechat.Fixtures.SECRET;
import static dev.wxgate.adapters.wechat.Fixtures.SESSION_KEY;
import static dev.wxgate.adapters.wechat.Fixtures.SESSION_KEY_SIGNATURE;
import static dev.wxgate.adapters.wechat.Fixtures.TOKEN_VALUE;
import static dev.wxgate.adapters.wechat.Fixtures.app;
import static dev.wxgate.adapters.wechat.Fixtures.openId;
import static dev.wxgate.adapters.wechat.Fixtures.sessionKey;
import static dev.wxgate.adapters.wechat.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.wechat.LoginCode;
import dev.wxgate.domain.wechat.PhoneCode;
import dev.wxgate.domain.wechat.WechatException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No secret, code, token or session_key reaches an exception message or a log line, whatever WeChat echoes. */
class WechatSecretsTest extends StubbedWechatTest {
    private static final String JS_CODE = "CODE+with&odd=chars 登录-0123456789";
    private static final String PHONE_CODE = "e31968a7f94cc5ee25fafc2aef2773f0bb8c3937";
    private static final String FRESH_TOKEN = "87_FRESHtokenNeverToBeSeen_0123456789abcdefABCDEF";

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.wxgate.adapters.wechat");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level previousLevel;

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

    private static List<String> secrets() {
        return List.of(
                SECRET,
                TOKEN_VALUE,
                FRESH_TOKEN,
                JS_CODE,
                URLEncoder.encode(JS_CODE, StandardCharsets.UTF_8),
                WechatRequest.encode(JS_CODE),
                PHONE_CODE,
                SESSION_KEY,
                SESSION_KEY_SIGNATURE);
    }

    private static String echoing(int errcode, String... echoed) {
        return "{\"errcode\":" + errcode + ",\"errmsg\":\"bad value " + String.join(" / ", echoed)
                + " rid: 5f1e2d3c-4b5a6978-8796a5b4\"}";
    }

    @Test
    void failuresNeverShowSecretsEvenWhenWechatEchoesThem() throws IOException {
        WechatApiTokenSource tokens = new WechatApiTokenSource(http, Clock.fixed(NOW, ZoneOffset.UTC));
        WechatApiLogin login = new WechatApiLogin(http);
        WechatApiPhoneNumbers phones = new WechatApiPhoneNumbers(http);
        WechatApiSessionKeyCheck check = new WechatApiSessionKeyCheck(http);
        wechat.onJson("/cgi-bin/token", echoing(40125, SECRET));
        wechat.on(
                "/cgi-bin/stable_token",
                StubWechat.json(echoing(40013, SECRET)),
                StubWechat.json("{\"access_token\":\"" + FRESH_TOKEN + "\",\"expires_in\":"),
                StubWechat.json("{\"access_token\":\"" + FRESH_TOKEN + " \",\"expires_in\":7200}"),
                StubWechat.status(502, FRESH_TOKEN));
        wechat.onJson(
                "/sns/jscode2session",
                echoing(
                        40029,
                        JS_CODE,
                        URLEncoder.encode(JS_CODE, StandardCharsets.UTF_8),
                        WechatRequest.encode(JS_CODE),
                        SECRET));
        wechat.onJson("/wxa/business/getuserphonenumber", echoing(40001, TOKEN_VALUE, PHONE_CODE));
        wechat.onJson("/wxa/checksession", echoing(40014, TOKEN_VALUE, SESSION_KEY_SIGNATURE, SESSION_KEY));
        wechat.onJson("/wxa/resetusersessionkey", echoing(40002, TOKEN_VALUE, SESSION_KEY_SIGNATURE, SESSION_KEY));

        List<String> messages = new ArrayList<>();
        messages.add(failureOf(() -> tokens.fetch(app(TokenMode.CLASSIC), false)));
        for (int i = 0; i < 4; i++) {
            messages.add(failureOf(() -> tokens.fetch(app(TokenMode.STABLE), true)));
        }
        messages.add(failureOf(() -> login.exchange(app(), new LoginCode(JS_CODE))));
        messages.add(failureOf(() -> phones.exchange(app(), token(), new PhoneCode(PHONE_CODE))));
        messages.add(failureOf(() -> check.isValid(app(), token(), openId(), sessionKey())));
        messages.add(failureOf(() -> check.reset(app(), token(), openId(), sessionKey())));
        try (WechatHttp refused = client(settings().withBaseUrl(URI.create("http://127.0.0.1:" + freePort())))) {
            messages.add(failureOf(() -> new WechatApiLogin(refused).exchange(app(), new LoginCode(JS_CODE))));
        }
        wechat.on("/sns/jscode2session", StubWechat.silent());
        try (WechatHttp impatient = client(settings().withTimeouts(Duration.ofMillis(500), Duration.ofMillis(200)))) {
            messages.add(failureOf(() -> new WechatApiLogin(impatient).exchange(app(), new LoginCode(JS_CODE))));
        }

        assertThat(messages).hasSize(11).allSatisfy(message -> assertThat(message)
                .doesNotContain(secrets()));
        assertThat(messages.get(0)).contains("secret=****", "appid=" + Fixtures.APP_ID, "rid: 5f1e2d3c");
        assertThat(messages.get(5)).contains("js_code=****", "secret=****");
        assertThat(messages.get(6)).contains("access_token=****");
        assertThat(messages.get(7)).contains("access_token=****", "signature=****");

        List<String> lines = logs.list.stream().map(WechatSecretsTest::render).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(secrets()));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("errcode=40125", "rid=5f1e2d3c-4b5a6978"));
    }

    private static String failureOf(ThrowingCallable call) {
        WechatException failure = catchThrowableOfType(WechatException.class, call);
        assertThat(failure).as("expected a WechatException").isNotNull();
        StringBuilder all = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            all.append(" / ").append(cause);
        }
        return all.toString();
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            line.append(" / ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
        }
        return line.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
