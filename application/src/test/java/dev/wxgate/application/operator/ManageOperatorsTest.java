package dev.wxgate.application.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.application.RecordingAuditLog;
import dev.wxgate.application.operator.OperatorChangeRefusedException.Reason;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorRole;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ManageOperatorsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(86_400);
    private static final String ROOT_PASSWORD = "root password 1";
    private static final String NEW_PASSWORD = "a brand new secret";

    private final FakeOperatorDirectory directory = new FakeOperatorDirectory();
    private final FakeSignInThrottle throttle = new FakeSignInThrottle();
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ManageOperators manage =
            new ManageOperators(directory, throttle, hasher, audit, Clock.fixed(NOW, ZoneOffset.UTC));

    ManageOperatorsTest() {
        directory.add(Operator.created("root", "hashed(" + ROOT_PASSWORD + ")", OperatorRole.ADMIN, EARLIER));
    }

    /** Whatever a test did, no password it used reached the audit log, as any field of any event. */
    @AfterEach
    void noPasswordIsEverAudited() {
        for (AuditEvent event : audit.events) {
            for (String password : hasher.seen) {
                if (password != null && !password.isBlank()) {
                    assertThat(event.toString()).doesNotContain(password);
                }
            }
        }
    }

    private static void assertRefused(ThrowingCallable change, Reason reason) {
        assertThatThrownBy(change)
                .isInstanceOfSatisfying(OperatorChangeRefusedException.class, refused -> assertThat(refused.reason())
                        .isEqualTo(reason));
    }

    private Operator operator(String username) {
        return directory.find(username).orElseThrow();
    }

    /** A viewer locked from two client addresses. */
    private void addLockedViewer(String username, String password) {
        directory.add(
                new Operator(username, "hashed(" + password + ")", OperatorRole.VIEWER, EARLIER, Optional.of(EARLIER)));
        for (String address : new String[] {"203.0.113.7", "203.0.113.8"}) {
            throttle.recordOperatorFailure(username, address);
            throttle.lockOperator(username, address, NOW.plusSeconds(900));
        }
    }

    private boolean isLocked(String username) {
        return throttle.operatorLocks(NOW).stream()
                .anyMatch(lock -> lock.username().equals(username));
    }

    @Test
    void allListsTheOperatorsByUsername() {
        directory.add(Operator.created("bob", "h", OperatorRole.VIEWER, EARLIER));
        directory.add(Operator.created("alice", "h", OperatorRole.VIEWER, EARLIER));

        assertThat(manage.all()).extracting(Operator::username).containsExactly("alice", "bob", "root");
    }

    @Test
    void anAddedOperatorHasTheHashOfTheirPasswordAndIsAudited() {
        manage.add("root", "alice", OperatorRole.VIEWER, "alice's password");

        assertThat(operator("alice"))
                .isEqualTo(Operator.created("alice", "hashed(alice's password)", OperatorRole.VIEWER, NOW));
        assertThat(audit.events).containsExactly(AuditEvent.operatorChanged(NOW, "root", "alice", "added as viewer"));
        AuditEvent event = audit.events.getFirst();
        assertThat(event.kind()).isEqualTo(AuditKind.OPERATOR_CHANGED);
        assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(event.subject()).contains("operator alice");
        assertThat(event.actor()).isEqualTo("root");
    }

    @Test
    void anAddedAdminIsAuditedAsOne() {
        manage.add("root", "carol", OperatorRole.ADMIN, "carol's password");

        assertThat(operator("carol").role()).isEqualTo(OperatorRole.ADMIN);
        assertThat(audit.events.getFirst().detail()).contains("added as admin");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "has space",
                "tab\tname",
                "ALICE!",
                "名字",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            })
    void anInvalidUsernameIsRefused(String username) {
        assertRefused(
                () -> manage.add("root", username, OperatorRole.VIEWER, "a good password"), Reason.INVALID_USERNAME);

        assertThat(directory.all()).extracting(Operator::username).containsExactly("root");
        assertThat(audit.events).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"elevenchars", "            ", "密码密码密码密码密码密", "\t\t\t\t\t\t\t\t\t\t\t\t\t"})
    void aWeakPasswordIsRefusedWhenAdding(String password) {
        assertRefused(() -> manage.add("root", "alice", OperatorRole.VIEWER, password), Reason.WEAK_PASSWORD);

        assertThat(directory.find("alice")).isEmpty();
        assertThat(audit.events).isEmpty();
    }

    @Test
    void passwordsAreTwelveCharactersToSeventyTwoBytes() {
        manage.add("root", "twelve", OperatorRole.VIEWER, "p".repeat(12));
        manage.add("root", "bytes72", OperatorRole.VIEWER, "p".repeat(72));
        manage.add("root", "cjk", OperatorRole.VIEWER, "密".repeat(24));

        assertRefused(() -> manage.add("root", "bytes73", OperatorRole.VIEWER, "p".repeat(73)), Reason.WEAK_PASSWORD);
        assertRefused(() -> manage.add("root", "cjk25", OperatorRole.VIEWER, "密".repeat(25)), Reason.WEAK_PASSWORD);
        assertThat(directory.all()).extracting(Operator::username).containsExactly("bytes72", "cjk", "root", "twelve");
    }

    @Test
    void aTakenUsernameIsRefusedAndTheOperatorKept() {
        Operator root = operator("root");

        assertRefused(() -> manage.add("root", "root", OperatorRole.VIEWER, "another password"), Reason.USERNAME_TAKEN);

        assertThat(operator("root")).isEqualTo(root);
        assertThat(audit.events).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ROOT", "Root", "rOOt"})
    void aNameTakenInAnotherCaseIsRefusedBeforeItsPasswordIsHashed(String username) {
        assertRefused(
                () -> manage.add("root", username, OperatorRole.ADMIN, "another password"), Reason.USERNAME_TAKEN);

        assertThat(directory.all()).extracting(Operator::username).containsExactly("root");
        assertThat(hasher.seen).doesNotContain("another password");
        assertThat(audit.events).isEmpty();
    }

    @Test
    void aNameTakenInAnotherCaseByAnotherNodeAtTheSameMomentIsRefused() {
        directory.beforeAdd = () -> {
            directory.beforeAdd = () -> {};
            directory.add(Operator.created("ALICE", "the other node's", OperatorRole.ADMIN, NOW));
        };

        assertRefused(
                () -> manage.add("root", "alice", OperatorRole.VIEWER, "alice's password"), Reason.USERNAME_TAKEN);

        assertThat(directory.find("alice")).isEmpty();
        assertThat(audit.events).isEmpty();
    }

    @Test
    void lockedOperatorsAreSummedUpByAddressesAndLatestEnd() {
        addLockedViewer("alice", "alice's password");
        throttle.lockOperator("alice", "203.0.113.9", NOW.plusSeconds(1200));
        throttle.lockOperator("root", "203.0.113.7", NOW.minusSeconds(1));

        assertThat(manage.locked())
                .containsOnlyKeys("alice")
                .containsEntry("alice", new ManageOperators.Locked(3, NOW.plusSeconds(1200)));
    }

    @Test
    void aRemovedOperatorsLocksGoWithIt() {
        addLockedViewer("alice", "alice's password");

        manage.remove("root", "alice");

        assertThat(isLocked("alice")).isFalse();
    }

    @Test
    void aNameTakenByAnotherNodeAtTheSameMomentIsRefused() {
        directory.beforeAdd = () -> {
            directory.beforeAdd = () -> {};
            directory.add(Operator.created("alice", "the other node's", OperatorRole.ADMIN, NOW));
        };

        assertRefused(
                () -> manage.add("root", "alice", OperatorRole.VIEWER, "alice's password"), Reason.USERNAME_TAKEN);

        assertThat(operator("alice").passwordHash()).isEqualTo("the other node's");
        assertThat(audit.events).isEmpty();
    }

    @Test
    void aRemovedOperatorIsGoneAndTheRemovalAudited() {
        directory.add(Operator.created("alice", "h", OperatorRole.VIEWER, EARLIER));

        manage.remove("root", "alice");

        assertThat(directory.find("alice")).isEmpty();
        assertThat(audit.events).containsExactly(AuditEvent.operatorChanged(NOW, "root", "alice", "removed"));
    }

    @Test
    void anAdminMayBeRemovedWhileAnotherRemains() {
        directory.add(Operator.created("carol", "h", OperatorRole.ADMIN, EARLIER));

        manage.remove("root", "carol");

        assertThat(directory.all()).extracting(Operator::username).containsExactly("root");
    }

    @Test
    void nobodyRemovesThemselves() {
        directory.add(Operator.created("carol", "h", OperatorRole.ADMIN, EARLIER));

        assertRefused(() -> manage.remove("root", "root"), Reason.SELF_REMOVAL);

        assertThat(directory.find("root")).isPresent();
        assertThat(audit.events).isEmpty();
    }

    @Test
    void theLastAdminIsNeverRemoved() {
        // Only reachable by an actor who is not an admin in the directory (e.g. removed meanwhile): refused anyway.
        directory.add(Operator.created("viewer", "h", OperatorRole.VIEWER, EARLIER));

        assertRefused(() -> manage.remove("viewer", "root"), Reason.LAST_ADMIN);

        assertThat(directory.find("root")).isPresent();
        assertThat(audit.events).isEmpty();
    }

    @Test
    void twoAdminsRemovingEachOtherAtOnceLeaveOneStanding() {
        directory.add(Operator.created("carol", "hashed(carol's password)", OperatorRole.ADMIN, EARLIER));
        Operator carol = operator("carol");
        // carol removes root after this call read two admins, before it removes carol.
        directory.beforeRemove = () -> {
            directory.beforeRemove = () -> {};
            directory.remove("root");
        };

        assertRefused(() -> manage.remove("root", "carol"), Reason.LAST_ADMIN);

        assertThat(directory.all()).containsExactly(carol);
        assertThat(audit.events).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"nobody", "not a name"})
    void anUnknownOperatorIsNotRemoved(String username) {
        assertRefused(() -> manage.remove("root", username), Reason.NO_SUCH_OPERATOR);

        assertThat(audit.events).isEmpty();
    }

    @Test
    void anOperatorRemovedByAnotherNodeMeanwhileIsNoSuchOperator() {
        directory.add(Operator.created("alice", "h", OperatorRole.VIEWER, EARLIER));
        directory.beforeRemove = () -> {
            directory.beforeRemove = () -> {};
            directory.remove("alice");
        };

        assertRefused(() -> manage.remove("root", "alice"), Reason.NO_SUCH_OPERATOR);

        assertThat(audit.events).isEmpty();
    }

    @Test
    void anAdminSetsAPasswordWhichAlsoUnlocks() {
        addLockedViewer("alice", "forgotten password");

        manage.setPassword("root", "alice", NEW_PASSWORD);

        Operator alice = operator("alice");
        assertThat(alice.passwordHash()).isEqualTo("hashed(" + NEW_PASSWORD + ")");
        assertThat(isLocked("alice")).isFalse();
        assertThat(throttle.operatorFailures("alice", "203.0.113.7")).isZero();
        assertThat(alice.role()).isEqualTo(OperatorRole.VIEWER);
        assertThat(alice.lastLoginAt()).contains(EARLIER);
        assertThat(audit.events)
                .containsExactly(AuditEvent.operatorChanged(NOW, "root", "alice", "password set by admin"));
    }

    @Test
    void aWeakPasswordIsNotSet() {
        addLockedViewer("alice", "forgotten password");
        Operator before = operator("alice");

        assertRefused(() -> manage.setPassword("root", "alice", "short"), Reason.WEAK_PASSWORD);

        assertThat(operator("alice")).isEqualTo(before);
        assertThat(isLocked("alice")).isTrue();
        assertThat(audit.events).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"nobody", "not a name"})
    void noPasswordIsSetForAnUnknownOperator(String username) {
        assertRefused(() -> manage.setPassword("root", username, NEW_PASSWORD), Reason.NO_SUCH_OPERATOR);

        assertThat(directory.all()).extracting(Operator::username).containsExactly("root");
        assertThat(audit.events).isEmpty();
    }

    @Test
    void anOperatorChangesTheirOwnPasswordKnowingTheCurrentOne() {
        addLockedViewer("alice", "alice's old password");

        manage.changeOwnPassword("alice", "alice's old password", NEW_PASSWORD);

        Operator alice = operator("alice");
        assertThat(alice.passwordHash()).isEqualTo("hashed(" + NEW_PASSWORD + ")");
        assertThat(isLocked("alice")).isFalse();
        assertThat(audit.events).containsExactly(AuditEvent.operatorChanged(NOW, "alice", "alice", "password changed"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"alice's wrong password", "ALICE'S OLD PASSWORD", "alice's old password "})
    void aWrongCurrentPasswordChangesNothing(String current) {
        addLockedViewer("alice", "alice's old password");
        Operator before = operator("alice");

        assertRefused(() -> manage.changeOwnPassword("alice", current, NEW_PASSWORD), Reason.WRONG_PASSWORD);

        assertThat(operator("alice")).isEqualTo(before);
        assertThat(audit.events).isEmpty();
    }

    @Test
    void aWeakNewPasswordIsRefusedEvenWithTheRightCurrentOne() {
        assertRefused(() -> manage.changeOwnPassword("root", ROOT_PASSWORD, "short"), Reason.WEAK_PASSWORD);

        assertThat(operator("root").passwordHash()).isEqualTo("hashed(" + ROOT_PASSWORD + ")");
        assertThat(audit.events).isEmpty();
    }

    @Test
    void anUnknownOperatorChangesNoPassword() {
        assertRefused(() -> manage.changeOwnPassword("nobody", ROOT_PASSWORD, NEW_PASSWORD), Reason.NO_SUCH_OPERATOR);

        assertThat(audit.events).isEmpty();
    }

    @Test
    void anOperatorRemovedMidChangeIsNoSuchOperator() {
        directory.add(Operator.created("alice", "hashed(alice's old password)", OperatorRole.VIEWER, EARLIER));
        directory.beforeChangePassword = () -> directory.remove("alice");

        assertRefused(
                () -> manage.changeOwnPassword("alice", "alice's old password", NEW_PASSWORD), Reason.NO_SUCH_OPERATOR);

        assertThat(directory.find("alice")).isEmpty();
        assertThat(audit.events).isEmpty();
    }

    @Test
    void refusalsSayWhyInFixedWordsWithoutThePassword() {
        assertThatThrownBy(() -> manage.add("root", "alice", OperatorRole.VIEWER, "weak secret"))
                .hasMessage("the password must be at least 12 characters, at most 72 bytes (UTF-8), and not blank")
                .hasNoCause();
        assertThatThrownBy(() -> manage.changeOwnPassword("root", "my guess at it", NEW_PASSWORD))
                .hasMessage("the current password is wrong");
        for (Reason reason : Reason.values()) {
            assertThat(new OperatorChangeRefusedException(reason))
                    .hasMessageNotContaining("root password 1")
                    .message()
                    .isNotBlank();
        }
    }

    @Test
    void everyChangeIsAuditedOnceWithoutAnyPassword() {
        manage.add("root", "alice", OperatorRole.ADMIN, "alice's first password");
        manage.setPassword("root", "alice", "alice's second password");
        manage.changeOwnPassword("alice", "alice's second password", "alice's third password");
        manage.changeOwnPassword("root", ROOT_PASSWORD, "root's new password");
        manage.remove("root", "alice");

        assertThat(audit.events)
                .containsExactly(
                        AuditEvent.operatorChanged(NOW, "root", "alice", "added as admin"),
                        AuditEvent.operatorChanged(NOW, "root", "alice", "password set by admin"),
                        AuditEvent.operatorChanged(NOW, "alice", "alice", "password changed"),
                        AuditEvent.operatorChanged(NOW, "root", "root", "password changed"),
                        AuditEvent.operatorChanged(NOW, "root", "alice", "removed"));
        assertThat(hasher.seen).contains("alice's first password", "alice's third password", "root's new password");
        assertThat(audit.events).allSatisfy(event -> assertThat(event.toString())
                .doesNotContain("password 1")
                .doesNotContain("first password")
                .doesNotContain("second password")
                .doesNotContain("third password")
                .doesNotContain("new password"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "line\nbreak"})
    void anActorWhoIsNoOperatorIsACallerBugNotARefusal(String actor) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> manage.add(actor, "alice", OperatorRole.VIEWER, "alice's password"));
        assertThatIllegalArgumentException().isThrownBy(() -> manage.remove(actor, "root"));
        assertThatIllegalArgumentException().isThrownBy(() -> manage.setPassword(actor, "root", NEW_PASSWORD));

        assertThat(directory.all()).extracting(Operator::username).containsExactly("root");
        assertThat(audit.events).isEmpty();
    }
}
