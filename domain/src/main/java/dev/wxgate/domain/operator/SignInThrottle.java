package dev.wxgate.domain.operator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Secondary port: failed console sign-ins and the locks they put, counted per (operator, client address), so that an
 * attacker's failures never lock the operator out from elsewhere, and per client address across every username, so that
 * one address cannot try name after name. Kept where every node sees it, so that a lock holds across the cluster.
 * Client addresses are at most {@value #MAX_ADDRESS} characters; callers shorten longer ones.
 *
 * <p>Every method throws {@link dev.wxgate.domain.StoreUnavailableException} when the store cannot be reached or fails.
 */
public interface SignInThrottle {
    int MAX_ADDRESS = 100;

    /** Counts one more failed sign-in in a row as {@code username} from {@code clientAddress}, atomically; the count. */
    int recordOperatorFailure(String username, String clientAddress);

    /** Locks signing in as {@code username} from {@code clientAddress} until {@code until} (exclusive). */
    void lockOperator(String username, String clientAddress, Instant until);

    /** The lock last put on {@code username} from {@code clientAddress} and not cleared since (it may have ended). */
    Optional<Instant> operatorLockedUntil(String username, String clientAddress);

    /** A good sign-in: forgets the failures and the lock of {@code username} from {@code clientAddress} only. */
    void clearOperator(String username, String clientAddress);

    /** A fresh start (new password, removal): forgets the failures and locks of {@code username} from every address. */
    void clearOperator(String username);

    /**
     * Counts one more failed sign-in from {@code clientAddress}, whatever the username, atomically: failures counted at
     * or before {@code windowStart} are forgotten first, and a new window starts {@code now}. The count in the window.
     */
    int recordAddressFailure(String clientAddress, Instant windowStart, Instant now);

    /** Refuses every sign-in from {@code clientAddress} until {@code until} (exclusive). */
    void lockAddress(String clientAddress, Instant until);

    /** The lock last put on {@code clientAddress} (it may have ended). */
    Optional<Instant> addressLockedUntil(String clientAddress);

    /** The locks on operators still in force {@code now}, ordered by username, then address. */
    List<SignInLock> operatorLocks(Instant now);
}
