package dev.wxgate.application.delivery;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.Sink;
import java.util.Optional;

/**
 * Command of {@link ReplayDeliveries}: which deliveries an operator wants attempted again from now, and who asks (kept
 * in the audit log).
 */
public sealed interface ReplayRequest {

    /** The operator's name. */
    String operator();

    /** One push's delivery to one sink, dead or still pending. */
    record One(String operator, DeliveryId id, Sink sink) implements ReplayRequest {
        public One {
            checkOperator(operator);
            Require.present(id, "id");
            Require.present(sink, "sink");
        }
    }

    /** Every dead delivery of one app, or of every app when {@code appId} is empty. */
    record AllDead(String operator, Optional<AppId> appId) implements ReplayRequest {
        public AllDead {
            checkOperator(operator);
            Require.present(appId, "appId");
        }
    }

    private static void checkOperator(String operator) {
        Require.present(operator, "operator");
        if (operator.isBlank() || operator.length() > AuditEvent.MAX_ACTOR) {
            throw new IllegalArgumentException("operator must be 1 to " + AuditEvent.MAX_ACTOR + " characters");
        }
    }
}
