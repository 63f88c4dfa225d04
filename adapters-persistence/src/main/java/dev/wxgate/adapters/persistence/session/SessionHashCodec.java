package dev.wxgate.adapters.persistence.session;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
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
                    instant(fields.get("absolute"))));
        } catch (IllegalArgumentException | NullPointerException corrupt) {
            LOG.warn("A session hash in Redis is incomplete or corrupt; ignoring it");
            return Optional.empty();
        }
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
