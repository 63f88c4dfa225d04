package dev.wxgate.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Outbound: one POST as WeChat's push makes it, or the GET of its URL verification (HTTP/1.1, 5 s to answer, no redirects, no proxy). */
final class CallbackHttp {
    /** WeChat waits 5 s for a reply, then gives up on that try. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Replies are a few hundred bytes; anything past this is cut. */
    static final int MAX_REPLY_BYTES = 1024 * 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * What came back: the HTTP status (null when there was no answer), the time taken, the body (null when none) and
     * why there was no answer.
     */
    record Answer(Integer status, long elapsedMillis, String body, String error) {}

    Answer post(URI uri, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .header("User-Agent", "Mozilla/4.0 (wxgate wechat-sandbox push)")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    /** The GET of WeChat's URL verification, sent when a callback URL is saved in its admin. */
    Answer get(URI uri) {
        return send(HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("User-Agent", "Mozilla/4.0 (wxgate wechat-sandbox push)")
                .GET()
                .build());
    }

    private Answer send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_REPLY_BYTES + 1);
                String error = bytes.length > MAX_REPLY_BYTES ? "reply longer than 1 MiB, cut" : null;
                int length = Math.min(bytes.length, MAX_REPLY_BYTES);
                return new Answer(
                        response.statusCode(),
                        elapsed(start),
                        new String(bytes, 0, length, StandardCharsets.UTF_8),
                        error);
            }
        } catch (HttpTimeoutException e) {
            return new Answer(null, elapsed(start), null, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new Answer(
                    null, elapsed(start), null, "no answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, elapsed(start), null, "interrupted");
        }
    }

    private static long elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
