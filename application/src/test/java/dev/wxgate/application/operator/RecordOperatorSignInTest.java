package dev.wxgate.application.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.application.RecordingAuditLog;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordOperatorSignInTest {
    private static final Instant START = Instant.parse("2026-11-24T08:00:00Z");
    private static final OperatorLockout LOCKOUT = new OperatorLockout(3, Duration.ofMinutes(15), 10);
    private static final String ATTACKER = "203.0.113.7";
    private static final String OFFICE = "198.51.100.1";

    private final MutableClock now = new MutableClock(START);
    private final FakeOperatorDirectory directory = new FakeOperatorDirectory();
    private final FakeSignInThrottle throttle = new FakeSignInThrottle();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final RecordOperatorSignIn signIn = new RecordOperatorSignIn(directory, throttle, audit, LOCKOUT, now);

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

        assertThat(throttle.operatorFailures("alice", ATTACKER)).isEqualTo(2);
        assertThat(throttle.addressFailures(ATTACKER)).isEqualTo(2);
        assertThat(signIn.isLocked("alice", ATTACKER)).isFalse();
        assertThat(audit.events).hasSize(2).allSatisfy(event -> {
            assertThat(event.kind()).isEqualTo(AuditKind.CONSOLE_LOGIN_FAILED);
            assertThat(event.outcome()).isEqualTo(AuditOutcome.REFUSED);
            assertThat(event.actor()).isEqualTo("alice");
            assertThat(event.detail()).contains("from 203.0.113.7");
        });
    }

    @Test
    void theFailureThatReachesTheLimitLocksTheOperatorFromThatAddress() {
        signIn.failed("alice", ATTACKER);
        signIn.failed("alice", ATTACKER);
        signIn.failed("alice", ATTACKER);

        Instant until = START.plus(Duration.ofMinutes(15));
        assertThat(throttle.operatorLockedUntil("alice", ATTACKER)).contains(until);
        assertThat(signIn.isLocked("alice", ATTACKER)).isTrue();
        assertThat(lastEvent().detail()).contains("from 203.0.113.7, locked until " + until);
    }

    @Test
    void theOperatorIsNotLockedFromAnotherAddress() {
        for (int i = 0; i < 3; i++) {
            signIn.failed("alice", ATTACKER);
        }

        assertThat(signIn.isLocked("alice", OFFICE)).isFalse();
        signIn.failed("alice", OFFICE);
        assertThat(throttle.operatorFailures("alice", OFFICE)).isEqualTo(1);
        assertThat(signIn.isLocked("alice", OFFICE)).isFalse();
        signIn.succeeded("alice", OFFICE);

        assertThat(signIn.isLocked("alice", ATTACKER)).isTrue();
        assertThat(signIn.isLocked("alice", OFFICE)).isFalse();
    }

    @Test
    void triesAgainstALockNeitherCountNorExtendIt() {
        for (int i = 0; i < 3; i++) {
            signIn.failed("alice", ATTACKER);
        }
        Instant until = throttle.operatorLockedUntil("alice", ATTACKER).orElseThrow();
        now.set(START.plus(Duration.ofMinutes(10)));

        signIn.failed("alice", ATTACKER);

        assertThat(throttle.operatorFailures("alice", ATTACKER)).isEqualTo(3);
        assertThat(throttle.operatorLockedUntil("alice", ATTACKER)).contains(until);
        assertThat(lastEvent().detail()).contains("from 203.0.113.7, already locked until " + until);
        assertThat(audit.events).hasSize(4);
    }

    @Test
    void afterALockEndsEachFailureLocksAgainUntilAGoodSignIn() {
        for (int i = 0; i < 3; i++) {
            signIn.failed("alice", ATTACKER);
        }
        now.set(START.plus(Duration.ofMinutes(16)));
        assertThat(signIn.isLocked("alice", ATTACKER)).isFalse();

        signIn.failed("alice", ATTACKER);

        assertThat(signIn.isLocked("alice", ATTACKER)).isTrue();
        assertThat(throttle.operatorLockedUntil("alice", ATTACKER))
                .contains(now.instant().plus(Duration.ofMinutes(15)));

        now.set(START.plus(Duration.ofMinutes(32)));
        signIn.succeeded("alice", ATTACKER);
        signIn.failed("alice", ATTACKER);

        assertThat(throttle.operatorFailures("alice", ATTACKER)).isEqualTo(1);
        assertThat(signIn.isLocked("alice", ATTACKER)).isFalse();
    }

    @Test
    void aGoodSignInClearsTheFailuresFromItsAddressOnly() {
        signIn.failed("alice", ATTACKER);
        signIn.failed("alice", OFFICE);
        signIn.failed("alice", OFFICE);

        signIn.succeeded("alice", OFFICE);

        assertThat(throttle.operatorFailures("alice", OFFICE)).isZero();
        assertThat(throttle.operatorFailures("alice", ATTACKER)).isEqualTo(1);
        assertThat(throttle.addressFailures(OFFICE)).isEqualTo(2);
    }

    @Test
    void anAddressPastItsLimitIsRefusedForEveryUsername() {
        for (int i = 0; i < 9; i++) {
            signIn.failed("guess" + i, ATTACKER);
        }
        assertThat(signIn.isLocked("anyone", ATTACKER)).isFalse();

        signIn.failed("alice", ATTACKER);

        Instant until = START.plus(Duration.ofMinutes(15));
        assertThat(throttle.addressLockedUntil(ATTACKER)).contains(until);
        assertThat(lastEvent().detail()).contains("from 203.0.113.7, address locked until " + until);
        assertThat(signIn.isLocked("alice", ATTACKER)).isTrue();
        assertThat(signIn.isLocked("bob", ATTACKER)).isTrue();
        assertThat(signIn.isLocked(null, ATTACKER)).isTrue();
        assertThat(signIn.isLocked("alice", OFFICE)).isFalse();
    }

    @Test
    void triesFromALockedAddressNeitherCountNorExtendAnyLock() {
        for (int i = 0; i < 10; i++) {
            signIn.failed("guess" + i, ATTACKER);
        }
        Instant until = throttle.addressLockedUntil(ATTACKER).orElseThrow();
        now.set(START.plus(Duration.ofMinutes(10)));

        signIn.failed("alice", ATTACKER);

        assertThat(throttle.addressFailures(ATTACKER)).isEqualTo(10);
        assertThat(throttle.addressLockedUntil(ATTACKER)).contains(until);
        assertThat(throttle.operatorFailures("alice", ATTACKER)).isZero();
        assertThat(lastEvent().detail()).contains("from 203.0.113.7, address already locked until " + until);

        now.set(until);
        assertThat(signIn.isLocked("alice", ATTACKER)).isFalse();
        signIn.failed("alice", ATTACKER);
        assertThat(throttle.addressFailures(ATTACKER)).isEqualTo(1);
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        for (int i = 0; i < 3; i++) {
            signIn.failed("alice", "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }

        assertThat(signIn.isLocked("alice", "2001:db8:1:2:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(signIn.isLocked("alice", "2001:db8:1:3::1")).isFalse();
        assertThat(throttle.addressFailures("2001:db8:1:2::/64")).isEqualTo(3);
        // The audit log keeps each client's own address.
        assertThat(lastEvent().detail())
                .hasValueSatisfying(detail -> assertThat(detail).startsWith("from 2001:db8:1:2::3,"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "203.0.113.7=203.0.113.7",
                "::ffff:203.0.113.7=203.0.113.7",
                "2001:DB8:0:0:1::1=2001:db8:0:0::/64",
                "::1=0:0:0:0::/64",
                "fe80::1%1=fe80:0:0:0::/64",
                "1:2:3:4:5:6:7:8:9=1:2:3:4:5:6:7:8:9",
                "not:an:address::zz=not:an:address::zz",
                "example.com=example.com"
            })
    void addressesAreKeyedByIpv4AddressOrIpv6Network(String addressAndKey) {
        String[] parts = addressAndKey.split("=");

        assertThat(RecordOperatorSignIn.addressKey(parts[0])).isEqualTo(parts[1]);
    }

    @Test
    void addressFailuresOlderThanTheWindowAreForgotten() {
        for (int i = 0; i < 9; i++) {
            signIn.failed("guess" + i, ATTACKER);
        }
        now.set(START.plus(Duration.ofMinutes(15)));

        for (int i = 0; i < 9; i++) {
            signIn.failed("guess" + i, ATTACKER);
        }

        assertThat(throttle.addressFailures(ATTACKER)).isEqualTo(9);
        assertThat(signIn.isLocked("alice", ATTACKER)).isFalse();
    }

    @Test
    void aFailureForAnUnknownNameIsAuditedWithoutTheNameAndChangesNothing() {
        signIn.failed("mallory", "203.0.113.7");

        assertThat(directory.all()).containsExactly(alice());
        assertThat(throttle.operatorFailures("mallory", ATTACKER)).isZero();
        assertThat(throttle.addressFailures(ATTACKER)).isEqualTo(1);
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
        assertThat(OperatorLockout.DEFAULT).isEqualTo(new OperatorLockout(5, Duration.ofMinutes(15), 20));
        assertThatThrownBy(() -> new OperatorLockout(0, Duration.ofMinutes(1), 1))
                .hasMessageContaining("maxFailures");
        assertThatThrownBy(() -> new OperatorLockout(1, Duration.ZERO, 1)).hasMessage("lockFor must be positive");
        assertThatThrownBy(() -> new OperatorLockout(1, Duration.ofSeconds(-1), 1))
                .hasMessage("lockFor must be positive");
        assertThatThrownBy(() -> new OperatorLockout(1, null, 1)).hasMessage("lockFor is required");
        assertThatThrownBy(() -> new OperatorLockout(1, Duration.ofMinutes(1), 0))
                .hasMessage("maxFailuresPerAddress must be at least 1");
    }
}
