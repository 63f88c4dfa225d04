package dev.wxgate.adapters.persistence.token;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialKind;
import dev.wxgate.domain.token.CredentialQuota;
import dev.wxgate.domain.token.ForceBudget;
import dev.wxgate.domain.token.QuotaClears;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.TokenQuota;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * Adapter: quota accounting in Redis, shared by every node. Per app and WeChat day a hash
 * {@code <prefix>{wxgate:token:<appId>}:quota:<yyyy-mm-dd>} (calls, errors, forced) that expires after three days,
 * and {@code ...:last-forced} (epoch ms of the last granted forced refresh). Each operation is one Lua script, so
 * counting and the forced-refresh budget are atomic across nodes. The other credential kinds (JS-SDK tickets) are
 * counted the same way under their kind's keys ({@code ...:jsapi_ticket:quota:<day>}, see {@link RedisKeys}). The
 * quota clears of a WeChat month are a counter {@code ...:quota-clears:<yyyy-mm>} that expires after 40 days.
 */
public final class RedissonTokenQuota implements TokenQuota, CredentialQuota, QuotaClears {
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

    /** Counts the clear and zeroes the day's calls and errors in one step (the keys share the app's slot). */
    private static final String RECORD_CLEAR = """
            local clears = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            if redis.call('EXISTS', KEYS[2]) == 1 then
                redis.call('HSET', KEYS[2], 'calls', 0, 'errors', 0)
            end
            return clears
            """;

    /** A month's clears are kept past its end, so every day of it is covered whatever the month's length. */
    private static final Duration CLEARS_KEPT = Duration.ofDays(40);

    private final RedisStore redis;
    private final Map<CredentialKind, RedisKeys> keys = new EnumMap<>(CredentialKind.class);

    public RedissonTokenQuota(RedisStore redis, String keyPrefix) {
        this.redis = redis;
        for (CredentialKind kind : CredentialKind.values()) {
            keys.put(kind, new RedisKeys(keyPrefix, kind));
        }
    }

    @Override
    public QuotaUsage recordCall(AppId appId, LocalDate day, boolean failed) {
        return recordCall(CredentialKey.accessToken(appId), day, failed);
    }

    @Override
    public ForceRefreshGrant tryForceRefresh(
            AppId appId, LocalDate day, Instant now, int dailyLimit, Duration spacing) {
        return tryForceRefresh(CredentialKey.accessToken(appId), day, now, new ForceBudget(dailyLimit, spacing));
    }

    @Override
    public QuotaUsage usage(AppId appId, LocalDate day) {
        return usage(CredentialKey.accessToken(appId), day);
    }

    @Override
    public QuotaUsage recordCall(CredentialKey key, LocalDate day, boolean failed) {
        return run(key, day, RECORD_CALL, "count a call", failed ? "1" : "0", Long.toString(KEPT.toMillis()))
                .usage();
    }

    @Override
    public ForceRefreshGrant tryForceRefresh(CredentialKey key, LocalDate day, Instant now, ForceBudget budget) {
        return run(
                key,
                day,
                TRY_FORCE,
                "spend a forced refresh",
                Integer.toString(budget.perDay()),
                Long.toString(budget.spacing().toMillis()),
                Long.toString(now.toEpochMilli()),
                Long.toString(KEPT.toMillis()));
    }

    @Override
    public QuotaUsage usage(CredentialKey key, LocalDate day) {
        return run(key, day, USAGE, "read the quota").usage();
    }

    @Override
    public int recordClear(AppId appId, YearMonth month, LocalDate day) {
        RedisKeys token = keys.get(CredentialKind.ACCESS_TOKEN);
        String clears = token.quotaClears(appId, month);
        Long count = redis.call("count a quota clear of app " + appId, () -> redis.client()
                .getScript(StringCodec.INSTANCE)
                .eval(
                        clears,
                        RScript.Mode.READ_WRITE,
                        RECORD_CLEAR,
                        RScript.ReturnType.LONG,
                        List.of(clears, token.quota(appId, day)),
                        Long.toString(CLEARS_KEPT.toMillis())));
        return count.intValue();
    }

    @Override
    public int clears(AppId appId, YearMonth month) {
        String clears = keys.get(CredentialKind.ACCESS_TOKEN).quotaClears(appId, month);
        String count = redis.call("read the quota clears of app " + appId, () -> redis.client()
                .<String>getBucket(clears, StringCodec.INSTANCE)
                .get());
        return count == null ? 0 : Integer.parseInt(count);
    }

    private ForceRefreshGrant run(CredentialKey key, LocalDate day, String script, String what, Object... arguments) {
        RedisKeys kind = keys.get(key.kind());
        AppId appId = key.owner();
        List<Object> answer = redis.call(what + " of the " + key.describe(), () -> redis.client()
                .getScript(StringCodec.INSTANCE)
                .eval(
                        kind.quota(appId, day),
                        RScript.Mode.READ_WRITE,
                        script,
                        RScript.ReturnType.LIST,
                        List.of(kind.quota(appId, day), kind.lastForced(appId)),
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
