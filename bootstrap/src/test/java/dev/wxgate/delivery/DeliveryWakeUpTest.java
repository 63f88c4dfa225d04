package dev.wxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.callback.SandboxPushTool;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** A stored push wakes the node's delivery worker: it is delivered without waiting for the worker's next poll. */
class DeliveryWakeUpTest {

    @Test
    void aStoredPushIsDeliveredBeforeTheNextPoll() throws Exception {
        DeliveryNodes.Database database = DeliveryNodes.Database.freshSchema();
        try (WebhookReceiver webhook = new WebhookReceiver();
                ConfigurableApplicationContext node = DeliveryNodes.start(
                        DeliveryNodes.arguments(database, webhook.url("/ok"), "--wxgate.delivery.poll-interval=1h"))) {
            for (int i = 1; i <= 3; i++) {
                JsonNode report = SandboxPushTool.push(
                        DeliveryNodes.port(node), "compatible", "xml", "oAwake" + i, "m" + i, System.nanoTime(), 1);
                assertThat(report.path("status").asInt()).as(report.toString()).isEqualTo(200);

                int expected = i;
                // The worker's first poll is an hour away: only the wake-up can deliver these.
                DeliveryNodes.await("push " + i + " delivered", 30, () -> webhook.deliveredMessages() == expected);
            }
        }
    }
}
