package dev.wxgate.adapters.delivery.webhook;

import dev.wxgate.adapters.delivery.DeliveryBody;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Forwarding;
import dev.wxgate.domain.delivery.PushSink;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter: delivers a stored push to its app's webhook ({@code wxgate.apps[N].forward.url}): a signed {@code POST} of
 * the {@link DeliveryBody} with {@code X-Wxgate-Delivery-Id} (the same on every attempt), {@code X-Wxgate-Timestamp}
 * (this attempt's, in epoch seconds), {@code X-Wxgate-Signature} ({@link WebhookSignature}) and
 * {@code X-Wxgate-Attempt}. A 2xx delivers, and its body, when there is one, may hold the passive reply
 * ({@link WebhookReplies}); anything else fails with a reason that names no URL, no secret and no message. Redirects
 * are not followed: the configured URL is the one that gets the push.
 */
public final class WebhookPushSink implements PushSink {
    /** The most of an answer read: a passive reply is far smaller. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;

    static final String USER_AGENT = "wxgate-webhook/1";

    private static final Logger log = LoggerFactory.getLogger(WebhookPushSink.class);

    private final Forwarding forwarding;
    private final DeliveryBody body;
    private final WebhookReplies replies;
    private final HttpClient http;
    private final Clock clock;

    /** @param http made by {@link #httpClient(Duration)} */
    public WebhookPushSink(
            Forwarding forwarding, DeliveryBody body, WebhookReplies replies, HttpClient http, Clock clock) {
        this.forwarding = forwarding;
        this.body = body;
        this.replies = replies;
        this.http = http;
        this.clock = clock;
    }

    /** A client for webhooks: connections given up after {@code connectTimeout}, redirects never followed. */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Sink sink() {
        return Sink.WEBHOOK;
    }

    @Override
    public boolean takes(StoredPush push) {
        return webhook(push).isPresent();
    }

    private Optional<ForwardSettings.Webhook> webhook(StoredPush push) {
        return forwarding.of(push.appId()).flatMap(ForwardSettings::webhook);
    }

    @Override
    public Outcome deliver(StoredPush push, int attempt, Duration timeout) {
        Optional<ForwardSettings.Webhook> webhook = webhook(push);
        if (webhook.isEmpty()) {
            return new Outcome.Failed("no webhook configured for " + push.appId());
        }
        byte[] payload = body.of(push);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(webhook.get().url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("X-Wxgate-Delivery-Id", push.id().value())
                .header("X-Wxgate-Timestamp", Long.toString(timestamp))
                .header("X-Wxgate-Signature", WebhookSignature.of(webhook.get().secret(), timestamp, payload))
                .header("X-Wxgate-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
        CompletableFuture<HttpResponse<LimitedBody.Body>> sending =
                http.sendAsync(request, status -> new LimitedBody(MAX_ANSWER_BYTES));
        HttpResponse<LimitedBody.Body> answer;
        try {
            // The request's timeout covers the wait for the answer's head; this one the whole exchange.
            answer = sending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            sending.cancel(true);
            return failed(push, attempt, "timeout");
        } catch (InterruptedException interrupted) {
            sending.cancel(true);
            Thread.currentThread().interrupt();
            return failed(push, attempt, "interrupted");
        } catch (ExecutionException failure) {
            return failed(push, attempt, reason(failure.getCause()));
        }
        return outcome(push, attempt, answer);
    }

    private Outcome outcome(StoredPush push, int attempt, HttpResponse<LimitedBody.Body> answer) {
        int status = answer.statusCode();
        if (status < 200 || status > 299) {
            return failed(push, attempt, "http " + status);
        }
        LimitedBody.Body answered = answer.body();
        if (answered.tooLarge()) {
            log.warn(
                    "delivery {} of {}: the webhook's answer is over {} bytes; delivered, its reply ignored",
                    push.id(),
                    push.appId(),
                    MAX_ANSWER_BYTES);
            return new Outcome.Delivered(Optional.empty());
        }
        return new Outcome.Delivered(reply(push, answered.bytes()));
    }

    /** The receiver took the push whatever its answer says: a malformed reply is dropped, not a failure. */
    private Optional<PassiveReply> reply(StoredPush push, byte[] answer) {
        if (new String(answer, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        try {
            return replies.read(answer);
        } catch (MalformedReplyException malformed) {
            log.warn(
                    "delivery {} of {}: the webhook's reply is malformed and ignored: {}",
                    push.id(),
                    push.appId(),
                    malformed.getMessage());
            return Optional.empty();
        }
    }

    private static Outcome failed(StoredPush push, int attempt, String reason) {
        log.debug("delivery {} of {}: webhook attempt {} failed: {}", push.id(), push.appId(), attempt, reason);
        return new Outcome.Failed(reason);
    }

    /** Why an exchange failed, by the kind of failure only: exception messages may name the host or the URL. */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return "connect timeout";
            }
            if (cause instanceof HttpTimeoutException) {
                return "timeout";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        return failure instanceof IOException
                ? "connection failed (" + failure.getClass().getSimpleName() + ")"
                : "failed (" + failure.getClass().getSimpleName() + ")";
    }
}
