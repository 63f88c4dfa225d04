package dev.wxgate.adapters.delivery.webhook;

import dev.wxgate.domain.alert.AlertMessage;
import dev.wxgate.domain.alert.AlertNotSentException;
import dev.wxgate.domain.alert.AlertSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adapter: sends alert messages to the alert webhook ({@code wxgate.alerts.webhook.url}): a {@code POST} of
 * {@code {alert, app, status, summary, since, at}} signed as push webhooks are ({@link WebhookSignature}, keyed by
 * {@code wxgate.alerts.webhook.secret}: {@code X-Wxgate-Timestamp}, {@code X-Wxgate-Signature}), with
 * {@code X-Wxgate-Alert-Id} the same on every attempt. A 2xx takes it; anything else is an
 * {@link AlertNotSentException} whose reason names neither the URL (it may carry credentials in its query) nor the
 * secret. Redirects are not followed.
 */
public final class WebhookAlertSink implements AlertSink {
    static final String USER_AGENT = "wxgate-alerts/1";

    private final URI url;
    private final String secret;
    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;

    /** @param http made by {@link WebhookPushSink#httpClient(Duration)} */
    public WebhookAlertSink(URI url, String secret, HttpClient http, JsonMapper json, Clock clock) {
        this.url = Objects.requireNonNull(url, "url");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** The message as the webhook receives it. */
    public byte[] body(AlertMessage message) {
        ObjectNode body = json.createObjectNode();
        body.put("alert", message.key().kind().wireName());
        message.key().app().ifPresentOrElse(app -> body.put("app", app.value()), () -> body.putNull("app"));
        body.put("status", message.status().wireName());
        body.put("summary", message.summary());
        body.put("since", message.since().toString());
        body.put("at", message.at().toString());
        return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void send(AlertMessage message, Duration timeout) {
        byte[] payload = body(message);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("X-Wxgate-Alert-Id", message.id())
                .header("X-Wxgate-Timestamp", Long.toString(timestamp))
                .header("X-Wxgate-Signature", WebhookSignature.of(secret, timestamp, payload))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
        CompletableFuture<HttpResponse<Void>> sending = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        int status;
        try {
            status = sending.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
        } catch (TimeoutException late) {
            sending.cancel(true);
            throw new AlertNotSentException("timeout");
        } catch (InterruptedException interrupted) {
            sending.cancel(true);
            Thread.currentThread().interrupt();
            throw new AlertNotSentException("interrupted");
        } catch (ExecutionException failure) {
            throw new AlertNotSentException(WebhookPushSink.reason(failure.getCause()));
        }
        if (status < 200 || status > 299) {
            throw new AlertNotSentException("http " + status);
        }
    }

    /** Where messages go, for logs: scheme, host and port only (the path and query may carry credentials). */
    public String target() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "WebhookAlertSink[" + target() + "]";
    }
}
