package dev.wxgate.domain.operator;

import dev.wxgate.domain.StoreUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Secondary port: who may sign in to the admin console. Usernames are case-sensitive and unique across the cluster.
 *
 * <p>Every method throws {@link StoreUnavailableException} when the store cannot be reached or fails.
 */
public interface OperatorDirectory {

    /** The operator named {@code username}, if there is one. */
    Optional<Operator> find(String username);

    /**
     * Adds {@code operator}; false when its username is taken, also when another node added the same name at the same
     * moment (exactly one of concurrent adds of one name succeeds).
     */
    boolean add(Operator operator);

    /** Whether there is no operator at all (the first start of a cluster). */
    boolean isEmpty();

    /** Counts one more failed sign-in, atomically; the new count, or 0 when there is no such operator. */
    int recordFailedLogin(String username);

    /** Locks the account until {@code until} (exclusive); nothing when there is no such operator. */
    void lock(String username, Instant until);

    /** A good sign-in {@code at}: sets the last login, clears the failures and the lock. */
    void recordLogin(String username, Instant at);

    /**
     * Sets the password hash of {@code username} and clears its failed sign-ins and lock (a new password is a fresh
     * start); false when there is no such operator.
     */
    boolean changePassword(String username, String passwordHash);

    /** Removes {@code username}; false when there is no such operator (also when another node removed it first). */
    boolean remove(String username);

    /** Every operator, ordered by username. */
    List<Operator> all();
}
