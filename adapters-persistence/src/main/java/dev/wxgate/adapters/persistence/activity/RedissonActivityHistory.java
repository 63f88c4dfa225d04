package dev.wxgate.adapters.persistence.activity;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.activity.ActivityBucket;
import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * Adapter: the activity history in Redis, shared by every node: a hash per series and UTC day,
 * {@code <prefix>{wxgate:activity}:<series>:<yyyy-mm-dd>}, whose fields are the buckets' start (epoch seconds). Every
 * node adds its own counts with {@code HINCRBY}, so a bucket holds the cluster's sum; a gauge's field is raised by a
 * script to the highest value seen. A day's hash expires {@link ActivityHistory#KEPT} after the day ends. The hash
 * tag puts the few keys in one cluster slot.
 */
public final class RedissonActivityHistory implements ActivityHistory {
    private static final String ADD = """
            redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
            redis.call('PEXPIREAT', KEYS[1], ARGV[3])
            return 1
            """;

    private static final String RAISE = """
            local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
            if tonumber(ARGV[2]) > current then
                redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            end
            redis.call('PEXPIREAT', KEYS[1], ARGV[3])
            return 1
            """;

    private final RedisStore redis;
    private final String prefix;

    /** @param keyPrefix put before every key (e.g. {@code "wxgate:"}); no braces, spaces or control characters */
    public RedissonActivityHistory(RedisStore redis, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = RedisKeyPrefix.check(keyPrefix);
    }

    @Override
    public void add(Series series, Instant bucketStart, long count) {
        ActivityHistory.requireRecordable(series, false, bucketStart, count);
        if (count > 0) {
            run(ADD, series, bucketStart, count, "add to the activity history");
        }
    }

    @Override
    public void raise(Series series, Instant bucketStart, long value) {
        ActivityHistory.requireRecordable(series, true, bucketStart, value);
        run(RAISE, series, bucketStart, value, "raise a gauge of the activity history");
    }

    private void run(String script, Series series, Instant bucketStart, long value, String what) {
        LocalDate day = LocalDate.ofInstant(bucketStart, ZoneOffset.UTC);
        String key = name(series, day);
        long expiresAt = day.plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .plus(KEPT)
                .toEpochMilli();
        redis.call(what, () -> redis.client()
                .getScript(StringCodec.INSTANCE)
                .eval(
                        key,
                        RScript.Mode.READ_WRITE,
                        script,
                        RScript.ReturnType.LONG,
                        List.of(key),
                        Long.toString(bucketStart.getEpochSecond()),
                        Long.toString(value),
                        Long.toString(expiresAt)));
    }

    @Override
    public List<ActivityBucket> read(Series series, Instant from, Instant to) {
        Objects.requireNonNull(series, "series");
        List<ActivityBucket> buckets = new ArrayList<>();
        if (!from.isBefore(to)) {
            return buckets;
        }
        LocalDate last = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            String key = name(series, day);
            Map<String, String> fields = redis.call("read the activity history", () -> redis.client()
                    .<String, String>getMap(key, StringCodec.INSTANCE)
                    .readAllMap());
            fields.forEach((field, value) -> {
                Instant start = Instant.ofEpochSecond(Long.parseLong(field));
                if (!start.isBefore(from) && start.isBefore(to)) {
                    buckets.add(new ActivityBucket(start, Long.parseLong(value)));
                }
            });
        }
        buckets.sort(Comparator.comparing(ActivityBucket::start));
        return buckets;
    }

    String name(Series series, LocalDate day) {
        return prefix + "{wxgate:activity}:" + series.code() + ":" + day;
    }
}
