package dev.wxgate.application.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.application.MutableClock;
import dev.wxgate.application.RecordingAuditLog;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorRole;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordOperatorSignInTest {
    private static final Instant START = Instant.parse("2026-11-24T08:00:00Z");
    private static final OperatorLockout LOCKOUT = new OperatorLockout(3, Duration.ofMinutes(15));

    private final MutableClock now = new MutableClock(START);
    private final FakeOperatorDirectory directory = new FakeOperatorDirectory();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final RecordOperatorSignIn signIn = new RecordOperatorSignIn(directory, audit, LOCKOUT, now);

    RecordOperatorSignInTest() {
        directory.add(Operator.created("alice", "hash", OperatorRole.ADMIN, START.minusSeconds(86_400)));
    }

    private Operator alice() {
        return directory.find("alice").orElseThrow();
    }

    private AuditEvent lastEvent() {
        return audit.events.getLast();
    }

    @Test
    void anOperatorIsFoundByName() {
        assertThat(signIn.find("alice")).map(Operator::username).contains("alice");
        assertThat(signIn.find("bob")).isEmpty();
        assertThat(signIn.find("ALICE")).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"al ice", "alice\u0000", "' OR 1=1 --"})
    void aNameNoOperatorCouldHaveIsNotLookedUp(String username) {
        int before = directory.finds.get();

        assertThat(signIn.find(username)).isEmpty();
        assertThat(signIn.find("a".repeat(65))).isEmpty();
        assertThat(directory.finds).hasValue(before);
    }

    @Test
    void aGoodSignInIsRecordedAndAudited() {
        signIn.succeeded("alice", "203.0.113.7");

        assertThat(alice().lastLoginAt()).contains(START);
        assertThat(audit.events).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(AuditKind.CONSOLE_LOGIN);
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(event.actor()).isEqualTo("alice");
            assertThat(event.occurredAt()).isEqualTo(START);
            assertThat(event.detail()).contains("from 203.0.113.7");
            assertThat(event.appId()).isEmpty();
        });
    }

    @Test
    void failuresBelowTheLimitAreCountedButDoNotLock() {
        signIn.failed("alice", "203.0.113.7");
        signIn.failed("alice", "203.0.113.7");

        assertThat(alice().failedLogins()).isEqualTo(2);
        assertThat(alice().lockedUntil()).isEmpty();
        assertThat(audit.events).hasSize(2).allSatisfy(event -> {
            assertThat(event.kind()).isEqualTo(AuditKind.CONSOLE_LOGIN_FAILED);
            assertThat(event.outcome()).isEqualTo(AuditOutcome.REFUSED);
            assertThat(event.actor()).isEqualTo("alice");
            assertThat(event.detail()).contains("from 203.0.113.7");
        });
    }

    @Test
    void theFailureThatReachesTheLimitLocksTheAccount() {
        signIn.failed("alice", "203.0.113.7");
        signIn.failed("alice", "203.0.113.7");
        signIn.failed("alice", "203.0.113.7");

        Instant until = START.plus(Duration.ofMinutes(15));
        assertThat(alice().lockedUntil()).contains(until);
        assertThat(alice().isLockedAt(START)).isTrue();
        assertThat(lastEvent().detail()).contains("from 203.0.113.7, locked until " + until);
    }

    @Test
    void triesAgainstALockedAccountNeitherCountNorExtendTheLock() {
        for (int i = 0; i < 3; i++) {
            signIn.failed("alice", "203.0.113.7");
        }
        Instant until = alice().lockedUntil().orElseThrow();
        now.set(START.plus(Duration.ofMinutes(10)));

        signIn.failed("alice", "198.51.100.1");

        assertThat(alice().failedLogins()).isEqualTo(3);
        assertThat(alice().lockedUntil()).contains(until);
        assertThat(lastEvent().detail()).contains("from 198.51.100.1, already locked until " + until);
        assertThat(audit.events).hasSize(4);
    }

    @Test
    void afterALockEndsEachFailureLocksAgainUntilAGoodSignIn() {
        for (int i = 0; i < 3; i++) {
            signIn.failed("alice", "203.0.113.7");
        }
        now.set(START.plus(Duration.ofMinutes(16)));

        signIn.failed("alice", "203.0.113.7");

        assertThat(alice().isLockedAt(now.instant())).isTrue();
        assertThat(alice().lockedUntil()).contains(now.instant().plus(Duration.ofMinutes(15)));

        now.set(START.plus(Duration.ofMinutes(32)));
        signIn.succeeded("alice", "203.0.113.7");
        signIn.failed("alice", "203.0.113.7");

        assertThat(alice().failedLogins()).isEqualTo(1);
        assertThat(alice().isLockedAt(now.instant())).isFalse();
    }

    @Test
    void aGoodSignInClearsFailures() {
        signIn.failed("alice", "203.0.113.7");
        signIn.failed("alice", "203.0.113.7");

        signIn.succeeded("alice", "203.0.113.7");

        assertThat(alice().failedLogins()).isZero();
        assertThat(alice().lockedUntil()).isEmpty();
    }

    @Test
    void aFailureForAnUnknownNameIsAuditedWithoutTheNameAndChangesNothing() {
        signIn.failed("mallory", "203.0.113.7");

        assertThat(directory.all()).containsExactly(alice());
        assertThat(alice().failedLogins()).isZero();
        // Not the name typed: it is often a password typed into the wrong field.
        assertThat(lastEvent().actor()).isEqualTo(RecordOperatorSignIn.UNKNOWN_OPERATOR);
        assertThat(lastEvent().detail()).contains("from 203.0.113.7");
    }

    @Test
    void hostileInputIsAuditedPrintableAndBounded() {
        signIn.failed("ev\u0000il\r\nadmin\u202e", "203.0.113.7\n");
        assertThat(lastEvent().actor()).isEqualTo(RecordOperatorSignIn.UNKNOWN_OPERATOR);
        assertThat(lastEvent().detail()).contains("from 203.0.113.7");

        signIn.failed("😀".repeat(200), "😀".repeat(200));
        assertThat(lastEvent().detail()).contains("from " + "😀".repeat(100));

        signIn.failed("\u0007\u0008", null);
        assertThat(lastEvent().detail()).contains("from (unknown)");

        signIn.failed(null, "203.0.113.7");
        signIn.failed("   ", "203.0.113.7");
        assertThat(audit.events).extracting(AuditEvent::actor).containsOnly(RecordOperatorSignIn.UNKNOWN_OPERATOR);
    }

    @Test
    void lockoutRulesAreValidated() {
        assertThat(OperatorLockout.DEFAULT).isEqualTo(new OperatorLockout(5, Duration.ofMinutes(15)));
        assertThatThrownBy(() -> new OperatorLockout(0, Duration.ofMinutes(1))).hasMessageContaining("maxFailures");
        assertThatThrownBy(() -> new OperatorLockout(1, Duration.ZERO)).hasMessage("lockFor must be positive");
        assertThatThrownBy(() -> new OperatorLockout(1, Duration.ofSeconds(-1))).hasMessage("lockFor must be positive");
        assertThatThrownBy(() -> new OperatorLockout(1, null)).hasMessage("lockFor is required");
    }
}
