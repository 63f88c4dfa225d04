package dev.wxgate.adapters.persistence.callback;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.domain.StoreUnavailableException;
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
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * Adapter: callbacks seen, shared by every node: one key per delivery or nonce, set only if absent ({@code SET NX PX}),
 * named {@code <prefix>{wxgate:callback:<appId>}:<kind>:<sha256 of id>} (ids come from the sender, so they are
 * hashed; the hash tag keeps an app's keys in one cluster slot).
 */
public final class RedissonCallbackDeduplication implements CallbackDeduplication {
    private final RedissonClient redisson;
    private final String prefix;

    /** @param keyPrefix put before every key (e.g. {@code "wxgate:"}); no braces, spaces or control characters */
    public RedissonCallbackDeduplication(RedissonClient redisson, String keyPrefix) {
        this.redisson = Objects.requireNonNull(redisson, "redisson");
        this.prefix = RedisKeyPrefix.check(keyPrefix);
    }

    @Override
    public boolean firstSeen(AppId app, Kind kind, String id, Duration keep) {
        Objects.requireNonNull(keep, "keep");
        RBucket<String> bucket = redisson.getBucket(name(app, kind, id), StringCodec.INSTANCE);
        try {
            return bucket.setIfAbsent("1", keep.toMillis() < 1 ? Duration.ofMillis(1) : keep);
        } catch (RedisException unreachable) {
            throw new StoreUnavailableException(
                    "Redis could not record a callback: "
                            + unreachable.getClass().getSimpleName(),
                    unreachable);
        }
    }

    @Override
    public boolean seen(AppId app, Kind kind, String id) {
        try {
            return redisson.getBucket(name(app, kind, id), StringCodec.INSTANCE).isExists();
        } catch (RedisException unreachable) {
            throw new StoreUnavailableException(
                    "Redis could not look up a callback: "
                            + unreachable.getClass().getSimpleName(),
                    unreachable);
        }
    }

    @Override
    public void rememberReply(AppId app, String delivery, String plainReply, Duration keep) {
        Objects.requireNonNull(plainReply, "plainReply");
        try {
            redisson.getBucket(replyName(app, delivery), StringCodec.INSTANCE)
                    .set(plainReply, keep.toMillis() < 1 ? Duration.ofMillis(1) : keep);
        } catch (RedisException unreachable) {
            throw new StoreUnavailableException(
                    "Redis could not keep a callback reply: "
                            + unreachable.getClass().getSimpleName(),
                    unreachable);
        }
    }

    @Override
    public Optional<String> replyTo(AppId app, String delivery) {
        try {
            return Optional.ofNullable(redisson.<String>getBucket(replyName(app, delivery), StringCodec.INSTANCE)
                    .get());
        } catch (RedisException unreachable) {
            throw new StoreUnavailableException(
                    "Redis could not read a callback reply: "
                            + unreachable.getClass().getSimpleName(),
                    unreachable);
        }
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
