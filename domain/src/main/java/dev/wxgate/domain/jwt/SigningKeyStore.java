package dev.wxgate.domain.jwt;

import java.util.List;

/**
 * Secondary port: where the keys that sign session JWTs live, shared by every node, the private halves sealed at rest.
 * A generation is taken once: of two nodes adding the same next generation at once, one wins.
 */
public interface SigningKeyStore {

    /** Every kept key, oldest generation first. */
    List<SigningKey> all();

    /** Adds {@code key}; false when its generation (or kid) is already taken, e.g. by another node's rotation. */
    boolean add(SigningKey key);

    /** Forgets a key no token it signed can still need; false when it was already gone. */
    boolean remove(KeyId id);
}
