package dev.wxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.callback.SandboxPushTool;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.testfixtures.TcpProxy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A wxgate forwarding the sandbox app's pushes to a webhook, end to end through the sandbox's push tool: replies of
 * every kind (the test (d)), a malformed reply, a restart while the webhook is down (test (c)), and the
 * database going down (WeChat is answered an error, nothing is acknowledged that was not stored).
 */
class DeliveryEndToEndTest {

    /** The webhook's reply JSON (a {@code ;} stands for a comma) and what WeChat's client then reads, decrypted. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "text | {\"type\":\"text\"; \"content\":\"hello back\"} | <Content><![CDATA[hello back]]></Content>",
                "image | {\"type\":\"image\"; \"mediaId\":\"m1\"} | <Image><MediaId><![CDATA[m1]]></MediaId></Image>",
                "voice | {\"type\":\"voice\"; \"mediaId\":\"m2\"} | <Voice><MediaId><![CDATA[m2]]></MediaId></Voice>",
                "video | {\"type\":\"video\"; \"mediaId\":\"m3\"; \"title\":\"t\"} |"
                        + " <Video><MediaId><![CDATA[m3]]></MediaId><Title><![CDATA[t]]></Title></Video>",
                "music | {\"type\":\"music\"; \"title\":\"song\"; \"thumbMediaId\":\"th\"} |"
                        + " <Music><Title><![CDATA[song]]></Title><ThumbMediaId><![CDATA[th]]></ThumbMediaId></Music>",
                "news | {\"type\":\"news\"; \"articles\":[{\"title\":\"a\"; \"url\":\"http://u/1\"}]} |"
                        + " <ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[a]]></Title>"
                        + "<Url><![CDATA[http://u/1]]></Url></item></Articles>",
                "transfer_customer_service | {\"type\":\"transfer_customer_service\"; \"kfAccount\":\"kf1@gh_1\"} |"
                        + " <TransInfo><KfAccount><![CDATA[kf1@gh_1]]></KfAccount></TransInfo>"
            })
    void aWebhookReplyOfEachKindIsThePassiveReplyEncryptedAsThePushCame(String kind, String reply, String shown)
            throws Exception {
        DeliveryNodes.Database database = DeliveryNodes.Database.freshSchema();
        try (WebhookReceiver webhook = new WebhookReceiver();
                ConfigurableApplicationContext node = DeliveryNodes.start(DeliveryNodes.arguments(
                        database, webhook.url("/ok"), "--wxgate.apps[0].forward.replies=true"))) {
            webhook.answer = "{\"reply\":" + reply.replace(";", ",") + "}";
            long msgId = System.nanoTime();

            JsonNode report = SandboxPushTool.push(DeliveryNodes.port(node), "safe", "xml", "oReply", "hi", msgId, 2);

            JsonNode first = report.path("deliveries").get(0);
            assertThat(first.path("status").asInt()).as(report.toString()).isEqualTo(200);
            assertThat(first.path("replySignatureValid").asBoolean()).isTrue();
            assertThat(first.path("rawReply").asString()).contains("Encrypt").doesNotContain(shown);
            assertThat(first.path("reply").asString())
                    .contains("<MsgType><![CDATA[" + kind + "]]></MsgType>", shown, "<ToUserName><![CDATA[oReply]]>");
            assertThat(report.path("deliveries").get(1).path("reply").asString())
                    .as("WeChat's retry gets the same reply, without another attempt")
                    .contains(shown);
            assertThat(webhook.attempts.values()).singleElement().satisfies(count -> assertThat(count)
                    .hasValue(1));
            assertAcceptedByWechat(first, kind);

            JsonNode json =
                    SandboxPushTool.push(DeliveryNodes.port(node), "compatible", "json", "oReply", "hi", msgId + 1, 1);
            assertThat(json.path("deliveries").get(0).path("status").asInt())
                    .as(json.toString())
                    .isEqualTo(200);
            assertAcceptedByWechat(json.path("deliveries").get(0), kind);
            assertThat(node.getBean(PushOutbox.class).depth().pending()).isZero();
        }
    }

    /** The sandbox reads the reply as WeChat's client would: of this kind, addressed back, nothing it would refuse. */
    private static void assertAcceptedByWechat(JsonNode delivery, String kind) {
        assertThat(delivery.path("replyMessage").path("MsgType").asString())
                .as(delivery.toString())
                .isEqualTo(kind);
        assertThat(delivery.path("replyAddressedBack").asBoolean()).isTrue();
        assertThat(delivery.path("replyProblem").isNull()
                        || delivery.path("replyProblem").isMissingNode())
                .as("what WeChat would refuse: " + delivery.path("replyProblem"))
                .isTrue();
    }

