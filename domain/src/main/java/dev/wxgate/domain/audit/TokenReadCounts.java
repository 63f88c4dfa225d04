package dev.wxgate.domain.audit;

import dev.wxgate.domain.app.AppId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Secondary port: the hourly counts of credential reads by internal clients, kept in the database beside the audit
 * log. Every node adds its own counts, so the stored count of an hour is the cluster's.
 *
 * @throws dev.wxgate.domain.StoreUnavailableException from any method when the database cannot be reached
 */
public interface TokenReadCounts {

    /** Adds each count to the stored count of its client, app, credential and hour (creating it when there is none). */
    void add(Collection<TokenReadCount> counts);

    /** The counts of the hours from {@code from} on, of one app or of all; newest hour first, then by client. */
    List<TokenReadCount> since(Instant from, Optional<AppId> appId);

    /** Forgets the counts of the hours before {@code hour}; returns how many were forgotten. */
    int forgetBefore(Instant hour);
}
