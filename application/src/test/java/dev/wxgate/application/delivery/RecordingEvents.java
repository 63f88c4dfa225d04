package dev.wxgate.application.delivery;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Delivery events as lines ("received wx…", "delivered WEBHOOK 2 PT3S"), for asserting what was counted. */
public final class RecordingEvents implements DeliveryEvents {
    public final List<String> events = new ArrayList<>();
    /** The delivery keys of pushes stored due for any node's worker (kept apart: most tests do not look at them). */
    public final List<String> due = new ArrayList<>();

    @Override
    public synchronized void due(StoredPush push) {
        due.add(push.deliveryKey());
    }

    @Override
    public synchronized void received(AppId app) {
        events.add("received " + app);
    }

    @Override
    public synchronized void stored(StoredPush push, Set<Sink> sinks) {
        events.add("stored " + sinks.stream().sorted().toList());
    }

    @Override
    public synchronized void delivered(Claim claim, Duration latency) {
        events.add("delivered " + claim.sink() + " " + claim.attempt() + " " + latency);
    }

    @Override
    public synchronized void retried(Claim claim) {
        events.add("retried " + claim.sink() + " " + claim.attempt());
    }

    @Override
    public synchronized void dead(Claim claim) {
        events.add("dead " + claim.sink() + " " + claim.attempt());
    }

    @Override
    public synchronized void purged(int pushes) {
        events.add("purged " + pushes);
    }
}
