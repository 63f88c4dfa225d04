package dev.wxgate.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;

/**
 * The driver's webhook for the outbox scenario: answers 204 to every delivery and measures, per message, the time from
 * the driver sending the push to WeChat's side of wxgate to its delivery here (the push's MsgId links the two), and
 * counts what arrived: distinct messages and repeats.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final Pattern MSG_ID = Pattern.compile("\"MsgId\":\"(\\d+)\"");

    private final HttpServer server;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveries = new AtomicLong();
    private final Recorder latencies = new Recorder(TimeUnit.MINUTES.toNanos(5), 3);

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received(new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** The driver is about to send the push of {@code msgId}. */
    void sending(String msgId) {
        sentAt.put(msgId, System.nanoTime());
    }

    private void received(String body) {
        long now = System.nanoTime();
        deliveries.incrementAndGet();
        Matcher id = MSG_ID.matcher(body);
        if (!id.find()) {
            return;
        }
        Long sent = sentAt.get(id.group(1));
        if (delivered.add(id.group(1)) && sent != null) {
            latencies.recordValue(Math.max(0, now - sent));
        }
    }

    /** Forgets what was measured so far (the warm-up's deliveries), keeping the counts of what is still expected. */
    void resetLatencies() {
        latencies.reset();
    }

    org.HdrHistogram.Histogram latencies() {
        return latencies.getIntervalHistogram();
    }

    long distinct() {
        return delivered.size();
    }

    long deliveries() {
        return deliveries.get();
    }

    /** Messages the driver sent that have not arrived here (yet). */
    long missing(Set<String> acknowledged) {
        return acknowledged.stream().filter(id -> !delivered.contains(id)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
