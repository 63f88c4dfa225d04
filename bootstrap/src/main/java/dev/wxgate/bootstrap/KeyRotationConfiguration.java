package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import dev.wxgate.adapters.web.internal.ClientKey;
import dev.wxgate.adapters.web.internal.InternalClient;
import dev.wxgate.adapters.web.internal.InternalClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The keys of rotations, as operators watch them: the internal clients' keys (read from {@code wxgate.clients[N]}, a
 * WARN at start and a metric and health detail for those that expire within {@link #SOON}) and the session server
 * keys' ids on {@code /actuator/info}. Never a key: client keys by the fingerprint of their hash, server keys by id.
 */
@Configuration(proxyBeanMethods = false)
class KeyRotationConfiguration {
    private static final Logger log = LoggerFactory.getLogger(KeyRotationConfiguration.class);
    static final Duration SOON = Duration.ofDays(14);

    /** The keys of {@code client}: {@code key-sha256} (one) or {@code keys} (several), never both. */
    static List<ClientKey> keys(WxgateProperties.Client client, String path) {
        boolean single = client.keySha256() != null && !client.keySha256().isBlank();
        if (single && !client.keys().isEmpty()) {
            throw new InvalidSettingException(
                    path + ".keys", "set either key-sha256 (one key) or keys (several), not both");
        }
        if (single) {
            return List.of(ClientKey.of(client.keySha256(), null));
        }
        if (client.keys().isEmpty()) {
            throw new InvalidSettingException(path + ".key-sha256", "required: the SHA-256 of the client's key");
        }
        List<ClientKey> keys = new ArrayList<>();
        for (int i = 0; i < client.keys().size(); i++) {
            WxgateProperties.ClientKey key = client.keys().get(i);
            try {
                keys.add(ClientKey.of(key.sha256(), key.notAfter()));
            } catch (IllegalArgumentException invalid) {
                throw new InvalidSettingException(
                        path + ".keys[" + i + "].sha256", "must be 64 hex digits (the SHA-256 of the key)", invalid);
            }
        }
        return keys;
    }

    /** A WARN per key that is expired or expires within {@link #SOON}, so the rotation is finished in time. */
    static void warnAtStart(InternalClients clients, Clock clock) {
        Instant now = clock.instant();
        for (InternalClient client : clients.all()) {
            for (ClientKey key : client.keys()) {
                key.notAfter().filter(end -> end.isBefore(now.plus(SOON))).ifPresent(end -> {
                    if (key.isExpiredAt(now)) {
                        log.warn(
                                "Client {}: its key {} expired at {} and is refused",
                                client.id(),
                                key.fingerprint(),
                                end);
                    } else {
                        log.warn(
                                "Client {}: its key {} expires at {}, within {} days: finish its rotation",
                                client.id(),
                                key.fingerprint(),
                                end,
                                SOON.toDays());
                    }
                });
            }
        }
    }

    /** {@code wxgate.clients.key.expires.in{client,key}}: seconds until each key with a not-after is refused. */
    @Bean
    MeterBinder clientKeyMetrics(InternalClients clients, Clock clock) {
        return registry -> {
            for (InternalClient client : clients.all()) {
                for (ClientKey key : client.keys()) {
                    key.notAfter().ifPresent(end -> Gauge.builder(
                                    "wxgate.clients.key.expires.in",
                                    () -> Duration.between(clock.instant(), end).toSeconds())
                            .description("Seconds until the client key is refused (negative: refused)")
                            .baseUnit("seconds")
                            .tag("client", client.id())
                            .tag("key", key.fingerprint())
                            .register(registry));
                }
            }
        };
    }

    /** Always UP (an expiring key must not take the node out of service); details name the keys that expire soon. */
    @Bean
    HealthIndicator clientKeysHealthIndicator(InternalClients clients, Clock clock) {
        return () -> {
            Instant now = clock.instant();
            List<Map<String, Object>> soon = new ArrayList<>();
            for (InternalClient client : clients.all()) {
                for (ClientKey key : client.keys()) {
                    key.notAfter().filter(end -> end.isBefore(now.plus(SOON))).ifPresent(end -> {
                        Map<String, Object> detail = new LinkedHashMap<>();
                        detail.put("client", client.id());
                        detail.put("key", key.fingerprint());
                        detail.put("notAfter", end.toString());
                        detail.put("expired", key.isExpiredAt(now));
                        soon.add(detail);
                    });
                }
            }
            return Health.up().withDetail("expiringWithin14Days", soon).build();
        };
    }

    /** {@code /actuator/info}: the session server keys' ids, the sealing one first, to compare nodes in a rotation. */
    @Bean
    InfoContributor sessionServerKeysInfo(SessionKeyCipher cipher) {
        return info -> info.withDetail("sessions", Map.of("serverKeyIds", cipher.keyIds()));
    }
}
