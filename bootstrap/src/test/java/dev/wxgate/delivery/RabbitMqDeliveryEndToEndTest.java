package dev.wxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.callback.SandboxPushTool;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.delivery.Delivery;
import dev.wxgate.domain.delivery.DeliveryQuery;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.testfixtures.TcpProxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The issue's test (e), end to end: the sandbox app forwards its pushes to RabbitMQ only; pushes of several kinds go
 * through the sandbox's push tool, and every message reaches every queue bound to it exactly once, with the routing
 * key {@code <appId>.<MsgType>[.<Event>]}, the delivery id as message id and the delivery body. With the broker cut
 * off, pushes are still acknowledged and stay pending, and are delivered once it is back.
 */
class RabbitMqDeliveryEndToEndTest {
    private static final String APP = DeliveryNodes.APP;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What was pushed, as a consumer should see it. */
    record Sent(String sender, String msgType, Optional<String> event, String format, String content) {
        String routingKey() {
            return APP + "." + msgType + event.map(name -> "." + name).orElse("");
        }
    }

    @Test
    void everyPushReachesEachBoundQueueOnceWithItsRoutingKeyIdAndBody() throws Exception {
        int pushes = 200;
        try (RabbitMqQueues rabbit = RabbitMqQueues.open()) {
            String everything = rabbit.bind("#");
            String events = rabbit.bind(APP + ".event.#");
            try (ConfigurableApplicationContext node =
                    DeliveryNodes.start(arguments(DeliveryNodes.Database.freshSchema(), rabbit, RabbitMqQueues.PORT))) {
                Map<String, Sent> sent = pushAll(node, "oRabbit", pushes);
                long expectedEvents = sent.values().stream()
                        .filter(push -> push.event().isPresent())
                        .count();

                List<Message> all = new ArrayList<>();
                List<Message> ofEvents = new ArrayList<>();
                PushOutbox outbox = node.getBean(PushOutbox.class);
                DeliveryNodes.await("every push published", 120, () -> {
                    all.addAll(rabbit.drain(everything));
                    ofEvents.addAll(rabbit.drain(events));
                    return all.size() >= pushes
                            && ofEvents.size() >= expectedEvents
                            && outbox.depth().pending() == 0;
                });
                // Everything is delivered (confirmed, so routed): a duplicate would be waiting in a queue by now.
                all.addAll(rabbit.drain(everything));
                ofEvents.addAll(rabbit.drain(events));

                assertReceivedOnceEach(all, sent);
                assertReceivedOnceEach(
                        ofEvents,
                        sent.entrySet().stream()
                                .filter(entry -> entry.getValue().event().isPresent())
                                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
                assertThat(expectedEvents).isEqualTo(pushes / 2);
                assertThat(outbox.depth().dead()).isZero();
            }
        }
    }

    @Test
    void withTheBrokerCutOffPushesAreAcknowledgedStayPendingAndAreDeliveredOnceItIsBack() throws Exception {
        int pushes = 20;
        try (RabbitMqQueues rabbit = RabbitMqQueues.open();
                TcpProxy proxy = new TcpProxy(RabbitMqQueues.HOST, RabbitMqQueues.PORT)) {
            String everything = rabbit.bind("#");
            try (ConfigurableApplicationContext node =
                    DeliveryNodes.start(arguments(DeliveryNodes.Database.freshSchema(), rabbit, proxy.port()))) {
                PushOutbox outbox = node.getBean(PushOutbox.class);
                proxy.cut();

                Map<String, Sent> sent = pushAll(node, "oCut", pushes);

                DeliveryNodes.await("every delivery attempted and failed while the broker is cut off", 60, () -> {
                    List<Delivery> pending = pending(outbox);
                    return pending.size() == pushes
                            && pending.stream()
                                    .allMatch(delivery -> delivery.attempts() >= 1
                                            && delivery.lastError().isPresent());
                });
                assertThat(outbox.depth().pending()).isEqualTo(pushes);
                assertThat(rabbit.drain(everything)).isEmpty();

                proxy.restore();
                List<Message> all = new ArrayList<>();
                DeliveryNodes.await("every push published after the broker came back", 60, () -> {
                    all.addAll(rabbit.drain(everything));
                    return all.size() >= pushes && outbox.depth().pending() == 0;
                });
                all.addAll(rabbit.drain(everything));

                assertReceivedOnceEach(all, sent);
                assertThat(outbox.depth().dead()).isZero();
            }
        }
    }

    /**
     * Pushes {@code count} messages through the sandbox, each from its own sender: text messages and subscribe and
     * unsubscribe events, in XML (safe mode) and JSON (compatible mode); each must be acknowledged. By sender.
     */
    private static Map<String, Sent> pushAll(ConfigurableApplicationContext node, String senders, int count)
            throws Exception {
        Map<String, Sent> sent = new LinkedHashMap<>();
        long createTime = System.currentTimeMillis() / 1000;
        long firstMsgId = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String sender = senders + i;
            boolean xml = i % 4 < 2;
            Sent push =
                    switch (i % 4) {
                        case 0, 3 -> new Sent(sender, "text", Optional.empty(), xml ? "xml" : "json", "hello " + i);
                        case 1 -> new Sent(sender, "event", Optional.of("subscribe"), "xml", "");
                        default -> new Sent(sender, "event", Optional.of("unsubscribe"), "json", "");
                    };
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("ToUserName", "gh_97417a04a28d");
            message.put("FromUserName", sender);
            message.put("CreateTime", createTime);
            message.put("MsgType", push.msgType());
            if (push.event().isPresent()) {
                message.put("Event", push.event().get());
            } else {
                message.put("Content", push.content());
                message.put("MsgId", firstMsgId + i);
            }
            JsonNode report = SandboxPushTool.push(
                    DeliveryNodes.port(node), xml ? "safe" : "compatible", push.format(), message, 1);
            assertThat(report.path("status").asInt()).as(report.toString()).isEqualTo(200);
            sent.put(sender, push);
        }
        return sent;
    }

