package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.Fixtures.OPEN_ID;
import static dev.wxgate.adapters.wechat.Fixtures.SESSION_KEY;
import static dev.wxgate.adapters.wechat.Fixtures.app;
import static dev.wxgate.adapters.wechat.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.wechat.LoginCode;
import dev.wxgate.domain.wechat.PhoneCode;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared HTTP core, exercised through the adapters: errcodes, broken answers, retries and timeouts. */
class WechatHttpTest extends StubbedWechatTest {
    private static final String LOGIN = "/sns/jscode2session";
    private static final String PHONE = "/wxa/business/getuserphonenumber";
    private static final String CLASSIC_TOKEN = "/cgi-bin/token";
    private static final LoginCode CODE = new LoginCode("0b3Xk2000abcDEF1234567890xyzABC");
    private static final String LOGIN_ANSWER =
            "{\"openid\":\"" + OPEN_ID + "\",\"session_key\":\"" + SESSION_KEY + "\"}";

    private static String error(int errcode) {
        return "{\"errcode\":" + errcode + ",\"errmsg\":\"some reason rid: 6743a1b2-0c4d5e6f-7a8b9c0d\"}";
    }

    private WechatException loginFailure() {
        return catchThrowableOfType(WechatException.class, () -> new WechatApiLogin(http).exchange(app(), CODE));
    }

    @ParameterizedTest(name = "errcode {0} -> {1}")
    @CsvSource({
        "40029, INVALID_CODE",
        "40163, CODE_USED",
        "45011, RATE_LIMITED",
        "40226, USER_BLOCKED",
        "45009, QUOTA_EXHAUSTED",
        "40001, BAD_CREDENTIALS",
        "40013, BAD_CREDENTIALS",
        "40125, BAD_CREDENTIALS",
        "40243, BAD_CREDENTIALS",
        "41002, BAD_CREDENTIALS",
        "41004, BAD_CREDENTIALS",
        "40164, IP_NOT_WHITELISTED",
        "89503, IP_NOT_WHITELISTED",
        "87009, INVALID_SIGNATURE",
        "87008, INVALID_SIGNATURE",
        "40014, INVALID_TOKEN",
        "41001, INVALID_TOKEN",
        "42001, EXPIRED_TOKEN",
        "40002, REJECTED",
        "48001, REJECTED",
        "-1, UPSTREAM_BUSY"
    })
    void errcodesOfACallWithoutTokenMapToFailures(int errcode, WechatFailure expected) {
        wechat.onJson(LOGIN, error(errcode));

        WechatException failure = loginFailure();

        assertThat(failure.failure()).isEqualTo(expected);
        assertThat(failure.errcode()).hasValue(errcode);
        assertThat(failure.getMessage()).contains("errcode " + errcode, "rid: 6743a1b2-0c4d5e6f-7a8b9c0d");
    }

