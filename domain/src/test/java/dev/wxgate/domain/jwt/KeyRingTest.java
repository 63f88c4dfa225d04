package dev.wxgate.domain.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration ROTATION = Duration.ofDays(30);
    private static final Duration WINDOW = Duration.ofMinutes(6);

    static SigningKey key(long generation, Instant createdAt) {
        return new SigningKey(new KeyId("kid-000" + generation), generation, "{}", "{\"d\":\"x\"}", createdAt);
    }

    @Test
    void anEmptyRingHasNoSigningKeyAndIsDueForItsFirst() {
        KeyRing ring = new KeyRing(List.of());

        assertThat(ring.signing()).isEmpty();
        assertThat(ring.nextGeneration()).isEqualTo(1);
        assertThat(ring.rotationDue(T0, ROTATION)).isTrue();
    }

    @Test
    void theNewestGenerationSignsWhateverTheOrderRead() {
        SigningKey first = key(1, T0);
        SigningKey second = key(2, T0.plus(ROTATION));

        KeyRing ring = new KeyRing(List.of(second, first));

        assertThat(ring.signing()).contains(second);
        assertThat(ring.nextGeneration()).isEqualTo(3);
    }

    @Test
    void rotationIsDueOnceTheSigningKeyIsAsOldAsTheRotationPeriod() {
        KeyRing ring = new KeyRing(List.of(key(1, T0)));

        assertThat(ring.rotationDue(T0.plus(ROTATION).minusSeconds(1), ROTATION))
                .isFalse();
        assertThat(ring.rotationDue(T0.plus(ROTATION), ROTATION)).isTrue();
    }

    @Test
    void aRetiredKeyVerifiesUntilTheWindowAfterItsSuccessorThenIsExpired() {
        SigningKey first = key(1, T0);
        Instant retired = T0.plus(ROTATION);
        SigningKey second = key(2, retired);
        KeyRing ring = new KeyRing(List.of(first, second));

        assertThat(ring.retiredAt(first)).contains(retired);
        assertThat(ring.retiredAt(second)).isEmpty();
        assertThat(ring.verifying(retired.plus(WINDOW).minusSeconds(1), WINDOW)).containsExactly(first, second);
        assertThat(ring.expired(retired.plus(WINDOW).minusSeconds(1), WINDOW)).isEmpty();
        assertThat(ring.verifying(retired.plus(WINDOW), WINDOW)).containsExactly(second);
        assertThat(ring.expired(retired.plus(WINDOW), WINDOW)).containsExactly(first);
    }

    @Test
    void aKeyNeverShowsItsPrivateHalf() {
        assertThat(key(1, T0).toString()).doesNotContain("\"d\"").contains("****");
    }
}
