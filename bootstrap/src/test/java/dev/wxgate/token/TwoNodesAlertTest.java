package dev.wxgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two wxgate nodes on one Redis, both checking the alerts, both seeing WeChat refuse the app's secret (the standalone
 * sandbox answers 40125): the receiver gets one firing message and, once the fault is cleared, one resolved message,
 * not one per node.
 */
class TwoNodesAlertTest {
    private static final String APP = "wx00000000000e0001";
    private static final String SECRET = "5ec7e700000000000e00010000000000";

    @Test
    void twoNodesOnOneRedisSendOneMessageNotTwo() {
        Map<String, Object> sandboxApps = Map.of(
                "wxgate.sandbox.apps[0].app-id", APP,
                "wxgate.sandbox.apps[0].secret", SECRET);
        try (StandaloneSandbox sandbox = new StandaloneSandbox(sandboxApps);
                AlertReceiver receiver = new AlertReceiver(AlertWebhookTest.SECRET).start()) {
            Map<String, Object> properties = new LinkedHashMap<>(AlertWebhookTest.properties(receiver));
            properties.put("wxgate.apps[0].app-id", APP);
            properties.put("wxgate.apps[0].secret", SECRET);
            properties.put("wxgate.wechat.base-url", sandbox.baseUrl.toString());
            RedisFixture redis = RedisFixture.get();
            properties.put("wxgate.store", "redis");
            properties.put("spring.data.redis.host", redis.host());
            properties.put("spring.data.redis.port", Integer.toString(redis.port()));
            properties.put("wxgate.redis.key-prefix", redis.keyPrefix() + "alerts-" + UUID.randomUUID() + ":");
            DatabaseFixture database = DatabaseFixture.postgres();
            properties.put("spring.datasource.url", database.jdbcUrl());
            properties.put("spring.datasource.username", database.username());
            properties.put("spring.datasource.password", database.password());
            try (WxgateNode a = new WxgateNode(properties, AlertWebhookTest.KEY);
                    WxgateNode b = new WxgateNode(properties, AlertWebhookTest.KEY)) {
                AlertWebhookTest.refuseCredentials(sandbox.baseUrl);
                assertThat(a.token(APP).status()).isEqualTo(503);
                assertThat(b.token(APP).status()).isEqualTo(503);

                await().atMost(AlertWebhookTest.PATIENCE)
                        .until(() -> !receiver.of("bad_credentials", "firing").isEmpty());
                AlertWebhookTest.acceptCredentials(sandbox.baseUrl);
                await().atMost(AlertWebhookTest.PATIENCE)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> a.token(APP).status() == 200);
                await().atMost(AlertWebhookTest.PATIENCE)
                        .until(() -> !receiver.of("bad_credentials", "resolved").isEmpty()
                                && !receiver.of("token_unavailable", "resolved").isEmpty());

                assertThat(receiver.of("bad_credentials", "firing")).hasSize(1);
                assertThat(receiver.of("bad_credentials", "resolved")).hasSize(1);
                assertThat(receiver.of("token_unavailable", "firing")).hasSize(1);
                assertThat(receiver.of("token_unavailable", "resolved")).hasSize(1);
                assertThat(receiver.messages).allMatch(AlertReceiver.Message::signed);
            }
        }
    }
}
