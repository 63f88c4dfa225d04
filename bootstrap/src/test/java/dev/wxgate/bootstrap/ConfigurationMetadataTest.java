package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** IDEs complete wxgate.* from the metadata the annotation processor writes; JDK 23+ skips it unless configured. */
class ConfigurationMetadataTest {

    @Test
    void wxgatePropertiesAreDescribedForIdes() throws Exception {
        try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(metadata).as("spring-configuration-metadata.json").isNotNull();
            String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json)
                    .contains("\"name\": \"wxgate.store\"")
                    .contains("\"name\": \"wxgate.sessions.server-keys\"")
                    .contains("\"name\": \"wxgate.apps\"")
                    .contains("\"name\": \"wxgate.wechat.base-url\"")
                    .contains("\"name\": \"wxgate.tickets.daily-quota\"")
                    .contains("\"name\": \"wxgate.jssdk.per-client-ip\"")
                    .contains("\"name\": \"wxgate.wechat.authorize-base-url\"")
                    .contains("\"name\": \"wxgate.wechat.qr-connect-base-url\"")
                    .contains("\"name\": \"wxgate.web-login.public-url\"")
                    .contains("\"name\": \"wxgate.web-login.state-lifetime\"")
                    .contains("\"name\": \"wxgate.web-login.handoff-lifetime\"")
                    .contains("\"name\": \"wxgate.delivery.max-age\"")
                    .contains("\"name\": \"wxgate.delivery.backoff-base\"")
                    .contains("\"name\": \"wxgate.delivery.lease\"")
                    .contains("\"name\": \"wxgate.delivery.retention\"")
                    .contains("\"name\": \"wxgate.delivery.rabbitmq.exchange\"")
                    .contains("\"name\": \"wxgate.metrics.key-sha256\"")
                    .contains("\"name\": \"wxgate.alerts.webhook.url\"")
                    .contains("\"name\": \"wxgate.alerts.check-interval\"")
                    .contains("\"name\": \"wxgate.alerts.backlog-threshold\"");
        }
    }
}
