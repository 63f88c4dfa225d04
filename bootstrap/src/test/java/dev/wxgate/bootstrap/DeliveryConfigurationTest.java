package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.testfixtures.delivery.ListedPushOutbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code wxgate.apps[N].forward.*} and {@code wxgate.delivery.*}: good settings bind, bad ones stop the start by name. */
class DeliveryConfigurationTest {
    private static final String SECRET = "a-forward-secret-0123";
    private static final String PATH = "wxgate.apps[0].forward";

    private static ForwardSettings bind(
            String url, String secret, boolean rabbitmq, boolean replies, Duration timeout) {
        return DeliveryConfiguration.toDomain(
                new WxgateProperties.Forward(url, secret, rabbitmq, replies, timeout), PATH);
    }

    @Test
    void aWebhookWithRepliesBinds() {
        ForwardSettings settings = bind("https://bot.example.com/hook", SECRET, true, true, Duration.ofSeconds(3));

        assertThat(settings.sinks()).containsExactlyInAnyOrder(Sink.WEBHOOK, Sink.RABBITMQ);
        assertThat(settings.replyDeadline()).contains(Duration.ofSeconds(3));
        assertThat(settings.webhook().orElseThrow().url()).hasHost("bot.example.com");
    }

    @Test
    void withoutRepliesNoDeadline() {
        assertThat(bind("http://127.0.0.1:9/hook", SECRET, false, false, Duration.ofSeconds(4))
                        .replyDeadline())
                .isEqualTo(Optional.empty());
    }

    @Test
    void badEntriesAreRefusedByNameWithoutTheirValue() {
        assertThatThrownBy(() -> bind("https://bot.example.com/hook", "short", false, false, Duration.ofSeconds(4)))
                .hasMessage(PATH + ": forward.secret must be at least 16 characters");
        assertThatThrownBy(() -> bind("not a url", SECRET, false, false, Duration.ofSeconds(4)))
                .hasMessage(PATH + ": forward.url must be an absolute http or https URL");
        assertThatThrownBy(() -> bind("ftp://files.example.com/x", SECRET, false, false, Duration.ofSeconds(4)))
                .hasMessage(PATH + ": forward.url must be an absolute http or https URL");
        assertThatThrownBy(() -> bind(null, SECRET, true, false, Duration.ofSeconds(4)))
                .hasMessage(PATH + ": forward.secret is set but forward.url is not");
        assertThatThrownBy(() -> bind(null, null, true, true, Duration.ofSeconds(4)))
                .hasMessageStartingWith(PATH + ": forward.replies needs a forward.url");
        assertThatThrownBy(() -> bind("https://bot.example.com/hook", SECRET, false, true, Duration.ofSeconds(5)))
                .hasMessageStartingWith(PATH + ": forward.reply-timeout must be above 0 and at most 4.5 s");
        assertThatThrownBy(() -> bind("https://bot.example.com/hook", null, false, false, Duration.ofSeconds(4)))
                .hasMessageStartingWith(PATH + ": forward.secret");
    }

    @Test
    void aLeaseShorterThanABatchsAttemptsStopsTheStart() {
        DeliveryProperties tooShort = new DeliveryProperties(
                Duration.ofSeconds(1),
                32,
                8,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(3),
                Duration.ofSeconds(5),
                Duration.ofMinutes(30),
                Duration.ofHours(24),
                "",
                Duration.ofDays(7));

        assertThatThrownBy(() -> new DeliveryConfiguration().deliveryPolicy(tooShort))
                .hasMessageStartingWith("wxgate.delivery.lease: must be longer than attempt-timeout");
    }

    @Test
    void theDefaultsMakeAPolicyNamedAfterThisNode() {
        DeliveryProperties defaults = new DeliveryProperties(
                Duration.ofSeconds(1),
                32,
                8,
                Duration.ofMinutes(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(3),
                Duration.ofSeconds(5),
                Duration.ofMinutes(30),
                Duration.ofHours(24),
                "",
                Duration.ofDays(7));

        assertThat(new DeliveryConfiguration().deliveryPolicy(defaults).node())
                .contains("/" + ProcessHandle.current().pid() + "/");
    }

    @Test
    void aRetentionThatIsNotPositiveStopsTheStart() {
        DeliveryProperties noRetention = new DeliveryProperties(
                Duration.ofSeconds(1),
                32,
                8,
                Duration.ofMinutes(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(3),
                Duration.ofSeconds(5),
                Duration.ofMinutes(30),
                Duration.ofHours(24),
                "",
                Duration.ZERO);

        ListedPushOutbox outbox = new ListedPushOutbox();
        Clock clock = Clock.systemUTC();
        DeliveryMetrics metrics = new DeliveryMetrics(new SimpleMeterRegistry(), outbox, clock);

        assertThatThrownBy(() -> new DeliveryConfiguration().purgeDeliveredPushes(outbox, noRetention, metrics, clock))
                .hasMessage("wxgate.delivery.retention: must be positive");
    }
}
