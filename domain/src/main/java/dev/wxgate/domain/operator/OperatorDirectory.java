package dev.wxgate.domain.operator;

import dev.wxgate.domain.StoreUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Secondary port: who may sign in to the admin console. Usernames are found case-sensitively (sign-in is exact-case)
 * but unique ignoring case ({@link Operator#folded}) across the cluster: {@code ADMIN} and {@code admin} never coexist.
 *
 * <p>Every method throws {@link StoreUnavailableException} when the store cannot be reached or fails.
 */
public interface OperatorDirectory {

    /** The operator named {@code username}, if there is one. */
    Optional<Operator> find(String username);

    /**
     * Adds {@code operator}; false when its username is taken, in any case, also when another node added the same name
     * at the same moment (exactly one of concurrent adds of one name, or of names equal ignoring case, succeeds).
     */
    boolean add(Operator operator);

    /** Whether there is no operator at all (the first start of a cluster). */
    boolean isEmpty();

    /** A good sign-in {@code at}: sets the last login; nothing when there is no such operator. */
    void recordLogin(String username, Instant at);

    /** Sets the password hash of {@code username}; false when there is no such operator. */
    boolean changePassword(String username, String passwordHash);

    /** Removes {@code username}; false when there is no such operator (also when another node removed it first). */
    boolean remove(String username);

    /** Every operator, ordered by username. */
    List<Operator> all();
}
