package dev.wxgate.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final Identity IDENTITY =
            new Identity(AppId.of("wx0000000000000001"), new OpenId("oOpenId1"), Optional.empty());
    private static final SessionKey KEY = SessionKey.of("tiihtNczf5v6AKRyjwEUhQ==");
    private static final SessionPolicy POLICY =
            new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(2), 3, Duration.ofSeconds(30));

    private final Session started = Session.start(SessionId.random(), new UserId(7), IDENTITY, KEY, NOW, POLICY);

    @Test
    void startsWithTheIdleTimeoutAndAnAbsoluteExpiry() {
        assertThat(started.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(started.absoluteExpiresAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(started.isActiveAt(NOW.plus(Duration.ofMinutes(29)))).isTrue();
        assertThat(started.isActiveAt(NOW.plus(Duration.ofMinutes(30)))).isFalse();
        assertThat(started.expiresIn(NOW.plus(Duration.ofMinutes(10)))).isEqualTo(Duration.ofMinutes(20));
        assertThat(started.expiresIn(NOW.plus(Duration.ofHours(1)))).isEqualTo(Duration.ZERO);
    }

    @Test
    void touchingSlidesTheExpiryButNeverPastTheAbsoluteOne() {
        Session touched = started.touchedAt(NOW.plus(Duration.ofMinutes(20)), POLICY.idleTimeout());
        assertThat(touched.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(50)));
        assertThat(touched.lastSeenAt()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));

        Session late = touched.touchedAt(NOW.plus(Duration.ofMinutes(110)), POLICY.idleTimeout());
        assertThat(late.expiresAt()).isEqualTo(late.absoluteExpiresAt());
    }

    @Test
    void touchingNeverMovesTheExpiryBack() {
        Session touched = started.touchedAt(NOW.plus(Duration.ofMinutes(20)), POLICY.idleTimeout());
        Session byASlowClock = touched.touchedAt(NOW.plus(Duration.ofMinutes(5)), POLICY.idleTimeout());

        assertThat(byASlowClock.expiresAt()).isEqualTo(touched.expiresAt());
        assertThat(byASlowClock.lastSeenAt()).isEqualTo(touched.lastSeenAt());
    }

    @Test
    void theSnapshotOfTheUserIsKeptThroughTouchesAndIsRequiredWhenGiven() {
        UserSnapshot user = new UserSnapshot(Optional.of(new UnionId("uUnion")), Profile.of("Mei", null), NOW);
        Session known = started.withUser(user);

        assertThat(started.user()).isEmpty();
        assertThat(known.user()).contains(user);
        assertThat(known.touchedAt(NOW.plus(Duration.ofMinutes(5)), POLICY.idleTimeout())
                        .user())
                .contains(user);
        assertThatIllegalArgumentException().isThrownBy(() -> started.withUser(null));
        assertThatIllegalArgumentException().isThrownBy(() -> new UserSnapshot(Optional.empty(), Profile.EMPTY, null));
    }

    @Test
    void randomIdsAndTokensHaveTheirShapes() {
        assertThat(SessionId.random().value())
                .hasSize(22)
                .isNotEqualTo(SessionId.random().value());
        assertThat(SessionToken.random().value())
                .hasSize(43)
                .isNotEqualTo(SessionToken.random().value());
    }

    @Test
    void policyRejectsNonsense() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionPolicy(Duration.ZERO, Duration.ofDays(1), 1, Duration.ZERO))
                .withMessage("idleTimeout must be positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionPolicy(Duration.ofHours(2), Duration.ofHours(1), 1, Duration.ZERO))
                .withMessage("absoluteLifetime must not be shorter than idleTimeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionPolicy(Duration.ofHours(1), Duration.ofHours(1), 0, Duration.ZERO))
                .withMessage("maxSessionsPerUser must be at least 1");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new SessionPolicy(Duration.ofMinutes(1), Duration.ofHours(1), 1, Duration.ofMinutes(2)))
                .withMessage("refreshGrace must be 0 to idleTimeout");
        assertThat(SessionPolicy.DEFAULTS.maxSessionsPerUser()).isEqualTo(10);
    }

    @Test
    void expiryMustNotPassTheAbsoluteExpiry() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Session(
                        started.id(),
                        started.userId(),
                        IDENTITY,
                        KEY,
                        NOW,
                        NOW,
                        NOW.plusSeconds(2),
                        NOW.plusSeconds(1)))
                .withMessage("expiresAt must not be after absoluteExpiresAt");
    }
}
