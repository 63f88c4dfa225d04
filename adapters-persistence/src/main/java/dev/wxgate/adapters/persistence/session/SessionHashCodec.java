package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a sealed session is written into, and read back from, the fields of its Redis hash (times in µs). */
final class SessionHashCodec {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHashCodec.class);

    private SessionHashCodec() {}

    /** The hash of {@code session}, opened by the token whose hash is {@code tokenHash}. */
    static Map<String, String> fields(SealedSession session, String tokenHash) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", session.id().value());
        fields.put("user", Long.toString(session.userId().value()));
        fields.put("app", session.identity().appId().value());
        fields.put("openid", session.identity().openId().value());
        session.identity().unionId().ifPresent(unionId -> fields.put("unionid", unionId.value()));
        fields.put("key", session.sealedKey());
        fields.put("created", micros(session.createdAt()));
        fields.put("seen", micros(session.lastSeenAt()));
        fields.put("expires", micros(session.expiresAt()));
        fields.put("absolute", micros(session.absoluteExpiresAt()));
        fields.put("token", tokenHash);
        session.user().ifPresent(user -> snapshotFields(user).forEach((field, value) -> {
            if (!value.isEmpty()) {
                fields.put(field, value);
            }
        }));
        return fields;
    }

    /**
     * The fields of a user snapshot; a field the snapshot has no value for maps to {@code ""} (removed from the hash).
     * {@code registered} marks a session that holds a snapshot: sessions stored before it have none.
     */
    static Map<String, String> snapshotFields(UserSnapshot user) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("registered", micros(user.registeredAt()));
        fields.put("user-unionid", user.unionId().map(UnionId::value).orElse(""));
        fields.put("nickname", user.profile().nickname().orElse(""));
        fields.put("avatar", user.profile().avatarUrl().orElse(""));
        return fields;
    }

    /** The session a hash holds; empty when there is none or it is incomplete. */
    static Optional<SealedSession> decode(Map<String, String> fields) {
        if (fields == null || !fields.containsKey("expires")) {
            return Optional.empty();
        }
        try {
            UserId userId = new UserId(Long.parseLong(fields.get("user")));
            Identity identity = new Identity(
                    new AppId(fields.get("app")),
                    new OpenId(fields.get("openid")),
                    Optional.ofNullable(fields.get("unionid")).map(UnionId::new));
            return Optional.of(new SealedSession(
                    new SessionId(fields.get("id")),
                    userId,
                    identity,
                    fields.get("key"),
                    instant(fields.get("created")),
                    instant(fields.get("seen")),
                    instant(fields.get("expires")),
                    instant(fields.get("absolute")),
                    snapshot(fields)));
        } catch (IllegalArgumentException | NullPointerException corrupt) {
            LOG.warn("A session hash in Redis is incomplete or corrupt; ignoring it");
            return Optional.empty();
        }
    }

    /** The user snapshot of a session hash; empty when it has none (or, never expected, an unreadable one). */
    private static Optional<UserSnapshot> snapshot(Map<String, String> fields) {
        String registered = fields.get("registered");
        if (registered == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UserSnapshot(
                    present(fields.get("user-unionid")).map(UnionId::new),
                    new Profile(present(fields.get("nickname")), present(fields.get("avatar"))),
                    instant(registered)));
        } catch (IllegalArgumentException corrupt) {
            LOG.warn("A session's user snapshot in Redis is unreadable; the user store answers for it");
            return Optional.empty();
        }
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    /** HGETALL's flat answer as a map. */
    static Map<String, String> hashFields(List<Object> flat) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return fields;
    }

    /** Whether the token whose hash is {@code hash} opens the session of {@code fields} at {@code now}. */
    static boolean opens(Map<String, String> fields, String hash, Instant now) {
        String grace = fields.get("grace:" + hash);
        return hash.equals(fields.get("token"))
                || (grace != null && now.isBefore(SealedSession.ofEpochMicros(Long.parseLong(grace))));
    }

    static String micros(Instant instant) {
        return Long.toString(SealedSession.epochMicros(instant));
    }

    static Instant instant(String micros) {
        return SealedSession.ofEpochMicros(Long.parseLong(micros));
    }
}
