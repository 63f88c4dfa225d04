package dev.wxgate.adapters.persistence.delivery;

import dev.wxgate.adapters.persistence.SqlStore;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.PushOutbox.Lease;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's two writes on the path of every push, storing it and marking it delivered, each grouped with the same
 * writes other threads make at the same moment ({@link GroupCommit}): under load, one commit stores many pushes, and
 * the database flushes its log once for them instead of once each. Each caller still gets its own answer.
 */
final class GroupedWrites {
    /** The most writes one transaction takes; small enough to keep its locks short. */
    static final int MAX_BATCH = 64;

    private final PushOutboxMapper mapper;
    private final TransactionTemplate writes;
    private final GroupCommit<Store> stores = new GroupCommit<>(MAX_BATCH, this::storeAll);
    private final GroupCommit<Delivered> deliveredMarks = new GroupCommit<>(MAX_BATCH, this::markAll);

    GroupedWrites(PushOutboxMapper mapper, TransactionTemplate writes) {
        this.mapper = mapper;
        this.writes = writes;
    }

    /** Stores a push and its deliveries; false, storing nothing, when the app has a push with its delivery key. */
    boolean store(StoredPush push, Set<Sink> sinks, Optional<Lease> heldBy, Instant now) {
        return stores.write(new Store(push, sinks, heldBy, now));
    }

    /** Marks a claimed delivery delivered; false when the claim was lost. */
    boolean delivered(Claim claim, Instant now) {
        return deliveredMarks.write(new Delivered(claim, now));
    }

    private static final class Store extends GroupCommit.Write<Boolean> {
        final StoredPush push;
        final Set<Sink> sinks;
        final Optional<Lease> heldBy;
        final Instant now;

        Store(StoredPush push, Set<Sink> sinks, Optional<Lease> heldBy, Instant now) {
            this.push = push;
            this.sinks = sinks;
            this.heldBy = heldBy;
            this.now = now;
        }
    }

    private static final class Delivered extends GroupCommit.Write<Boolean> {
        final Claim claim;
        final Instant now;

        Delivered(Claim claim, Instant now) {
            this.claim = claim;
            this.now = now;
        }
    }

    private void storeAll(List<Store> batch) {
        if (batch.size() > 1) {
            try {
                writes.executeWithoutResult(status -> batch.forEach(this::insert));
                batch.forEach(store -> store.done(true));
                return;
            } catch (DuplicateKeyException retried) {
                // WeChat's retry of a push in the batch (rare): one transaction each, so only the duplicate loses.
            }
        }
        for (Store store : batch) {
            try {
                store.done(storeAlone(store));
            } catch (RuntimeException failure) {
                store.failed(failure);
            }
        }
    }

    private boolean storeAlone(Store store) {
        try {
            writes.executeWithoutResult(status -> insert(store));
            return true;
        } catch (DuplicateKeyException retried) {
            return false;
        }
    }

    private void insert(Store store) {
        StoredPush push = store.push;
        String deliveryId = push.id().value();
        LocalDateTime receivedAt = SqlStore.utc(push.receivedAt());
        mapper.insertPush(
                deliveryId,
                push.appId().value(),
                DeliveryKeys.stored(push.deliveryKey()),
                push.msgType(),
                push.event().orElse(null),
                push.format().name(),
                push.raw(),
                push.messageJson(),
                receivedAt);
        for (Sink sink : new TreeSet<>(store.sinks)) {
            // Only the sinks held by this node are leased; the others are due at once, on any node.
            Optional<Lease> held = store.heldBy.filter(lease -> lease.holds(sink));
            mapper.insertDelivery(
                    deliveryId,
                    sink.name(),
                    push.appId().value(),
                    receivedAt,
                    held.isPresent() ? 1 : 0,
                    SqlStore.utc(store.now),
                    held.map(Lease::owner).orElse(null),
                    held.map(lease -> SqlStore.utc(lease.until())).orElse(null));
        }
    }

    private void markAll(List<Delivered> batch) {
        // Settled only once committed: a caller never hears "delivered" of a mark that was rolled back.
        List<Boolean> held = writes.execute(status -> {
            List<Boolean> results = new ArrayList<>(batch.size());
            for (Delivered mark : batch) {
                Claim claim = mark.claim;
                results.add(mapper.delivered(
                                claim.push().id().value(),
                                claim.sink().name(),
                                claim.owner(),
                                SqlStore.utc(claim.leaseUntil()),
                                SqlStore.utc(mark.now))
                        == 1);
            }
            return results;
        });
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done(held.get(i));
        }
    }
}