    @Test
    void aMalformedReplyIsSuccessToWechatAndTheDeliveryIsDone() throws Exception {
        DeliveryNodes.Database database = DeliveryNodes.Database.freshSchema();
        try (WebhookReceiver webhook = new WebhookReceiver();
                ConfigurableApplicationContext node = DeliveryNodes.start(DeliveryNodes.arguments(
                        database, webhook.url("/ok"), "--wxgate.apps[0].forward.replies=true"))) {
            webhook.answer = "{\"reply\":{\"type\":\"text\",\"contnet\":\"typo\"}}";

            JsonNode report = SandboxPushTool.push(
                    DeliveryNodes.port(node), "compatible", "json", "oMalformed", "hi", System.nanoTime(), 1);

            JsonNode first = report.path("deliveries").get(0);
            assertThat(first.path("status").asInt()).as(report.toString()).isEqualTo(200);
            assertThat(first.path("reply").asString()).isEqualTo("success");
            assertThat(webhook.deliveredMessages()).isEqualTo(1);
            assertThat(node.getBean(PushOutbox.class).depth().pending())
                    .as("the receiver took it: not attempted again")
                    .isZero();
        }
    }

    @Test
    void deliveriesPendingWhileTheWebhookWasDownResumeAfterARestart() throws Exception {
        DeliveryNodes.Database database = DeliveryNodes.Database.freshSchema();
        int pushes = 10;
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            webhook.down = true;
            List<String> arguments = DeliveryNodes.arguments(database, webhook.url("/ok"));
            try (ConfigurableApplicationContext before = DeliveryNodes.start(arguments)) {
                long firstMsgId = System.nanoTime();
                for (int i = 0; i < pushes; i++) {
                    JsonNode report = SandboxPushTool.push(
                            DeliveryNodes.port(before), "compatible", "xml", "oDown" + i, "m" + i, firstMsgId + i, 1);
                    assertThat(report.path("status").asInt())
                            .as(report.toString())
                            .isEqualTo(200);
                }
                DeliveryNodes.await("every delivery attempted while down", 60, () -> webhook.attempts.size() == pushes);
            }
            webhook.down = false;
            assertThat(webhook.deliveredMessages()).isZero();

            try (ConfigurableApplicationContext after = DeliveryNodes.start(arguments)) {
                PushOutbox outbox = after.getBean(PushOutbox.class);
                DeliveryNodes.await(
                        "every push delivered after the restart",
                        60,
                        () -> webhook.deliveredMessages() == pushes
                                && outbox.depth().pending() == 0);
                assertThat(webhook.attempts).hasSize(pushes);
                assertThat(webhook.delivered.values())
                        .allSatisfy(count -> assertThat(count).hasValue(1));
            }
        }
    }

    @Test
    void withTheDatabaseDownWechatGetsAnErrorAndItsRetryIsTakenOnceTheDatabaseIsBack() throws Exception {
        DeliveryNodes.Database database = DeliveryNodes.Database.freshSchema();
        try (WebhookReceiver webhook = new WebhookReceiver();
                TcpProxy proxy = new TcpProxy(database.host(), database.port());
                ConfigurableApplicationContext node = DeliveryNodes.start(
                        DeliveryNodes.arguments(database.through(proxy.port()), webhook.url("/ok")))) {
            int port = DeliveryNodes.port(node);
            long msgId = System.nanoTime();

            proxy.cut();
            JsonNode refused = SandboxPushTool.push(port, "safe", "xml", "oDbDown", "stored?", msgId, 1);
            JsonNode answer = refused.path("deliveries").get(0);
            assertThat(answer.path("status").asInt()).as(refused.toString()).isEqualTo(503);
            assertThat(answer.path("reply").asString()).doesNotContain("success");

            proxy.restore();
            // As WeChat does, retry until the push is taken: the pool may need a moment to reconnect after the cut.
            JsonNode[] retried = new JsonNode[1];
            DeliveryNodes.await("WeChat's retry of the same message is taken", 60, () -> {
                try {
                    retried[0] = SandboxPushTool.push(port, "safe", "xml", "oDbDown", "stored?", msgId, 1);
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
                return retried[0].path("deliveries").get(0).path("status").asInt() == 200;
            });
            assertThat(retried[0].path("deliveries").get(0).path("reply").asString())
                    .isEqualTo("success");
            DeliveryNodes.await("the retried push is delivered", 60, () -> webhook.deliveredMessages() == 1);
            assertThat(webhook.delivered.get(Long.toString(msgId))).hasValue(1);
        }
    }
}
