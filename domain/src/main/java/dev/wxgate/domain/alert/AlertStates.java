package dev.wxgate.domain.alert;

import java.util.List;
import java.util.Optional;

/**
 * Secondary port: the state of every alert, shared by every node (in memory for one node, in Redis for a cluster).
 * Changes are compare-and-set on the whole state, so of two nodes that see the same change only one records it, and
 * only the node that records a message's claim sends it. Every method may throw
 * {@link dev.wxgate.domain.StoreUnavailableException}.
 */
public interface AlertStates {

    /** Every alert that ever fired (resolved ones included), in no particular order. */
    List<AlertState> all();

    Optional<AlertState> find(AlertKey key);

    /**
     * Stores {@code next} if the alert's stored state is still {@code expected} (absent: none stored yet).
     *
     * @return false, storing nothing, when another node changed it first
     */
    boolean replace(Optional<AlertState> expected, AlertState next);
}