    @ParameterizedTest(name = "errcode {0} -> {1}")
    @CsvSource({
        "40001, INVALID_TOKEN",
        "40014, INVALID_TOKEN",
        "41001, INVALID_TOKEN",
        "42001, EXPIRED_TOKEN",
        "40029, INVALID_CODE",
        "45009, QUOTA_EXHAUSTED",
        "40164, IP_NOT_WHITELISTED",
        "40002, REJECTED"
    })
    void errcodesOfACallWithATokenMapToFailures(int errcode, WechatFailure expected) {
        wechat.onJson(PHONE, error(errcode));

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> new WechatApiPhoneNumbers(http).exchange(app(), token(), new PhoneCode("c0de")))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(expected);
                    assertThat(e.errcode()).hasValue(errcode);
                });
    }

    @ParameterizedTest(name = "errcode {0} -> {1}")
    @CsvSource({
        "40001, BAD_CREDENTIALS",
        "40002, REJECTED",
        "40013, BAD_CREDENTIALS",
        "40125, BAD_CREDENTIALS",
        "40164, IP_NOT_WHITELISTED",
        "40243, BAD_CREDENTIALS",
        "41002, BAD_CREDENTIALS",
        "41004, BAD_CREDENTIALS",
        "45009, QUOTA_EXHAUSTED",
        "89503, IP_NOT_WHITELISTED"
    })
    void errcodesOfATokenCallMapToFailures(int errcode, WechatFailure expected) {
        wechat.onJson(CLASSIC_TOKEN, error(errcode));
        WechatApiTokenSource tokens = new WechatApiTokenSource(http, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));

        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> tokens.fetch(app(TokenMode.CLASSIC), false))
                .satisfies(e -> {
                    assertThat(e.failure()).isEqualTo(expected);
                    assertThat(e.errcode()).hasValue(errcode);
                });
    }

    @Test
    void anErrcodeSentAsAStringIsStillAnErrcode() {
        wechat.onJson(LOGIN, "{\"errcode\":\"40029\",\"errmsg\":\"invalid code\"}");

        assertThat(loginFailure().failure()).isEqualTo(WechatFailure.INVALID_CODE);
    }

    @Test
    void errcodeZeroIsSuccess() {
        wechat.onJson(
                LOGIN,
                "{\"errcode\":0,\"errmsg\":\"ok\",\"openid\":\"" + OPEN_ID + "\",\"session_key\":\"" + SESSION_KEY
                        + "\"}");

        assertThat(new WechatApiLogin(http).exchange(app(), CODE).openId().value())
                .isEqualTo(OPEN_ID);
    }

    static Stream<Arguments> brokenAnswers() {
        return Stream.of(
                Arguments.of(Named.of("HTTP 502", StubWechat.status(502, "<html>Bad Gateway</html>"))),
                Arguments.of(Named.of("HTTP 500 with a JSON errcode", StubWechat.status(500, "{\"errcode\":-1}"))),
                Arguments.of(Named.of("HTTP 302", StubWechat.status(302, ""))),
                Arguments.of(Named.of("HTML", StubWechat.json("<html><body>nginx</body></html>"))),
                Arguments.of(Named.of("empty body", StubWechat.json(""))),
                Arguments.of(Named.of("truncated JSON", StubWechat.json("{\"openid\":\"" + OPEN_ID + "\",\"sess"))),
                Arguments.of(Named.of("body cut short", StubWechat.cutShort("{\"openid\":\"" + OPEN_ID, 500))),
                Arguments.of(Named.of("JSON array", StubWechat.json("[1,2,3]"))),
                Arguments.of(Named.of("JSON string", StubWechat.json("\"ok\""))),
                Arguments.of(Named.of("JSON followed by junk", StubWechat.json(LOGIN_ANSWER + " trailing"))),
                Arguments.of(Named.of("errcode not a number", StubWechat.json("{\"errcode\":\"busy\"}"))),
                Arguments.of(Named.of("errcode a fraction", StubWechat.json("{\"errcode\":1.5}"))),
                Arguments.of(Named.of("oversized", StubWechat.json("{\"openid\":\"" + "o".repeat(70_000) + "\"}"))),
                Arguments.of(Named.of("missing fields", StubWechat.json("{}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenAnswers")
    void anAnswerThatIsNotWechatsProtocolIsUpstreamUnavailableAndNotRetried(StubWechat.Reply reply) {
        wechat.on(LOGIN, reply);

        WechatException failure = loginFailure();

        assertThat(failure.failure()).isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
        assertThat(failure.errcode()).isEmpty();
        assertThat(wechat.calls(LOGIN)).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void busyIsRetriedUpToTheLimitThenReported() {
        wechat.onJson(LOGIN, error(-1));

        WechatException failure = loginFailure();

        assertThat(failure.failure()).isEqualTo(WechatFailure.UPSTREAM_BUSY);
        assertThat(failure.errcode()).hasValue(-1);
        assertThat(failure.getMessage()).contains("gave up after 3 attempts");
        assertThat(wechat.calls(LOGIN)).hasSize(3);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void busyThenAnswerSucceedsOnTheSecondCall() {
        wechat.on(LOGIN, StubWechat.json(error(-1)), StubWechat.json(LOGIN_ANSWER));

        assertThat(new WechatApiLogin(http).exchange(app(), CODE).openId().value())
                .isEqualTo(OPEN_ID);
        assertThat(wechat.calls(LOGIN)).hasSize(2);
        assertThat(pauses).hasSize(1);
    }

    @Test
    void pausesGrowExponentiallyWithJitter() {
        wechat.onJson(LOGIN, error(-1));

        loginFailure();

        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void backoffStaysWithinHalfAndAllOfItsExponentialCeiling() {
        SplittableRandom random = new SplittableRandom(42);
        Duration base = Duration.ofMillis(100);
        for (int retry = 1; retry <= 6; retry++) {
            Duration ceiling = base.multipliedBy(1L << (retry - 1));
            for (int sample = 0; sample < 200; sample++) {
                assertThat(WechatHttp.backoff(base, retry, random)).isBetween(ceiling.dividedBy(2), ceiling);
            }
        }
        assertThat(WechatHttp.backoff(Duration.ZERO, 3, random)).isZero();
    }

    @Test
    void noRetriesWhenNoneAreConfigured() {
        wechat.onJson(LOGIN, error(-1));
        try (WechatHttp once = client(settings().withRetries(0, Duration.ofMillis(100)))) {
            assertThatExceptionOfType(WechatException.class)
                    .isThrownBy(() -> new WechatApiLogin(once).exchange(app(), CODE))
                    .extracting(WechatException::failure)
                    .isEqualTo(WechatFailure.UPSTREAM_BUSY);
        }
        assertThat(wechat.calls(LOGIN)).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"40029", "40163", "45011", "40226", "45009", "40001", "40164", "40002"})
    void otherErrcodesAreNotRetried(int errcode) {
        wechat.onJson(LOGIN, error(errcode));

        loginFailure();

        assertThat(wechat.calls(LOGIN)).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aRefusedConnectionIsRetriedBecauseTheRequestNeverLeft() throws IOException {
        int port = freePort();
        try (WechatHttp refused = client(settings().withBaseUrl(URI.create("http://127.0.0.1:" + port)))) {
            assertThatExceptionOfType(WechatException.class)
                    .isThrownBy(() -> new WechatApiLogin(refused).exchange(app(), CODE))
                    .satisfies(e -> {
                        assertThat(e.failure()).isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("ConnectException", "gave up after 3 attempts");
                    });
        }
        assertThat(pauses).hasSize(2);
    }

    @Test
    void aRefusedConnectionThatRecoversIsAnsweredOnce() throws IOException {
        int port = freePort();
        AtomicReference<StubWechat> revived = new AtomicReference<>();
        WechatClientSettings settings = settings().withBaseUrl(URI.create("http://127.0.0.1:" + port));
        try (WechatHttp client = new WechatHttp(settings, pause -> {
            pauses.add(pause);
            revived.compareAndSet(null, startOn(port).on(LOGIN, StubWechat.json(LOGIN_ANSWER)));
        })) {
            assertThat(new WechatApiLogin(client).exchange(app(), CODE).openId().value())
                    .isEqualTo(OPEN_ID);
            assertThat(revived.get().calls(LOGIN)).hasSize(1);
            assertThat(pauses).hasSize(1);
        } finally {
            if (revived.get() != null) {
                revived.get().close();
            }
        }
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsUpstreamUnavailableAndNotRetried() {
        wechat.on(LOGIN, StubWechat.silent());
        try (WechatHttp impatient = client(settings().withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300)))) {
            assertThatExceptionOfType(WechatException.class)
                    .isThrownBy(() -> new WechatApiLogin(impatient).exchange(app(), CODE))
                    .extracting(WechatException::failure)
                    .isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
        }
        assertThat(wechat.calls(LOGIN)).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    /**
     * Documents a JDK behaviour this adapter cannot switch off: a GET whose connection closes before any byte of the
     * answer is re-sent once by the JDK itself. wxgate adds no retry of its own on top, and a POST is never re-sent.
     */
    @Test
    void aConnectionDroppedBeforeAnyAnswerIsNotRetriedByWxgate() {
        wechat.on(LOGIN, StubWechat.hangUp());
        wechat.on(PHONE, StubWechat.hangUp());

        assertThat(loginFailure().failure()).isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
        assertThatExceptionOfType(WechatException.class)
                .isThrownBy(() -> new WechatApiPhoneNumbers(http).exchange(app(), token(), new PhoneCode("c0de")))
                .extracting(WechatException::failure)
                .isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);

        assertThat(wechat.calls(LOGIN)).as("the JDK's own re-send of a GET").hasSize(2);
        assertThat(wechat.calls(PHONE)).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aBaseUrlWithAPathPrefixIsKept() {
        wechat.onJson("/_sandbox/wechat" + LOGIN, LOGIN_ANSWER);
        URI sandbox = URI.create(wechat.baseUrl() + "/_sandbox/wechat/");
        try (WechatHttp embedded = client(settings().withBaseUrl(sandbox))) {
            assertThat(new WechatApiLogin(embedded)
                            .exchange(app(), CODE)
                            .openId()
                            .value())
                    .isEqualTo(OPEN_ID);
        }
        assertThat(wechat.calls("/_sandbox/wechat" + LOGIN)).hasSize(1);
    }

    @Test
    void callsBeyondTheConcurrencyCapFailFastWithoutReachingWechat() throws Exception {
        wechat.on(LOGIN, StubWechat.silent());
        WechatClientSettings oneAtATime = settings()
                .withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(20))
                .withRetries(0, Duration.ZERO)
                .withMaxConcurrentCalls(1);
        try (WechatHttp narrow = client(oneAtATime);
                var background = Executors.newVirtualThreadPerTaskExecutor()) {
            WechatApiLogin login = new WechatApiLogin(narrow);
            CompletableFuture<?> first = CompletableFuture.runAsync(() -> login.exchange(app(), CODE), background);
            awaitCalls(LOGIN, 1);

            assertThatExceptionOfType(WechatException.class)
                    .isThrownBy(() -> login.exchange(app(), new LoginCode("second-code")))
                    .satisfies(e -> {
                        assertThat(e.failure()).isEqualTo(WechatFailure.UPSTREAM_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("1 calls to WeChat already in flight");
                    });
            assertThat(wechat.calls(LOGIN)).hasSize(1);

            wechat.close();
            assertThat(first).failsWithin(30, TimeUnit.SECONDS);
        }
    }

    private void awaitCalls(String path, int count) throws InterruptedException {
        for (int i = 0; i < 500 && wechat.calls(path).size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(wechat.calls(path)).hasSize(count);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static StubWechat startOn(int port) {
        try {
            return StubWechat.startOn(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
