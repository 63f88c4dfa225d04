package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The alert webhook's settings: a bad one stops the start naming the property, never echoing the URL or secret. */
class AlertsConfigurationTest {
    private static final String SECRET = "alert-secret-0123456789";

    private static AlertProperties alerts(String url, String secret) {
        return new AlertProperties(
                new AlertProperties.Webhook(url, secret),
                Duration.ofSeconds(30),
                Duration.ofHours(4),
                1000,
                80,
                3,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofMinutes(10));
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new AlertsConfiguration()
                        .webhookAlertSink(
                                alerts("ftp://hooks.example.com/x?token=cred-in-query", SECRET), Clock.systemUTC()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("wxgate.alerts.webhook.url")
                .message()
                .doesNotContain("cred-in-query");
    }

    @Test
    void aShortOrMissingSecretIsRefused() {
        assertThatThrownBy(() -> new AlertsConfiguration()
                        .webhookAlertSink(alerts("https://hooks.example.com/x", "short"), Clock.systemUTC()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("wxgate.alerts.webhook.secret")
                .message()
                .doesNotContain("short");
        assertThatThrownBy(() -> new AlertsConfiguration()
                        .webhookAlertSink(alerts("https://hooks.example.com/x", null), Clock.systemUTC()))
                .isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void theSenderShowsOnlySchemeHostAndPort() {
        var sink = new AlertsConfiguration()
                .webhookAlertSink(
                        alerts("https://hooks.example.com:8443/x?token=cred-in-query", SECRET), Clock.systemUTC());

        assertThat(sink.target()).isEqualTo("https://hooks.example.com:8443");
        assertThat(alerts("https://hooks.example.com/x?token=cred-in-query", SECRET)
                        .toString())
                .doesNotContain("cred-in-query")
                .doesNotContain(SECRET);
    }
}
