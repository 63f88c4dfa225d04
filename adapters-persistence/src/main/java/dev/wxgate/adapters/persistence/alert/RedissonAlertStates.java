package dev.wxgate.adapters.persistence.alert;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertState;
import dev.wxgate.domain.alert.AlertStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.redisson.api.RMap;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter: the alert states of the whole cluster, one Redis hash {@code <prefix>{wxgate:alerts}:states} (field: the
 * alert's id, value: its {@link AlertStateCodec encoded} state). A change is {@code HSETNX} for a new alert or a
 * compare-and-replace of the whole value (Redisson's atomic {@code replace(key, old, new)}), so when two nodes record
 * the same change, one wins and the other re-reads.
 */
public final class RedissonAlertStates implements AlertStates {
    private static final Logger log = LoggerFactory.getLogger(RedissonAlertStates.class);

    private final RedisStore redis;
    private final String name;

    /** @param keyPrefix put before the key (e.g. {@code "wxgate:"}) */
    public RedissonAlertStates(RedisStore redis, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.name = RedisKeyPrefix.check(keyPrefix) + "{wxgate:alerts}:states";
    }

    private RMap<String, String> map() {
        return redis.client().getMap(name, StringCodec.INSTANCE);
    }

    @Override
    public List<AlertState> all() {
        Map<String, String> all = redis.call("read the alert states", () -> map().readAllMap());
        List<AlertState> states = new ArrayList<>();
        all.forEach((id, encoded) -> decode(id, encoded).ifPresent(states::add));
        return states;
    }

    @Override
    public Optional<AlertState> find(AlertKey key) {
        String encoded = redis.call("read an alert state", () -> map().get(key.id()));
        return encoded == null ? Optional.empty() : decode(key.id(), encoded);
    }

    @Override
    public boolean replace(Optional<AlertState> expected, AlertState next) {
        String id = next.key().id();
        String encoded = AlertStateCodec.encode(next);
        if (expected.isEmpty()) {
            return redis.call("record an alert", () -> map().fastPutIfAbsent(id, encoded));
        }
        String old = AlertStateCodec.encode(expected.get());
        return redis.call("record an alert", () -> map().replace(id, old, encoded));
    }

    private static Optional<AlertState> decode(String id, String encoded) {
        try {
            return Optional.of(AlertStateCodec.decode(encoded));
        } catch (RuntimeException corrupt) {
            log.warn("alert {}: its state in Redis is unreadable and ignored", id);
            return Optional.empty();
        }
    }
}
