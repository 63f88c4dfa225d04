package dev.wxgate.application.operator;

import dev.wxgate.application.operator.OperatorChangeRefusedException.Reason;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.domain.operator.PasswordHasher;
import dev.wxgate.domain.operator.SignInLock;
import dev.wxgate.domain.operator.SignInThrottle;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Use case: the console's operators page lists operators, adds and removes them, lets an admin set anyone's password
 * and every operator change their own. Each refusal is an {@link OperatorChangeRefusedException} with a reason; each
 * change is audited ({@link dev.wxgate.domain.audit.AuditKind#OPERATOR_CHANGED}) after it is made. A password is
 * never audited, logged or put in a message.
 *
 * <p>Who may call what (admins for all but {@link #changeOwnPassword}) is the web adapter's to enforce; the
 * {@code actor} is the signed-in operator it vouches for. Every method throws
 * {@link dev.wxgate.domain.StoreUnavailableException} when the operator store or the audit log cannot be reached.
 */
public final class ManageOperators {
    private final OperatorDirectory directory;
    private final SignInThrottle throttle;
    private final PasswordHasher hasher;
    private final AuditLog auditLog;
    private final Clock clock;

    /** How an operator is locked now: from how many client addresses, and until when at the latest. */
    public record Locked(int addresses, Instant until) {}

    public ManageOperators(
            OperatorDirectory directory,
            SignInThrottle throttle,
            PasswordHasher hasher,
            AuditLog auditLog,
            Clock clock) {
        this.directory = directory;
        this.throttle = throttle;
        this.hasher = hasher;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Every operator, ordered by username. */
    public List<Operator> all() {
        return directory.all();
    }

    /** The operators locked now (from some client address), by username. */
    public Map<String, Locked> locked() {
        Map<String, Locked> locked = new TreeMap<>();
        for (SignInLock lock : throttle.operatorLocks(clock.instant())) {
            locked.merge(
                    lock.username(),
                    new Locked(1, lock.until()),
                    (a, b) -> new Locked(
                            a.addresses() + b.addresses(), a.until().isAfter(b.until()) ? a.until() : b.until()));
        }
        return locked;
    }

    /**
     * {@code actor} adds {@code username} with {@code role} and {@code password}; never signed in, not locked.
     *
     * @throws OperatorChangeRefusedException {@link Reason#INVALID_USERNAME}, {@link Reason#WEAK_PASSWORD},
     *     {@link Reason#USERNAME_TAKEN} (in any case: {@code ADMIN} when {@code admin} exists; also when another node
     *     added the name at the same moment)
     */
    public void add(String actor, String username, OperatorRole role, String password) {
        requireActor(actor);
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        if (!Operator.isValidUsername(username)) {
            throw new OperatorChangeRefusedException(Reason.INVALID_USERNAME);
        }
        checkStrength(password);
        String folded = Operator.folded(username);
        if (directory.all().stream()
                .anyMatch(other -> Operator.folded(other.username()).equals(folded))) {
            // Checked here, before the slow hash, and again by the store's unique key for two nodes at once.
            throw new OperatorChangeRefusedException(Reason.USERNAME_TAKEN);
        }
        Operator operator = Operator.created(username, hasher.hash(password), role, clock.instant());
        if (!directory.add(operator)) {
            throw new OperatorChangeRefusedException(Reason.USERNAME_TAKEN);
        }
        audit(actor, username, "added as " + role.code());
    }

    /**
     * {@code actor} removes {@code username}.
     *
     * @throws OperatorChangeRefusedException {@link Reason#SELF_REMOVAL}, {@link Reason#NO_SUCH_OPERATOR},
     *     {@link Reason#LAST_ADMIN}
     */
    public void remove(String actor, String username) {
        requireActor(actor);
        if (actor.equals(username)) {
            throw new OperatorChangeRefusedException(Reason.SELF_REMOVAL);
        }
        Operator operator = existing(username);
        if (operator.role() == OperatorRole.ADMIN && admins() <= 1) {
            throw new OperatorChangeRefusedException(Reason.LAST_ADMIN);
        }
        if (!directory.remove(username)) {
            throw new OperatorChangeRefusedException(Reason.NO_SUCH_OPERATOR);
        }
        if (operator.role() == OperatorRole.ADMIN && admins() == 0) {
            // Two admins removing each other at once both saw another admin; put this one back rather than leave the
            // console without one (if both do, both are back, and both are told so).
            directory.add(operator);
            throw new OperatorChangeRefusedException(Reason.LAST_ADMIN);
        }
        throttle.clearOperator(username);
        audit(actor, username, "removed");
    }

    /**
     * {@code actor}, an admin, sets the password of {@code username} (who may have forgotten it) and unlocks the
     * account from every address; the current password is not asked for.
     *
     * @throws OperatorChangeRefusedException {@link Reason#WEAK_PASSWORD}, {@link Reason#NO_SUCH_OPERATOR}
     */
    public void setPassword(String actor, String username, String newPassword) {
        requireActor(actor);
        if (!Operator.isValidUsername(username)) {
            throw new OperatorChangeRefusedException(Reason.NO_SUCH_OPERATOR);
        }
        checkStrength(newPassword);
        if (!directory.changePassword(username, hasher.hash(newPassword))) {
            throw new OperatorChangeRefusedException(Reason.NO_SUCH_OPERATOR);
        }
        // A new password is a fresh start: the locks of the old one go with it, from every address.
        throttle.clearOperator(username);
        audit(actor, username, "password set by admin");
    }

    /**
     * The signed-in operator {@code username} changes their own password, proving they know the current one; this
     * also clears their failed sign-ins and locks. Audited with {@code username} as the actor.
     *
     * @throws OperatorChangeRefusedException {@link Reason#WEAK_PASSWORD}, {@link Reason#NO_SUCH_OPERATOR},
     *     {@link Reason#WRONG_PASSWORD}
     */
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        checkStrength(newPassword);
        Operator operator = existing(username);
        if (currentPassword == null || !hasher.matches(currentPassword, operator.passwordHash())) {
            throw new OperatorChangeRefusedException(Reason.WRONG_PASSWORD);
        }
        if (!directory.changePassword(username, hasher.hash(newPassword))) {
            throw new OperatorChangeRefusedException(Reason.NO_SUCH_OPERATOR);
        }
        throttle.clearOperator(username);
        audit(username, username, "password changed");
    }

    private Operator existing(String username) {
        Optional<Operator> operator = Operator.isValidUsername(username) ? directory.find(username) : Optional.empty();
        return operator.orElseThrow(() -> new OperatorChangeRefusedException(Reason.NO_SUCH_OPERATOR));
    }

    private long admins() {
        return directory.all().stream()
                .filter(operator -> operator.role() == OperatorRole.ADMIN)
                .count();
    }

    private void audit(String actor, String username, String detail) {
        auditLog.record(AuditEvent.operatorChanged(clock.instant(), actor, username, detail));
    }

    /** The actor is the signed-in operator: anything else is the caller's bug, not a refusal to show. */
    private static void requireActor(String actor) {
        if (!Operator.isValidUsername(actor)) {
            throw new IllegalArgumentException("actor must be an operator's username");
        }
    }

    private static void checkStrength(String password) {
        try {
            OperatorPasswords.check(password);
        } catch (IllegalArgumentException weak) {
            throw new OperatorChangeRefusedException(Reason.WEAK_PASSWORD);
        }
    }
}
