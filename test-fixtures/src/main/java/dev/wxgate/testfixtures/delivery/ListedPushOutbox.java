package dev.wxgate.testfixtures.delivery;

import dev.wxgate.domain.Page;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test double: the outbox as the console sees it, a list of deliveries that tests put in ({@link #put}) and that
 * listing and replay act on as the port says. A stored push is listed as pending; workers never claim anything from it
 * (its deliveries stay as a test put them, and an outcome reported for a claim is ignored as a lost claim).
 */
public final class ListedPushOutbox implements PushOutbox {
    public static final AppId APP = AppId.of("wx0000000000000001");
    public static final Instant RECEIVED = Instant.parse("2026-12-01T08:00:00Z");

    private final List<Delivery> deliveries = new ArrayList<>();
    private final Set<String> deliveryKeys = new HashSet<>();

    /**
     * A delivery of a text message of {@link #APP} to the webhook, received at {@link #RECEIVED}, in {@code state}
     * with {@code attempts}; a dead one failed with "HTTP 500", a pending one is due a minute after it came.
     */
    public static Delivery delivery(DeliveryId id, DeliveryState state, int attempts) {
        return new Delivery(
                id,
                APP,
                Sink.WEBHOOK,
                "text",
                Optional.empty(),
                state,
                attempts,
                RECEIVED,
                state == DeliveryState.PENDING ? Optional.of(RECEIVED.plusSeconds(60)) : Optional.empty(),
                state == DeliveryState.DELIVERED ? Optional.of(RECEIVED.plusSeconds(1)) : Optional.empty(),
                state == DeliveryState.DELIVERED ? Optional.empty() : Optional.of("HTTP 500"));
    }

    /** Adds {@code delivery}, replacing the one of the same id and sink. */
    public synchronized ListedPushOutbox put(Delivery delivery) {
        deliveries.removeIf(known -> same(known, delivery.id(), delivery.sink()));
        deliveries.add(delivery);
        return this;
    }

    @Override
    public synchronized Optional<Delivery> find(DeliveryId id, Sink sink) {
        return deliveries.stream().filter(known -> same(known, id, sink)).findFirst();
    }

    public synchronized void clear() {
        deliveries.clear();
        deliveryKeys.clear();
    }

    @Override
    public synchronized Page<Delivery> list(DeliveryQuery query) {
        List<Delivery> matching = deliveries.stream()
                .filter(known ->
                        query.state().map(state -> state == known.state()).orElse(true))
                .filter(known ->
                        query.appId().map(app -> app.equals(known.appId())).orElse(true))
                .sorted(Comparator.comparing(Delivery::receivedAt).reversed())
                .toList();
        List<Delivery> page = matching.stream()
                .skip(query.page().offset())
                .limit(query.page().size())
                .toList();
        return new Page<>(page, matching.size(), query.page());
    }

    @Override
    public synchronized boolean replay(DeliveryId id, Sink sink, Instant now) {
        Optional<Delivery> found = find(id, sink).filter(known -> known.state() != DeliveryState.DELIVERED);
        found.ifPresent(known -> put(dueAgain(known, now)));
        return found.isPresent();
    }

    @Override
    public synchronized int replayDead(Optional<AppId> appId, Instant now) {
        List<Delivery> dead = deliveries.stream()
                .filter(known -> known.state() == DeliveryState.DEAD)
                .filter(known -> appId.map(app -> app.equals(known.appId())).orElse(true))
                .toList();
        dead.forEach(known -> put(dueAgain(known, now)));
        return dead.size();
    }

    /** Removes the pushes whose every delivery was delivered before {@code before}, up to {@code max} of them. */
    @Override
    public synchronized int purgeDelivered(Instant before, int max) {
        Set<DeliveryId> kept = new HashSet<>();
        Set<DeliveryId> purgeable = new LinkedHashSet<>();
        for (Delivery known : deliveries) {
            boolean old = known.state() == DeliveryState.DELIVERED
                    && known.deliveredAt().map(at -> at.isBefore(before)).orElse(false);
            (old ? purgeable : kept).add(known.id());
        }
        purgeable.removeAll(kept);
        Set<DeliveryId> purged = purgeable.stream().limit(max).collect(Collectors.toSet());
        deliveries.removeIf(known -> purged.contains(known.id()));
        return purged.size();
    }

    @Override
    public synchronized OutboxDepth depth() {
        return new OutboxDepth(count(DeliveryState.PENDING), count(DeliveryState.DEAD));
    }

    /** Lists the push as pending to each sink, due at once; nothing is ever claimed from this outbox. */
    @Override
    public synchronized boolean store(StoredPush push, Set<Sink> sinks, Optional<Lease> heldBy, Instant now) {
        if (!deliveryKeys.add(push.appId() + " " + push.deliveryKey())) {
            return false;
        }
        sinks.forEach(sink -> put(new Delivery(
                push.id(),
                push.appId(),
                sink,
                push.msgType(),
                push.event(),
                DeliveryState.PENDING,
                0,
                push.receivedAt(),
                Optional.of(now),
                Optional.empty(),
                Optional.empty())));
        return true;
    }

    /** None: what a test lists here stays as it put it, for the console to show, whatever workers run. */
    @Override
    public List<Claim> claim(String owner, int max, Duration lease, Instant now) {
        return List.of();
    }

    @Override
    public boolean delivered(Claim claim, Instant now) {
        return false;
    }

    @Override
    public boolean retryLater(Claim claim, Instant nextAttemptAt, String error) {
        return false;
    }

    @Override
    public boolean dead(Claim claim, String error, Instant now) {
        return false;
    }

    private long count(DeliveryState state) {
        return deliveries.stream().filter(known -> known.state() == state).count();
    }

    private static boolean same(Delivery known, DeliveryId id, Sink sink) {
        return known.id().equals(id) && known.sink() == sink;
    }

    /** Pending and due at {@code now}, its attempts counted afresh, as the port's replay leaves it. */
    private static Delivery dueAgain(Delivery known, Instant now) {
        return new Delivery(
                known.id(),
                known.appId(),
                known.sink(),
                known.msgType(),
                known.event(),
                DeliveryState.PENDING,
                0,
                known.receivedAt(),
                Optional.of(now),
                Optional.empty(),
                known.lastError());
    }
}
