package dev.wxgate.adapters.wechat;

import static dev.wxgate.domain.wechat.WechatFailure.UPSTREAM_UNAVAILABLE;

import dev.wxgate.domain.wechat.WechatException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adapter core: the one HTTP client every WeChat adapter calls through. It owns the connection pool, timeouts,
 * retries, errcode mapping and the rule that no secret reaches a message or a log line.
 *
 * <p>Retries are made only where they are safe for every endpoint, including those that consume something (a
 * classic token call spends quota and rotates the token, a login or phone code works once): when WeChat answered
 * errcode -1 ("system busy, retry") and when the connection could not be opened, so the request never left. A call
 * that may have reached WeChat (a timeout while waiting, a reset, an HTTP 5xx, a garbled body) is not retried here;
 * the caller decides with the domain's knowledge.
 *
 * <p>One instance is shared by all adapters and closed by whoever built it.
 */
public final class WechatHttp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WechatHttp.class);

    /** WeChat's answers are a few hundred bytes; anything this large is not WeChat speaking. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private static final int MAX_ERRMSG_CHARS = 200;
    private static final Pattern RID = Pattern.compile("rid:\\s*([0-9A-Za-z-]{1,64})");
    private static final Pattern NOT_PRINTABLE = Pattern.compile("\\p{Cntrl}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}");

    private final WechatClientSettings settings;
    private final Supplier<URI> baseUrl;
    private final ExecutorService executor;
    private final HttpClient client;
    private final JsonMapper json;
    private final Semaphore slots;
    private final Pause pause;

    /** Waits between attempts; tests replace it to observe the pauses instead of sleeping through them. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    public WechatHttp(WechatClientSettings settings) {
        this(settings, settings::baseUrl, Thread::sleep);
    }

    /**
     * For a WeChat whose address is known only once this server runs: the sandbox embedded in wxgate on a random
     * port. {@code baseUrl} is asked on every call and replaces {@code settings.baseUrl()}.
     */
    public WechatHttp(WechatClientSettings settings, Supplier<URI> baseUrl) {
        this(settings, baseUrl, Thread::sleep);
    }

    WechatHttp(WechatClientSettings settings, Pause pause) {
        this(settings, settings::baseUrl, pause);
    }

    private WechatHttp(WechatClientSettings settings, Supplier<URI> baseUrl, Pause pause) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        // Callers block in their own (virtual) threads; the client's executor only runs short completion stages.
        // Virtual threads need no sizing, where the JDK's default would be an unbounded cached pool of platform
        // threads. Concurrency is bounded by the slots below, not by this executor.
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("wechat-http-", 0).factory());
        // HTTP/1.1 with keep-alive: the JDK pools idle connections per host and reuses them, so a steady load
        // holds about as many sockets as calls in flight. (Idle ones close after jdk.httpclient.keepalive.timeout.)
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.slots = new Semaphore(settings.maxConcurrentCalls());
    }

    /**
     * Calls WeChat and reads its answer as {@code answerType}.
     *
     * @throws WechatException for any errcode other than 0, and {@code UPSTREAM_UNAVAILABLE} for anything that is
     *     not a well-formed answer
     */
    <T> T call(WechatRequest request, Class<T> answerType) {
        String base = base();
        HttpRequest http = toHttp(request, base);
        String shown = request.shown(base);
        int attempts = settings.maxRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return decode(attempt(request, http, shown), answerType, shown);
            } catch (Retryable retryable) {
                WechatException failure = retryable.failure;
                if (attempt >= attempts) {
                    throw attempt == 1
                            ? failure
                            : new WechatException(
                                    failure.failure(),
                                    failure.errcode(),
                                    failure.getMessage() + " (gave up after " + attempt + " attempts)");
                }
                Duration delay = backoff(settings.retryBackoff(), attempt, ThreadLocalRandom.current());
                log.debug("wechat {} retry {} in {}ms", request.endpoint().path(), attempt, delay.toMillis());
                sleep(delay, shown);
            }
        }
    }

    /**
     * The pause before retry number {@code retry} (1-based): {@code base × 2^(retry-1)}, with "equal jitter": the
     * first half is fixed so retries always spread out, the second half random so that callers who failed together
     * do not come back together.
     */
    static Duration backoff(Duration base, int retry, RandomGenerator random) {
        long ceiling = base.toNanos() << Math.min(retry - 1, 20);
        if (ceiling <= 0) {
            return Duration.ZERO;
        }
        long half = ceiling / 2;
        return Duration.ofNanos(half + random.nextLong(ceiling - half + 1));
    }

    @Override
    public void close() {
        // Waits for calls in flight, which the timeouts bound.
        client.close();
        executor.close();
    }

    private JsonNode attempt(WechatRequest request, HttpRequest http, String shown) throws Retryable {
        String path = request.endpoint().path();
        takeSlot(shown);
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = send(request, http, shown, started);
        } finally {
            slots.release();
        }
        long millis = millisSince(started);
        if (response.statusCode() != 200) {
            log.debug("wechat {} http={} {}ms", path, response.statusCode(), millis);
            throw unavailable(shown + " answered HTTP " + response.statusCode());
        }
        JsonNode answer = parse(response.body(), shown, path, millis);
        int errcode = errcodeOf(answer, shown);
        String errmsg = errmsgOf(answer, request);
        String rid = ridOf(errmsg);
        log.debug("wechat {} errcode={} rid={} {}ms", path, errcode, rid, millis);
        if (errcode == 0) {
            return answer;
        }
        WechatException failure = new WechatException(
                WechatErrors.failureOf(errcode, request.endpoint()),
                OptionalInt.of(errcode),
                shown + " answered errcode " + errcode + ": " + errmsg);
        if (errcode == WechatErrors.BUSY) {
            throw new Retryable(failure);
        }
        throw failure;
    }

    private HttpResponse<byte[]> send(WechatRequest request, HttpRequest http, String shown, long started)
            throws Retryable {
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(http, CappedBody.handler(MAX_ANSWER_BYTES));
        // The request's own timeout is the JDK's bound on waiting for the answer to begin; this deadline also
        // holds when a body stalls halfway.
        Duration deadline = settings.connectTimeout().plus(settings.readTimeout());
        try {
            return pending.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            log.debug("wechat {} timeout {}ms", request.endpoint().path(), millisSince(started));
            throw unavailable(shown + " gave no complete answer within " + deadline.toMillis() + "ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(shown + " was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.debug(
                    "wechat {} failed={} {}ms",
                    request.endpoint().path(),
                    cause.getClass().getSimpleName(),
                    millisSince(started));
            // The cause is not attached: JDK and parser messages may quote URLs or bodies. Its kind and scrubbed
            // message are what an operator needs.
            String detail = cause.getMessage() == null ? "" : ": " + request.scrub(cause.getMessage());
            WechatException failure =
                    unavailable(shown + " failed: " + cause.getClass().getName() + detail);
            if (neverSent(cause)) {
                throw new Retryable(failure);
            }
            throw failure;
        }
    }

    /**
     * True when the connection could not be opened, so WeChat cannot have seen the request.
     *
     * <p>A caveat the JDK imposes and offers no switch for: it re-sends a GET once, silently, when a connection
     * closes before the first byte of an answer, and a ConnectException of that re-send then follows a request that
     * did leave. It takes WeChat dropping a connection and then refusing new ones; the worst outcome is a typed
     * failure (a login code reported as used, a reset key as invalid), never a wrong answer.
     */
    private static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void takeSlot(String shown) {
        try {
            if (!slots.tryAcquire(settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw unavailable(
                        shown + " not sent: " + settings.maxConcurrentCalls() + " calls to WeChat already in flight");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(shown + " was interrupted");
        }
    }

    private void sleep(Duration delay, String shown) {
        try {
            pause.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(shown + " was interrupted before retrying");
        }
    }

    private String base() {
        String base = baseUrl.get().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private HttpRequest toHttp(WechatRequest request, String base) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri(base))
                .timeout(settings.readTimeout())
                .header("Accept", "application/json");
        request.jsonBody()
                .ifPresentOrElse(
                        body -> builder.header("Content-Type", "application/json; charset=utf-8")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))),
                        builder::GET);
        return builder.build();
    }

    private JsonNode parse(byte[] body, String shown, String path, long millis) {
        if (body.length == 0) {
            log.debug("wechat {} empty answer {}ms", path, millis);
            throw unavailable(shown + " answered an empty body");
        }
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (JacksonException e) {
            log.debug("wechat {} malformed answer {}ms", path, millis);
            // Jackson's message may quote the body, which can hold a token or a session_key.
            throw unavailable(shown + " answered a body that is not JSON ("
                    + e.getClass().getSimpleName() + ", " + body.length + " bytes)");
        }
        if (answer == null || !answer.isObject()) {
            log.debug("wechat {} malformed answer {}ms", path, millis);
            throw unavailable(shown + " answered JSON that is not an object");
        }
        return answer;
    }

    private <T> T decode(JsonNode answer, Class<T> answerType, String shown) {
        try {
            return json.treeToValue(answer, answerType);
        } catch (JacksonException e) {
            throw unavailable(shown + " answered JSON of an unexpected shape ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static int errcodeOf(JsonNode answer, String shown) {
        JsonNode errcode = answer.get("errcode");
        if (errcode == null || errcode.isNull()) {
            return 0;
        }
        if (errcode.isIntegralNumber() && errcode.canConvertToInt()) {
            return errcode.intValue();
        }
        if (errcode.isString() && NUMBER.matcher(errcode.stringValue()).matches()) {
            return Integer.parseInt(errcode.stringValue());
        }
        throw unavailable(shown + " answered an errcode that is not a number");
    }

    /** WeChat's errmsg, scrubbed of this request's secrets, control characters (log forging) and excess length. */
    private static String errmsgOf(JsonNode answer, WechatRequest request) {
        JsonNode errmsg = answer.get("errmsg");
        if (errmsg == null || !errmsg.isString()) {
            return "";
        }
        String text = NOT_PRINTABLE.matcher(request.scrub(errmsg.stringValue())).replaceAll(" ");
        return text.length() > MAX_ERRMSG_CHARS ? text.substring(0, MAX_ERRMSG_CHARS) + "…" : text;
    }

    private static String ridOf(String errmsg) {
        Matcher rid = RID.matcher(errmsg);
        return rid.find() ? rid.group(1) : "-";
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static WechatException unavailable(String message) {
        return new WechatException(UPSTREAM_UNAVAILABLE, OptionalInt.empty(), message);
    }

    /** An attempt that failed in a way a retry cannot make worse. */
    private static final class Retryable extends Exception {
        private final transient WechatException failure;

        Retryable(WechatException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
