package dev.wxgate.adapters.persistence.weblogin;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.oauth.Claim;
import dev.wxgate.domain.oauth.Handoff;
import dev.wxgate.domain.oauth.PendingLogin;
import dev.wxgate.domain.oauth.WebLoginStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter: web logins in flight, shared by every node: one key per entry, {@code <prefix>weblogin:state:<hash>} or
 * {@code <prefix>weblogin:handoff:<hash>} (the hashes come from the application: Redis never holds a state or code a
 * browser presents), expiring with the entry. The value starts with {@code 0} until claimed; a claim flips it to
 * {@code 1} in one script, keeping the key's time to live, so exactly one claim in the cluster sees it unclaimed.
 */
public final class RedissonWebLoginStore implements WebLoginStore {
    private static final Logger log = LoggerFactory.getLogger(RedissonWebLoginStore.class);

    /** Returns the value as it was, and marks it claimed (Redis 6's KEEPTTL keeps its expiry). */
    private static final String CLAIM = """
            local value = redis.call('GET', KEYS[1])
            if not value then return nil end
            if string.sub(value, 1, 1) == '0' then
              redis.call('SET', KEYS[1], '1' .. string.sub(value, 2), 'KEEPTTL')
            end
            return value
            """;

    private final RedisStore redis;
    private final String prefix;

    /** @param keyPrefix put before every key (e.g. {@code "wxgate:"}); no braces, spaces or control characters */
    public RedissonWebLoginStore(RedisStore redis, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = RedisKeyPrefix.check(keyPrefix);
    }

    @Override
    public void putPending(String stateHash, PendingLogin pending, Duration keep) {
        put(name("state", stateHash), WebLoginCodec.pending(pending), keep, "remember a web login's state");
    }

    @Override
    public Optional<Claim<PendingLogin>> claimPending(String stateHash) {
        return claim(name("state", stateHash), WebLoginCodec::pending, "claim a web login's state");
    }

    @Override
    public void putHandoff(String codeHash, Handoff handoff, Duration keep) {
        put(name("handoff", codeHash), WebLoginCodec.handoff(handoff), keep, "remember a web login's handoff");
    }

    @Override
    public Optional<Claim<Handoff>> claimHandoff(String codeHash) {
        return claim(name("handoff", codeHash), WebLoginCodec::handoff, "claim a web login's handoff");
    }

    private void put(String key, String value, Duration keep, String operation) {
        Duration ttl = keep.toMillis() < 1 ? Duration.ofMillis(1) : keep;
        redis.call(operation, () -> {
            redis.client().<String>getBucket(key, StringCodec.INSTANCE).set("0" + value, ttl);
            return null;
        });
    }

    private <T> Optional<Claim<T>> claim(String key, Function<String, T> decode, String operation) {
        String value = redis.call(operation, () -> redis.client()
                .getScript(StringCodec.INSTANCE)
                .<String>eval(key, RScript.Mode.READ_WRITE, CLAIM, RScript.ReturnType.VALUE, List.of(key)));
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claim<>(decode.apply(value.substring(1)), value.charAt(0) != '0'));
        } catch (IllegalArgumentException corrupt) {
            log.warn("A web login entry in Redis is unreadable; treating it as unknown");
            return Optional.empty();
        }
    }

    String name(String kind, String hash) {
        return prefix + "weblogin:" + kind + ":" + Objects.requireNonNull(hash, "hash");
    }
}
