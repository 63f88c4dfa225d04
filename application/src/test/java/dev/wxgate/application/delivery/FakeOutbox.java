package dev.wxgate.application.delivery;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.Delivery;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryQuery;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An outbox in a list, following the port's contract closely enough for the use cases' tests; can be made to fail. */
public final class FakeOutbox implements PushOutbox {
    /** One sink's delivery of a push, as the fake keeps it. */
    public static final class Row {
        public final StoredPush push;
        public final Sink sink;
        public DeliveryState state = DeliveryState.PENDING;
        public int attempts;
        public Instant due;
        public String owner;
        public Instant leaseUntil;
        public String lastError;
        public Instant retryFrom;

        Row(StoredPush push, Sink sink, Instant due) {
            this.push = push;
            this.sink = sink;
            this.due = due;
            this.retryFrom = push.receivedAt();
        }
    }

    public final List<Row> rows = new ArrayList<>();
    public boolean unavailable;
    /** How many times a worker claimed from this outbox. */
    public int claims;

    @Override
    public synchronized boolean store(StoredPush push, Set<Sink> sinks, Optional<Lease> heldBy, Instant now) {
        checkAvailable();
        boolean known = rows.stream()
                .anyMatch(row -> row.push.appId().equals(push.appId())
                        && row.push.deliveryKey().equals(push.deliveryKey()));
        if (known) {
            return false;
        }
        for (Sink sink : sinks) {
            Row row = new Row(push, sink, now);
            heldBy.filter(lease -> lease.holds(sink)).ifPresent(lease -> {
                row.owner = lease.owner();
                row.leaseUntil = lease.until();
                row.attempts = 1;
            });
            rows.add(row);
        }
        return true;
    }

    @Override
    public synchronized List<Claim> claim(String owner, int max, Duration lease, Instant now) {
        checkAvailable();
        claims++;
        List<Claim> claims = new ArrayList<>();
        rows.stream()
                .filter(row -> row.state == DeliveryState.PENDING && !row.due.isAfter(now))
                .filter(row -> row.leaseUntil == null || !row.leaseUntil.isAfter(now))
                .sorted(Comparator.comparing(row -> row.due))
                .limit(max)
                .forEach(row -> {
                    row.owner = owner;
                    row.leaseUntil = now.plus(lease);
                    row.attempts++;
                    claims.add(new Claim(row.push, row.sink, row.attempts, owner, row.leaseUntil, row.retryFrom));
                });
        return claims;
    }

    @Override
    public synchronized boolean delivered(Claim claim, Instant now) {
        return held(claim)
                .map(row -> {
                    row.state = DeliveryState.DELIVERED;
                    row.leaseUntil = null;
                    return true;
                })
                .orElse(false);
    }

    @Override
    public synchronized boolean retryLater(Claim claim, Instant nextAttemptAt, String error) {
        return held(claim)
                .map(row -> {
                    row.due = nextAttemptAt;
                    row.leaseUntil = null;
                    row.lastError = error;
                    return true;
                })
                .orElse(false);
    }

    @Override
    public synchronized boolean dead(Claim claim, String error, Instant now) {
        return held(claim)
                .map(row -> {
                    row.state = DeliveryState.DEAD;
                    row.leaseUntil = null;
                    row.lastError = error;
                    return true;
                })
                .orElse(false);
    }

    private Optional<Row> held(Claim claim) {
        checkAvailable();
        return rows.stream()
                .filter(row -> row.push.id().equals(claim.push().id()) && row.sink == claim.sink())
                .filter(row -> claim.owner().equals(row.owner)
                        && claim.leaseUntil().equals(row.leaseUntil)
                        && row.attempts == claim.attempt())
                .findFirst();
    }

    public synchronized Row row(Sink sink) {
        return rows.stream().filter(row -> row.sink == sink).findFirst().orElseThrow();
    }

    private void checkAvailable() {
        if (unavailable) {
            throw new StoreUnavailableException("the outbox is down (test)", null);
        }
    }

    @Override
    public Optional<Delivery> find(DeliveryId id, Sink sink) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<Delivery> list(DeliveryQuery query) {
        throw new UnsupportedOperationException();
    }

    /** As the port: due at once, attempts afresh, no lease, its retry window from {@code now}. */
    @Override
    public synchronized boolean replay(DeliveryId id, Sink sink, Instant now) {
        checkAvailable();
        return rows.stream()
                .filter(row -> row.push.id().equals(id) && row.sink == sink && row.state != DeliveryState.DELIVERED)
                .findFirst()
                .map(row -> {
                    row.state = DeliveryState.PENDING;
                    row.attempts = 0;
                    row.due = now;
                    row.retryFrom = now;
                    row.owner = null;
                    row.leaseUntil = null;
                    return true;
                })
                .orElse(false);
    }

    @Override
    public int purgeDelivered(Instant before, int max) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int replayDead(Optional<AppId> appId, Instant now) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OutboxDepth depth() {
        throw new UnsupportedOperationException();
    }
}
