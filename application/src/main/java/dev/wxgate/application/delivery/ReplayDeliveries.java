package dev.wxgate.application.delivery;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.delivery.Delivery;
import dev.wxgate.domain.delivery.PushOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Use case: an ADMIN has deliveries attempted again from now, their attempts counted afresh: one that died or waits
 * for its next attempt, or every dead one of an app or of all apps (once the receiver is fixed). Each replay goes into
 * the audit log with who asked, which app and how many deliveries it concerned.
 */
public final class ReplayDeliveries {
    private final PushOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public ReplayDeliveries(PushOutbox outbox, AuditLog audit, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @return how many deliveries are due again: for one delivery 0 (nothing audited) when it was delivered meanwhile
     *     or is not in the outbox; for all dead ones the count, audited even when 0 so the operator's action is on
     *     record
     * @throws dev.wxgate.domain.StoreUnavailableException when the database cannot be reached
     */
    public int replay(ReplayRequest request) {
        Instant now = clock.instant();
        return switch (request) {
            case ReplayRequest.One one -> {
                Optional<Delivery> known = outbox.find(one.id(), one.sink());
                if (known.isEmpty() || !outbox.replay(one.id(), one.sink(), now)) {
                    yield 0;
                }
                record(
                        one,
                        now,
                        Optional.of(known.get().appId()),
                        "delivery " + one.id() + " to " + one.sink().name().toLowerCase(Locale.ROOT),
                        1);
                yield 1;
            }
            case ReplayRequest.AllDead all -> {
                int replayed = outbox.replayDead(all.appId(), now);
                record(all, now, all.appId(), "all dead deliveries", replayed);
                yield replayed;
            }
        };
    }

    private void record(ReplayRequest request, Instant now, Optional<AppId> appId, String subject, int count) {
        audit.record(new AuditEvent(
                AuditKind.DELIVERY_REPLAYED,
                now,
                request.operator(),
                appId,
                Optional.of(subject),
                Optional.empty(),
                AuditOutcome.SUCCESS,
                Optional.of(count + " deliver" + (count == 1 ? "y" : "ies") + " due again")));
    }
}
