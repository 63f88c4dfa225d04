package dev.wxgate.adapters.persistence.callback;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackRejectedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter: the most recent callbacks of the whole cluster, in one capped Redis stream, {@code <prefix>{wxgate:callbacks}:log}
 * ({@code XADD ... MAXLEN ~ capacity}: Redis trims whole blocks, so it may hold a few more; only the newest
 * {@code capacity} are ever read, as in {@link InMemoryCallbackLog}). The log is for the console: a Redis that cannot
 * be reached loses the entry (with a warning) and never fails the callback; reading it then fails with
 * {@link StoreUnavailableException}.
 */
public final class RedissonCallbackLog implements CallbackLog {
    private static final Logger log = LoggerFactory.getLogger(RedissonCallbackLog.class);

    private final RedisStore redis;
    private final String key;
    private final int capacity;

    /** @param keyPrefix put before the key (e.g. {@code "wxgate:"}); no braces, spaces or control characters */
    public RedissonCallbackLog(RedisStore redis, String keyPrefix, int capacity) {
        this.redis = Objects.requireNonNull(redis, "redis");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.key = RedisKeyPrefix.check(keyPrefix) + "{wxgate:callbacks}:log";
        this.capacity = capacity;
    }

    @Override
    public void record(Entry entry) {
        Map<String, String> fields = fields(Objects.requireNonNull(entry, "entry"));
        try {
            redis.call("record a callback in the log", () -> stream()
                    .add(StreamAddArgs.entries(fields)
                            .trimNonStrict()
                            .maxLen(capacity)
                            .noLimit()));
        } catch (StoreUnavailableException lost) {
            // Only the console's view of it is lost: the callback itself goes on.
            log.warn(
                    "callback log: a callback of {} was not recorded ({})",
                    entry.appId().value(),
                    lost.getMessage());
        }
    }

    @Override
    public List<Entry> recent(int limit) {
        int count = Math.min(limit, capacity);
        if (count < 1) {
            return List.of();
        }
        Map<StreamMessageId, Map<String, String>> newestFirst = redis.call(
                "read the callback log", () -> stream().rangeReversed(count, StreamMessageId.MAX, StreamMessageId.MIN));
        List<Entry> entries = new ArrayList<>(newestFirst.size());
        for (Map<String, String> fields : newestFirst.values()) {
            entries.add(entry(fields));
        }
        return entries;
    }

    String key() {
        return key;
    }

    private RStream<String, String> stream() {
        return redis.client().getStream(key, StringCodec.INSTANCE);
    }

    private static Map<String, String> fields(Entry entry) {
        Map<String, String> fields = new HashMap<>();
        fields.put("app", entry.appId().value());
        fields.put("at", Long.toString(entry.at().toEpochMilli()));
        fields.put("outcome", entry.outcome().name());
        entry.msgType().ifPresent(value -> fields.put("type", value));
        entry.event().ifPresent(value -> fields.put("event", value));
        entry.openId().ifPresent(value -> fields.put("openid", value));
        entry.reason().ifPresent(value -> fields.put("reason", value.name()));
        return fields;
    }

    private static Entry entry(Map<String, String> fields) {
        return new Entry(
                AppId.of(fields.get("app")),
                Instant.ofEpochMilli(Long.parseLong(fields.get("at"))),
                Optional.ofNullable(fields.get("type")),
                Optional.ofNullable(fields.get("event")),
                Optional.ofNullable(fields.get("openid")),
                Outcome.valueOf(fields.get("outcome")),
                Optional.ofNullable(fields.get("reason")).map(CallbackRejectedException.Reason::valueOf));
    }
}
