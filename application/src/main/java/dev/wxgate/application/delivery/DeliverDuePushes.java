package dev.wxgate.application.delivery;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.PushSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Use case: a worker of this node delivers what is due. It claims a batch of due deliveries under a lease (no other
 * node attempts them meanwhile), attempts each through the sink of its kind, and records each outcome: delivered,
 * due again after the backoff, or dead past the max age. A node that dies mid-batch loses nothing: its claims run out
 * and another node claims them.
 */
public final class DeliverDuePushes {
    private final PushOutbox outbox;
    private final AttemptDelivery attempt;
    private final DeliveryPolicy policy;
    private final Executor attempts;
    private final Clock clock;

    /**
     * @param attempts runs a batch's attempts side by side; when it refuses one, the worker's thread makes it
     */
    public DeliverDuePushes(
            PushOutbox outbox,
            List<PushSink> sinks,
            DeliveryPolicy policy,
            DeliveryEvents events,
            Executor attempts,
            Clock clock) {
        this.outbox = outbox;
        this.attempt = new AttemptDelivery(outbox, sinks, policy, events, clock);
        this.policy = policy;
        this.attempts = attempts;
        this.clock = clock;
    }

    /**
     * Claims one batch and attempts every delivery in it, returning once each outcome is recorded.
     *
     * @return how many deliveries were claimed: a full batch ({@link DeliveryPolicy#batchSize()}) means more may be due
     * @throws StoreUnavailableException when the outbox cannot be read (nothing was claimed)
     */
    public int deliverDue() {
        List<Claim> claims = outbox.claim(policy.node(), policy.batchSize(), policy.lease(), clock.instant());
        List<CompletableFuture<Void>> running = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            try {
                running.add(CompletableFuture.runAsync(() -> deliver(claim), attempts));
            } catch (RejectedExecutionException full) {
                deliver(claim);
            }
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return claims.size();
    }

    private void deliver(Claim claim) {
        attempt.attempt(claim);
    }
}
