package dev.wxgate.domain.oauth;

import java.time.Duration;
import java.util.Optional;

/**
 * Secondary port: web logins in flight, shared by the cluster in redis mode: the pending logins under the hash of
 * their {@code state}, and the finished ones under the hash of their handoff code. Callers pass hashes, never the
 * values a browser holds. An entry is kept for {@code keep} (its validity plus a while, so that a late or replayed
 * use is told apart from a forged one); whether it is still valid is its {@code expiresAt}'s business.
 *
 * <p>Every method throws {@link dev.wxgate.domain.StoreUnavailableException} when the store cannot be reached.
 */
public interface WebLoginStore {

    /** Remembers {@code pending} under {@code stateHash}, for {@code keep}. */
    void putPending(String stateHash, PendingLogin pending, Duration keep);

    /**
     * Claims the pending login: atomically, across the cluster, exactly one claim of an entry reports
     * {@code claimedBefore == false}. Empty when there is no entry (never issued, or no longer kept).
     */
    Optional<Claim<PendingLogin>> claimPending(String stateHash);

    /** Remembers {@code handoff} under {@code codeHash}, for {@code keep}. */
    void putHandoff(String codeHash, Handoff handoff, Duration keep);

    /** Claims the handoff, as {@link #claimPending} claims a pending login. */
    Optional<Claim<Handoff>> claimHandoff(String codeHash);
}
