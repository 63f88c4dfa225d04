package dev.wxgate.bootstrap;

import dev.wxgate.application.delivery.DeliveryEvents;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Duration;
import java.util.Set;

/**
 * The delivery events of the request path: passed on to the metrics, and a stored push due for any node wakes this
 * node's delivery worker, so it is delivered as soon as it is stored instead of at the worker's next poll (the poll
 * stays, for retries and for pushes other nodes stored). A push this node keeps in hand needs no wake-up.
 */
final class WakeWorkerOnStore implements DeliveryEvents {
    private final DeliveryEvents metrics;
    private final Runnable wakeWorker;

    WakeWorkerOnStore(DeliveryEvents metrics, Runnable wakeWorker) {
        this.metrics = metrics;
        this.wakeWorker = wakeWorker;
    }

    @Override
    public void received(AppId app) {
        metrics.received(app);
    }

    @Override
    public void stored(StoredPush push, Set<Sink> sinks) {
        metrics.stored(push, sinks);
    }

    @Override
    public void due(StoredPush push) {
        wakeWorker.run();
    }

    @Override
    public void delivered(Claim claim, Duration latency) {
        metrics.delivered(claim, latency);
    }

    @Override
    public void retried(Claim claim) {
        metrics.retried(claim);
    }

    @Override
    public void dead(Claim claim) {
        metrics.dead(claim);
    }

    @Override
    public void purged(int pushes) {
        metrics.purged(pushes);
    }
}
