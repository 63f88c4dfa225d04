package dev.wxgate.adapters.persistence.callback;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.CallbackDeduplication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.redisson.api.RBucket;
import org.redisson.client.codec.StringCodec;

/**
 * Adapter: callbacks seen, shared by every node: one key per delivery or nonce, set only if absent ({@code SET NX PX}),
 * named {@code <prefix>{wxgate:callback:<appId>}:<kind>:<sha256 of id>} (ids come from the sender, so they are
 * hashed; the hash tag keeps an app's keys in one cluster slot).
 */
public final class RedissonCallbackDeduplication implements CallbackDeduplication {
    private final RedisStore redis;
    private final String prefix;

    /** @param keyPrefix put before every key (e.g. {@code "wxgate:"}); no braces, spaces or control characters */
    public RedissonCallbackDeduplication(RedisStore redis, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = RedisKeyPrefix.check(keyPrefix);
    }

    @Override
    public boolean firstSeen(AppId app, Kind kind, String id, Duration keep) {
        Objects.requireNonNull(keep, "keep");
        RBucket<String> bucket = redis.client().getBucket(name(app, kind, id), StringCodec.INSTANCE);
        return redis.call(
                "record a callback", () -> bucket.setIfAbsent("1", keep.toMillis() < 1 ? Duration.ofMillis(1) : keep));
    }

    @Override
    public void forget(AppId app, Kind kind, String id) {
        redis.call("forget a callback", () -> redis.client()
                .getBucket(name(app, kind, id), StringCodec.INSTANCE)
                .delete());
    }

    @Override
    public boolean seen(AppId app, Kind kind, String id) {
        return redis.call("look up a callback", () -> redis.client()
                .getBucket(name(app, kind, id), StringCodec.INSTANCE)
                .isExists());
    }

    @Override
    public void rememberReply(AppId app, String delivery, String plainReply, Duration keep) {
        Objects.requireNonNull(plainReply, "plainReply");
        redis.call("keep a callback reply", () -> {
            redis.client()
                    .getBucket(replyName(app, delivery), StringCodec.INSTANCE)
                    .set(plainReply, keep.toMillis() < 1 ? Duration.ofMillis(1) : keep);
            return null;
        });
    }

    @Override
    public Optional<String> replyTo(AppId app, String delivery) {
        return redis.call(
                "read a callback reply",
                () -> Optional.ofNullable(redis.client()
                        .<String>getBucket(replyName(app, delivery), StringCodec.INSTANCE)
                        .get()));
    }

    private String replyName(AppId app, String delivery) {
        return name(app, Kind.DELIVERY, delivery) + ":reply";
    }

    String name(AppId app, Kind kind, String id) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(kind, "kind");
        return prefix + "{wxgate:callback:" + app.value() + "}:" + kind.name().toLowerCase(Locale.ROOT) + ":"
                + sha256(Objects.requireNonNull(id, "id"));
    }

    private static String sha256(String id) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("this JVM has no SHA-256", missing);
        }
    }
}
