package dev.wxgate.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The callback with push delivery on (issue 15): the sandbox's official account configured as an app that forwards its
 * pushes to the driver's {@link WebhookReceiver}, so every push is written to the outbox (PostgreSQL) before WeChat is
 * answered and then delivered by the node's worker. Measured like the plain {@code callback} (safe mode, a new MsgId
 * per push); afterwards the driver waits for every acknowledged push to reach the webhook.
 */
final class OutboxCallbackScenario {
    private static final String SECRET = "bench-webhook-secret-0123456789";

    private final WebhookReceiver webhook;
    private final WechatPush wechat = new WechatPush(Bench.CALLBACK_TOKEN, Bench.CALLBACK_AES_KEY, Bench.CALLBACK_APP);
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000 + 500_000_000L);

    OutboxCallbackScenario(WebhookReceiver webhook) {
        this.webhook = webhook;
    }

    /** The node's extra arguments: the official account as a configured app, forwarding to the webhook. */
    List<String> nodeArguments() {
        String app = "--wxgate.apps[0].";
        return List.of(
                app + "app-id=" + Bench.CALLBACK_APP,
                app + "secret=5a4d0b0c1e2f3a4b5c6d7e8f90a10002",
                app + "type=official-account",
                app + "callback.token=" + Bench.CALLBACK_TOKEN,
                app + "callback.encoding-aes-key=" + Bench.CALLBACK_AES_KEY,
                app + "callback.mode=safe",
                app + "forward.url=" + webhook.url(),
                app + "forward.secret=" + SECRET);
    }

    /** One push; it counts once wxgate answered {@code success} (and from then on must reach the webhook). */
    LoadRun.Step step(int port, String run) {
        return (HttpClient http, int worker, long iteration) -> {
            String msgId = Long.toString(ids.incrementAndGet());
            WechatPush.Push push = wechat.text(msgId, "o" + run + msgId);
            HttpRequest request = HttpRequest.newBuilder(
                            Http.local(port, "/wx/callback/" + Bench.CALLBACK_APP + "?" + push.query()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(push.body()))
                    .build();
            webhook.sending(msgId);
            long began = System.nanoTime();
            String answer = Http.send(http, request);
            long nanos = System.nanoTime() - began;
            if (!"success".equals(answer)) {
                throw new IllegalStateException("the callback was answered " + answer);
            }
            acknowledged.add(msgId);
            return nanos;
        };
    }

    /**
     * Waits, up to {@code limit}, until every acknowledged push reached the webhook.
     *
     * @return a line saying how many were acknowledged, delivered (distinct and in all) and missing, and the delivery
     *     latency (push sent → webhook called) of the measured windows
     */
    String settle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (webhook.missing(acknowledged) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        org.HdrHistogram.Histogram latency = webhook.latencies();
        return String.format(
                java.util.Locale.ROOT,
                "redis+outbox: %d pushes acknowledged, %d delivered to the webhook (%d requests in all), %d missing after"
                        + " %d s; delivery latency (push sent → webhook called, measured windows) p50 %.1f, p99 %.1f,"
                        + " max %.1f ms",
                acknowledged.size(),
                webhook.distinct(),
                webhook.deliveries(),
                webhook.missing(acknowledged),
                limit.toSeconds(),
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6);
    }

    /** The latencies of what was delivered during warm-ups are not the measured ones. */
    void startMeasuring() {
        webhook.resetLatencies();
    }
}
