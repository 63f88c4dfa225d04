package dev.wxgate.bootstrap;

import dev.wxgate.application.delivery.ListDeliveries;
import dev.wxgate.application.delivery.ReplayDeliveries;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.delivery.PushOutbox;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's Deliveries page: its use cases over the outbox of pushes, created here with {@code new}. The outbox
 * itself is the delivery wiring's (one per application, whatever the store mode).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConsoleConfiguration {

    @Bean
    ListDeliveries listDeliveries(PushOutbox outbox) {
        return new ListDeliveries(outbox);
    }

    @Bean
    ReplayDeliveries replayDeliveries(PushOutbox outbox, AuditLog audit, Clock clock) {
        return new ReplayDeliveries(outbox, audit, clock);
    }
}