    /** Each message of {@code expected} (by sender) once in {@code received}, as the sink publishes it. */
    private static void assertReceivedOnceEach(List<Message> received, Map<String, Sent> expected) {
        List<JsonNode> bodies = received.stream()
                .map(message -> JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8)))
                .toList();
        Map<String, Long> bySender = bodies.stream()
                .collect(Collectors.groupingBy(
                        body -> body.path("message").path("FromUserName").asString(), Collectors.counting()));
        assertThat(bySender).as("each message exactly once").hasSize(expected.size());
        assertThat(bySender.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(bySender.values()).containsOnly(1L);
        Map<String, Long> byMessageId = received.stream()
                .collect(Collectors.groupingBy(
                        message -> message.getMessageProperties().getMessageId(), Collectors.counting()));
        assertThat(byMessageId).hasSize(expected.size());

        Map<String, Message> bySenderMessage = new HashMap<>();
        for (int i = 0; i < received.size(); i++) {
            bySenderMessage.put(
                    bodies.get(i).path("message").path("FromUserName").asString(), received.get(i));
        }
        Map<String, JsonNode> bodyOf = bodies.stream()
                .collect(Collectors.toMap(
                        body -> body.path("message").path("FromUserName").asString(), Function.identity()));
        expected.forEach((sender, push) -> {
            Message message = bySenderMessage.get(sender);
            JsonNode body = bodyOf.get(sender);
            assertThat(message.getMessageProperties().getReceivedRoutingKey())
                    .as(sender)
                    .isEqualTo(push.routingKey());
            assertThat(message.getMessageProperties().getMessageId())
                    .as("the message id is the delivery id")
                    .isEqualTo(body.path("deliveryId").asString());
            assertThat(body.path("appId").asString()).isEqualTo(APP);
            assertThat(body.path("msgType").asString()).isEqualTo(push.msgType());
            assertThat(body.path("format").asString()).isEqualTo(push.format());
            assertThat(body.path("message").path("MsgType").asString()).isEqualTo(push.msgType());
            if (push.event().isPresent()) {
                assertThat(body.path("event").asString()).isEqualTo(push.event().get());
                assertThat(body.path("message").path("Event").asString())
                        .isEqualTo(push.event().get());
            } else {
                assertThat(body.has("event")).isFalse();
                assertThat(body.path("message").path("Content").asString()).isEqualTo(push.content());
            }
            assertThat(body.path("raw").asString()).contains(sender);
        });
    }

    private static List<Delivery> pending(PushOutbox outbox) {
        return outbox.list(new DeliveryQuery(
                        Optional.of(DeliveryState.PENDING), Optional.of(AppId.of(APP)), PageRequest.of(0, 100)))
                .items();
    }

    /** The sandbox app forwarding to RabbitMQ only, on {@code port} (the broker's, or a proxy's in front of it). */
    private static List<String> arguments(DeliveryNodes.Database database, RabbitMqQueues rabbit, int port) {
        List<String> arguments = new ArrayList<>(DeliveryNodes.arguments(
                database,
                URI.create("http://127.0.0.1:9/unused"),
                "--wxgate.apps[0].forward.rabbitmq=true",
                "--wxgate.delivery.rabbitmq.exchange=" + rabbit.exchange,
                "--spring.rabbitmq.host=" + RabbitMqQueues.HOST,
                "--spring.rabbitmq.port=" + port,
                "--spring.rabbitmq.username=guest",
                "--spring.rabbitmq.password=guest"));
        arguments.removeIf(argument -> argument.startsWith("--wxgate.apps[0].forward.url=")
                || argument.startsWith("--wxgate.apps[0].forward.secret="));
        return arguments;
    }
}
