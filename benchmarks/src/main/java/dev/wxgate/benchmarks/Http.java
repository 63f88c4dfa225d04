package dev.wxgate.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The driver's HTTP helpers: keep-alive HTTP/1.1 to 127.0.0.1 only, and the two JSON fields it reads. */
final class Http {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Http() {}

    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Every address the driver builds is loopback: the port is the only variable part. */
    static URI local(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static HttpRequest.Builder get(int port, String path) {
        return HttpRequest.newBuilder(local(port, path)).timeout(TIMEOUT).GET();
    }

    static HttpRequest.Builder post(int port, String path, String json) {
        return HttpRequest.newBuilder(local(port, path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    }

    static HttpRequest.Builder form(int port, String path, String body) {
        return HttpRequest.newBuilder(local(port, path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpRequest.Builder put(int port, String path, String json) {
        return HttpRequest.newBuilder(local(port, path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
    }

    /** Sends and answers the body; anything but a 2xx status is a failure. */
    static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body();
            throw new IllegalStateException(
                    request.method() + " " + request.uri().getPath() + " answered " + response.statusCode() + ": "
                            + body.substring(0, Math.min(200, body.length())));
        }
        return response.body();
    }

    /** The string value of a top-level-looking JSON field; the driver reads only {@code code} and {@code token}. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return m.group(1);
    }
}
