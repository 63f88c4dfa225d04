package dev.wxgate.adapters.wechat;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Configuration of the WeChat client: where WeChat is, how long to wait, how often to retry and how many calls may be
 * in flight at once.
 *
 * <p>{@code baseUrl} may carry a path, e.g. {@code http://localhost:8080/_sandbox/wechat} for the in-process sandbox;
 * endpoint paths are appended to it. {@code connectTimeout} bounds opening a TCP (and TLS) connection;
 * {@code readTimeout} bounds the wait for WeChat's answer (the JDK's request timeout), and a body that stalls after
 * it began is cut at {@code connectTimeout + readTimeout}. A call is tried at
 * most {@code 1 + maxRetries} times, and only when a retry is safe (see {@link WechatHttp}); the n-th retry waits
 * {@code retryBackoff × 2^(n-1)}, jittered to between half and all of that. So the worst case of one call is about
 * {@code (1 + maxRetries) × (connectTimeout + readTimeout)} plus the pauses. {@code maxConcurrentCalls} caps calls in
 * flight (and so connections to WeChat, as the JDK client opens one per concurrent HTTP/1.1 exchange); a caller that
 * finds no free slot within {@code connectTimeout} fails fast instead of queueing without bound.
 */
public record WechatClientSettings(
        URI baseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        int maxRetries,
        Duration retryBackoff,
        int maxConcurrentCalls) {

    public static final URI WECHAT_API = URI.create("https://api.weixin.qq.com");

    public WechatClientSettings {
        requireBaseUrl(baseUrl);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be between 0 and 10");
        }
        if (retryBackoff == null || retryBackoff.isNegative() || retryBackoff.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("retryBackoff must be between 0 and 1 minute");
        }
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be at least 1");
        }
    }

    /**
     * WeChat itself, 2 s to connect, 5 s to answer, 2 retries from 200 ms, 64 calls in flight: WeChat answers in tens
     * of milliseconds, so 64 concurrent calls carry thousands of calls a second while bounding sockets and memory.
     */
    public static WechatClientSettings defaults() {
        return new WechatClientSettings(
                WECHAT_API, Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(200), 64);
    }

    public WechatClientSettings withBaseUrl(URI url) {
        return new WechatClientSettings(url, connectTimeout, readTimeout, maxRetries, retryBackoff, maxConcurrentCalls);
    }

    public WechatClientSettings withTimeouts(Duration connect, Duration read) {
        return new WechatClientSettings(baseUrl, connect, read, maxRetries, retryBackoff, maxConcurrentCalls);
    }

    public WechatClientSettings withRetries(int retries, Duration backoff) {
        return new WechatClientSettings(baseUrl, connectTimeout, readTimeout, retries, backoff, maxConcurrentCalls);
    }

    public WechatClientSettings withMaxConcurrentCalls(int calls) {
        return new WechatClientSettings(baseUrl, connectTimeout, readTimeout, maxRetries, retryBackoff, calls);
    }

    private static void requireBaseUrl(URI url) {
        if (url == null) {
            throw new IllegalArgumentException("baseUrl is required");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL with a host");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl must not carry a query, fragment or user info");
        }
    }

    private static void requirePositive(Duration duration, String field) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }
}
