package dev.wxgate.adapters.persistence.token;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.TokenQuota;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * Adapter: quota accounting in Redis, shared by every node. Per app and WeChat day a hash
 * {@code <prefix>{wxgate:token:<appId>}:quota:<yyyy-mm-dd>} (calls, errors, forced) that expires after three days,
 * and {@code ...:last-forced} (epoch ms of the last granted forced refresh). Each operation is one Lua script, so
 * counting and the forced-refresh budget are atomic across nodes.
 */
public final class RedissonTokenQuota implements TokenQuota {
    private static final Duration KEPT = Duration.ofDays(3);

    private static final String RECORD_CALL = """
            local calls = redis.call('HINCRBY', KEYS[1], 'calls', 1)
            local errors = tonumber(redis.call('HGET', KEYS[1], 'errors') or '0')
            if ARGV[1] == '1' then
                errors = redis.call('HINCRBY', KEYS[1], 'errors', 1)
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            local forced = tonumber(redis.call('HGET', KEYS[1], 'forced') or '0')
            return {1, calls, errors, forced, redis.call('GET', KEYS[2]) or ''}
            """;

    private static final String TRY_FORCE = """
            local forced = tonumber(redis.call('HGET', KEYS[1], 'forced') or '0')
            local last = redis.call('GET', KEYS[2])
            local now = tonumber(ARGV[3])
            local granted = 0
            if forced < tonumber(ARGV[1]) and ((not last) or now - tonumber(last) >= tonumber(ARGV[2])) then
                forced = redis.call('HINCRBY', KEYS[1], 'forced', 1)
                redis.call('PEXPIRE', KEYS[1], ARGV[4])
                redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
                last = ARGV[3]
                granted = 1
            end
            local calls = tonumber(redis.call('HGET', KEYS[1], 'calls') or '0')
            local errors = tonumber(redis.call('HGET', KEYS[1], 'errors') or '0')
            return {granted, calls, errors, forced, last or ''}
            """;

    private static final String USAGE = """
            local v = redis.call('HMGET', KEYS[1], 'calls', 'errors', 'forced')
            return {1, tonumber(v[1] or '0'), tonumber(v[2] or '0'), tonumber(v[3] or '0'),
                redis.call('GET', KEYS[2]) or ''}
            """;

    private final RedisStore redis;
    private final RedisKeys keys;

    public RedissonTokenQuota(RedisStore redis, String keyPrefix) {
        this.redis = redis;
        this.keys = new RedisKeys(keyPrefix);
    }

    @Override
    public QuotaUsage recordCall(AppId appId, LocalDate day, boolean failed) {
        return run(appId, day, RECORD_CALL, "count a token call", failed ? "1" : "0", Long.toString(KEPT.toMillis()))
                .usage();
    }

    @Override
    public ForceRefreshGrant tryForceRefresh(
            AppId appId, LocalDate day, Instant now, int dailyLimit, Duration spacing) {
        return run(
                appId,
                day,
                TRY_FORCE,
                "spend a forced refresh",
                Integer.toString(dailyLimit),
                Long.toString(spacing.toMillis()),
                Long.toString(now.toEpochMilli()),
                Long.toString(KEPT.toMillis()));
    }

    @Override
    public QuotaUsage usage(AppId appId, LocalDate day) {
        return run(appId, day, USAGE, "read the quota").usage();
    }

    private ForceRefreshGrant run(AppId appId, LocalDate day, String script, String what, Object... arguments) {
        List<Object> answer = redis.call(what + " of app " + appId, () -> redis.client()
                .getScript(StringCodec.INSTANCE)
                .eval(
                        keys.quota(appId, day),
                        RScript.Mode.READ_WRITE,
                        script,
                        RScript.ReturnType.LIST,
                        List.of(keys.quota(appId, day), keys.lastForced(appId)),
                        arguments));
        String last = String.valueOf(answer.get(4));
        return new ForceRefreshGrant(
                number(answer.get(0)) == 1,
                new QuotaUsage(
                        number(answer.get(1)),
                        number(answer.get(2)),
                        number(answer.get(3)),
                        last.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(last)))));
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(value));
    }
}
