package dev.wxgate.application.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofMinutes(10);

    /** A random source that always draws its highest value, or its lowest. */
    private static RandomGenerator always(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    @Test
    void theCeilingDoublesWithEachAttemptUpToTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, new SplittableRandom(1));

        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(backoff.ceiling(11)).isEqualTo(CAP);
        assertThat(backoff.ceiling(10_000)).as("no overflow far out").isEqualTo(CAP);
    }

    @Test
    void fullJitterSpansZeroToTheCeilingInclusive() {
        assertThat(new Backoff(BASE, CAP, always(false)).after(5)).isEqualTo(Duration.ZERO);
        assertThat(new Backoff(BASE, CAP, always(true)).after(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(new Backoff(BASE, CAP, always(true)).after(64)).isEqualTo(CAP);
    }

    @Test
    void drawsStayWithinBoundsAndSpread() {
        Backoff backoff = new Backoff(BASE, CAP, new SplittableRandom(42));
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            Duration wait = backoff.after(4);
            assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(8));
            seen.add(wait);
        }
        assertThat(seen).as("jittered, not one fixed wait").hasSizeGreaterThan(500);
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, CAP, new SplittableRandom()))
                .hasMessageContaining("base");
        assertThatThrownBy(() -> new Backoff(CAP, BASE, new SplittableRandom())).hasMessageContaining("cap");
        assertThatThrownBy(() -> new Backoff(BASE, CAP, new SplittableRandom()).after(0))
                .hasMessageContaining("failedAttempt");
    }
}
