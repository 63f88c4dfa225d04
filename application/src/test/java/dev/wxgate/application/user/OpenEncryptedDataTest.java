package dev.wxgate.application.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.wechat.EncryptedDataCipher;
import dev.wxgate.domain.wechat.EncryptedDataRejectedException;
import dev.wxgate.testfixtures.data.Sessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OpenEncryptedDataTest {
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Session session = Sessions.session().build();

    /** A cipher that opens anything to {@code {}} watermarked at {@code at}. */
    private static EncryptedDataCipher watermarkedAt(Instant at) {
        return (appId, key, data, iv) -> new EncryptedDataCipher.Opened("{}", at);
    }

    @Test
    void dataUpToTheMaximumAgeOpens() {
        OpenEncryptedData open =
                new OpenEncryptedData(watermarkedAt(NOW.minus(Duration.ofMinutes(10))), CLOCK, Duration.ofMinutes(10));

        assertThat(open.open(session, "data", "iv")).isEqualTo("{}");
    }

    @Test
    void olderDataIsRefusedAsExpired() {
        OpenEncryptedData open = new OpenEncryptedData(
                watermarkedAt(NOW.minus(Duration.ofMinutes(10)).minusSeconds(1)), CLOCK, Duration.ofMinutes(10));

        assertThatThrownBy(() -> open.open(session, "data", "iv"))
                .isInstanceOfSatisfying(EncryptedDataRejectedException.class, rejected -> assertThat(rejected.reason())
                        .isEqualTo(EncryptedDataRejectedException.Reason.EXPIRED));
    }

    @Test
    void aWatermarkAheadOfOurClockIsAccepted() {
        OpenEncryptedData open =
                new OpenEncryptedData(watermarkedAt(NOW.plus(Duration.ofMinutes(2))), CLOCK, Duration.ofMinutes(10));

        assertThat(open.open(session, "data", "iv")).isEqualTo("{}");
    }

    @Test
    void aMaximumAgeOfZeroAcceptsAnyAge() {
        OpenEncryptedData open = new OpenEncryptedData(watermarkedAt(Instant.EPOCH), CLOCK, Duration.ZERO);

        assertThat(open.open(session, "data", "iv")).isEqualTo("{}");
    }

    @Test
    void aNegativeMaximumAgeIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OpenEncryptedData(watermarkedAt(NOW), CLOCK, Duration.ofSeconds(-1)));
    }
}
