package dev.wxgate.application.operator;

import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.SignInThrottle;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Use case: the console's sign-in looks up operators, tells whether a sign-in is locked, and reports how each ended.
 * Failures are counted per (operator, client address): {@link OperatorLockout#maxFailures()} in a row lock that operator
 * from that address for {@link OperatorLockout#lockFor()}, so an attacker cannot lock an operator out from elsewhere.
 * They are also counted per client address whatever the username: {@link OperatorLockout#maxFailuresPerAddress()}
 * within {@link OperatorLockout#lockFor()} refuse every sign-in from that address for as long. Tries during a lock
 * neither count nor extend it. Every sign-in, good or failed, goes to the audit log with its address; a password never
 * does.
 */
public final class RecordOperatorSignIn {
    /** The actor of a failed sign-in with a name that is no operator's. */
    public static final String UNKNOWN_OPERATOR = "(unknown operator)";

    private static final Pattern INVISIBLE = Pattern.compile("\\p{C}");
    private static final String UNKNOWN_ADDRESS = "(unknown)";
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z._-]{1,32})?");

    private final OperatorDirectory directory;
    private final SignInThrottle throttle;
    private final AuditLog auditLog;
    private final OperatorLockout lockout;
    private final Clock clock;

    public RecordOperatorSignIn(
            OperatorDirectory directory,
            SignInThrottle throttle,
            AuditLog auditLog,
            OperatorLockout lockout,
            Clock clock) {
        this.directory = directory;
        this.throttle = throttle;
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
     * Whether a sign-in as {@code username} from {@code remoteAddress} is refused now, whatever the password: the
     * address is locked, or that operator is locked from that address.
     *
     * @throws dev.wxgate.domain.StoreUnavailableException when the store cannot be reached
     */
    public boolean isLocked(String username, String remoteAddress) {
        Instant now = clock.instant();
        String address = addressKey(remoteAddress);
        return throttle.addressLockedUntil(address).filter(now::isBefore).isPresent()
                || (Operator.isValidUsername(username)
                        && throttle.operatorLockedUntil(username, address)
                                .filter(now::isBefore)
                                .isPresent());
    }

    /**
     * {@code username} signed in from {@code remoteAddress}: clears its failures and lock from that address (not those
     * from other addresses, nor the address's own count), and audits it.
     *
     * @throws dev.wxgate.domain.StoreUnavailableException when the operator store or the audit log cannot be reached
     */
    public void succeeded(String username, String remoteAddress) {
        Instant now = clock.instant();
        directory.recordLogin(username, now);
        throttle.clearOperator(username, addressKey(remoteAddress));
        auditLog.record(AuditEvent.consoleLogin(now, actor(username), from(remoteAddress)));
    }

    /**
     * A sign-in as {@code attemptedUsername} from {@code remoteAddress} was refused (wrong password, unknown name, or a
     * lock). Unless the address is locked already, counts the failure against the address, and against an operator of
     * that name from that address unless that is locked already, locking either at its limit; audits the attempt.
     *
     * @throws dev.wxgate.domain.StoreUnavailableException when the operator store or the audit log cannot be reached
     */
    public void failed(String attemptedUsername, String remoteAddress) {
        Instant now = clock.instant();
        String address = addressKey(remoteAddress);
        StringBuilder detail = new StringBuilder(from(remoteAddress));
        Optional<Operator> operator = find(attemptedUsername);
        Optional<Instant> addressLocked = throttle.addressLockedUntil(address).filter(now::isBefore);
        if (addressLocked.isPresent()) {
            // Tries from a locked address neither count nor extend any lock: the lock already stops them.
            detail.append(", address already locked until ").append(addressLocked.get());
        } else {
            if (throttle.recordAddressFailure(address, now.minus(lockout.lockFor()), now)
                    >= lockout.maxFailuresPerAddress()) {
                Instant until = now.plus(lockout.lockFor());
                throttle.lockAddress(address, until);
                detail.append(", address locked until ").append(until);
            }
            operator.ifPresent(found -> countAgainst(found.username(), address, now, detail));
        }
        // A name that is no operator's is not kept: people type their password into the username field.
        String actor = operator.map(Operator::username).orElse(UNKNOWN_OPERATOR);
        auditLog.record(AuditEvent.consoleLoginFailed(now, actor, detail.toString()));
    }

    private void countAgainst(String username, String address, Instant now, StringBuilder detail) {
        Optional<Instant> locked =
                throttle.operatorLockedUntil(username, address).filter(now::isBefore);
        if (locked.isPresent()) {
            detail.append(", already locked until ").append(locked.get());
        } else if (throttle.recordOperatorFailure(username, address) >= lockout.maxFailures()) {
            // At or past the limit: after a lock ends, every further failure locks again until a good sign-in.
            Instant until = now.plus(lockout.lockFor());
            throttle.lockOperator(username, address, until);
            detail.append(", locked until ").append(until);
        }
    }

    /**
     * The address as locks are keyed by: an IPv4 address as it is; an IPv6 address by its /64 network, because one
     * client is handed a whole /64 and would otherwise try from as many addresses as it likes; anything else printable,
     * at most {@link SignInThrottle#MAX_ADDRESS} characters.
     */
    public static String addressKey(String remoteAddress) {
        String printable = printable(remoteAddress, SignInThrottle.MAX_ADDRESS);
        if (printable.isBlank()) {
            return UNKNOWN_ADDRESS;
        }
        if (printable.indexOf(':') < 0 || !IPV6.matcher(printable).matches()) {
            return printable;
        }
        try {
            // A literal with a colon is parsed, never looked up in DNS.
            byte[] bytes = InetAddress.getByName(printable).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress(); // IPv4-mapped: the IPv4 address
            }
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException notAnAddress) {
            return printable;
        }
    }

    /** The name as the audit log can keep it: printable, at most {@link AuditEvent#MAX_ACTOR} characters. */
    private static String actor(String name) {
        String printable = printable(name, AuditEvent.MAX_ACTOR);
        return printable.isBlank() ? "(empty)" : printable;
    }

    /** The client's own address, for the audit log (not its /64). */
    private static String from(String remoteAddress) {
        String printable = printable(remoteAddress, SignInThrottle.MAX_ADDRESS);
        return "from " + (printable.isBlank() ? UNKNOWN_ADDRESS : printable);
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
