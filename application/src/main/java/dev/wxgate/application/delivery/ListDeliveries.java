package dev.wxgate.application.delivery;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.Require;
import dev.wxgate.domain.delivery.Delivery;
import dev.wxgate.domain.delivery.DeliveryQuery;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.delivery.PushOutbox;

/**
 * Use case: an operator looks into the outbox of pushes: a page of deliveries by state and app, newest push first,
 * with how many deliveries wait and how many were given up across the cluster.
 */
public final class ListDeliveries {
    private final PushOutbox outbox;

    public ListDeliveries(PushOutbox outbox) {
        this.outbox = outbox;
    }

    /** A page of deliveries, and the outbox's depth at the time (of every app and state, whatever the query). */
    public record Listing(Page<Delivery> deliveries, OutboxDepth depth) {
        public Listing {
            Require.present(deliveries, "deliveries");
            Require.present(depth, "depth");
        }
    }

    /** @throws dev.wxgate.domain.StoreUnavailableException when the database cannot be reached */
    public Listing list(DeliveryQuery query) {
        return new Listing(outbox.list(query), outbox.depth());
    }
}
