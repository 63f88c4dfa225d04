package dev.wxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.callback.SandboxPushTool;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.testfixtures.RedisFixture;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The test (a): 1,000 pushes across two nodes of a cluster (Redis, one PostgreSQL outbox), with a webhook that
 * fails the first two attempts of every delivery: every message is delivered, each delivery after three attempts or
 * more, none lost and none delivered again after a success.
 */
class TwoNodesDeliveryTest {
    private static final int PUSHES = 1_000;

    @Test
    void everyPushIsDeliveredOnceAfterItsFailedAttempts() throws Exception {
        DeliveryNodes.Database database = DeliveryNodes.Database.freshSchema();
        String prefix = RedisFixture.get().freshPrefix();
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            webhook.failFirst = 2;
            List<String> arguments = Stream.concat(
                            DeliveryNodes.arguments(database, webhook.url("/ok"), "--wxgate.delivery.batch-size=50")
                                    .stream(),
                            DeliveryNodes.redisMode(prefix).stream())
                    .toList();
            try (ConfigurableApplicationContext a = DeliveryNodes.start(arguments);
                    ConfigurableApplicationContext b = DeliveryNodes.start(arguments)) {
                int[] ports = {DeliveryNodes.port(a), DeliveryNodes.port(b)};
                long firstMsgId = System.currentTimeMillis() * 1_000;
                AtomicInteger acknowledged = new AtomicInteger();
                try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
                    List<Future<?>> sent = new ArrayList<>();
                    for (int i = 0; i < PUSHES; i++) {
                        int n = i;
                        sent.add(senders.submit(() -> {
                            JsonNode report = SandboxPushTool.push(
                                    ports[n % 2], "compatible", "xml", "oTwo" + n, "push " + n, firstMsgId + n, 1);
                            assertThat(report.path("status").asInt())
                                    .as(report.toString())
                                    .isEqualTo(200);
                            acknowledged.incrementAndGet();
                            return null;
                        }));
                    }
                    for (Future<?> push : sent) {
                        push.get();
                    }
                }
                assertThat(acknowledged).hasValue(PUSHES);

                PushOutbox outbox = a.getBean(PushOutbox.class);
                DeliveryNodes.await(
                        "every message delivered and nothing pending",
                        180,
                        () -> webhook.deliveredMessages() == PUSHES
                                && outbox.depth().pending() == 0);

                assertThat(webhook.badSignatures).hasValue(0);
                assertThat(webhook.delivered).hasSize(PUSHES);
                assertThat(webhook.delivered.values())
                        .as("no message delivered twice")
                        .allSatisfy(count -> assertThat(count).hasValue(1));
                assertThat(webhook.attempts).as("one delivery id per message").hasSize(PUSHES);
                assertThat(webhook.attempts.values())
                        .as("two failed attempts, then the success")
                        .allSatisfy(count -> assertThat(count.get()).isGreaterThanOrEqualTo(3));
                assertThat(webhook.afterSuccess)
                        .as("nothing attempted again after a 2xx")
                        .hasValue(0);
                assertThat(outbox.depth().dead()).isZero();
                assertThat(delivered(a) + delivered(b))
                        .as("wxgate.pushes.delivered across both nodes")
                        .isEqualTo(PUSHES);
                assertThat(delivered(a)).as("both nodes' workers delivered").isPositive();
                assertThat(delivered(b)).isPositive();
            }
        }
    }

    private static double delivered(ConfigurableApplicationContext node) {
        var counter = node.getBean(MeterRegistry.class)
                .find("wxgate.pushes.delivered")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
