package dev.wxgate.application.operator;

import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Use case: the console's sign-in looks up operators, and reports how each sign-in ended. A good one clears the
 * failures; failed ones are counted, and {@link OperatorLockout#maxFailures()} of them in a row lock the account for
 * {@link OperatorLockout#lockFor()}. Every sign-in, good or failed, goes to the audit log; a password never does.
 */
public final class RecordOperatorSignIn {
    /** The actor of a failed sign-in with a name that is no operator's. */
    public static final String UNKNOWN_OPERATOR = "(unknown operator)";

    private static final Pattern INVISIBLE = Pattern.compile("\\p{C}");

    private final OperatorDirectory directory;
    private final AuditLog auditLog;
    private final OperatorLockout lockout;
    private final Clock clock;

    public RecordOperatorSignIn(OperatorDirectory directory, AuditLog auditLog, OperatorLockout lockout, Clock clock) {
        this.directory = directory;
        this.auditLog = auditLog;
        this.lockout = lockout;
        this.clock = clock;
    }

    /**
     * The operator named {@code username}; empty when there is none, or when no operator could have that name.
     *
     * @throws dev.wxgate.domain.StoreUnavailableException when the operator store cannot be reached
     */
    public Optional<Operator> find(String username) {
        return Operator.isValidUsername(username) ? directory.find(username) : Optional.empty();
    }

    /**
     * {@code username} signed in from {@code remoteAddress}: clears its failures and lock, and audits it.
     *
     * @throws dev.wxgate.domain.StoreUnavailableException when the operator store or the audit log cannot be reached
     */
    public void succeeded(String username, String remoteAddress) {
        Instant now = clock.instant();
        directory.recordLogin(username, now);
        auditLog.record(AuditEvent.consoleLogin(now, actor(username), from(remoteAddress)));
    }

    /**
     * A sign-in as {@code attemptedUsername} from {@code remoteAddress} was refused (wrong password, unknown name, or a
     * locked account). Counts the failure against an operator of that name, unless it is locked already, and locks it
     * when the failures reach the limit; audits the attempt either way.
     *
     * @throws dev.wxgate.domain.StoreUnavailableException when the operator store or the audit log cannot be reached
     */
    public void failed(String attemptedUsername, String remoteAddress) {
        Instant now = clock.instant();
        String detail = from(remoteAddress);
        Optional<Operator> operator = find(attemptedUsername);
        if (operator.isPresent()) {
            Optional<Instant> lockedUntil = operator.get().lockedUntil().filter(now::isBefore);
            if (lockedUntil.isPresent()) {
                // Tries against a locked account neither count nor extend the lock: the lock already stops them.
                detail += ", already locked until " + lockedUntil.get();
            } else if (directory.recordFailedLogin(attemptedUsername) >= lockout.maxFailures()) {
                // At or past the limit: after a lock ends, every further failure locks again until a good sign-in.
                Instant until = now.plus(lockout.lockFor());
                directory.lock(attemptedUsername, until);
                detail += ", locked until " + until;
            }
        }
        // A name that is no operator's is not kept: people type their password into the username field.
        String actor = operator.map(Operator::username).orElse(UNKNOWN_OPERATOR);
        auditLog.record(AuditEvent.consoleLoginFailed(now, actor, detail));
    }

    /** The name as the audit log can keep it: printable, at most {@link AuditEvent#MAX_ACTOR} characters. */
    private static String actor(String name) {
        String printable = printable(name, AuditEvent.MAX_ACTOR);
        return printable.isBlank() ? "(empty)" : printable;
    }

    private static String from(String remoteAddress) {
        String printable = printable(remoteAddress, 100);
        return "from " + (printable.isBlank() ? "(unknown)" : printable);
    }

    private static String printable(String text, int maxCodePoints) {
        if (text == null) {
            return "";
        }
        String printable = INVISIBLE.matcher(text).replaceAll("");
        return printable.codePointCount(0, printable.length()) <= maxCodePoints
                ? printable
                : printable.substring(0, printable.offsetByCodePoints(0, maxCodePoints));
    }
}
