package dev.wxgate.adapters.persistence.weblogin;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.oauth.Handoff;
import dev.wxgate.domain.oauth.PendingLogin;
import dev.wxgate.domain.oauth.WebScope;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.UserId;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * How pending logins and handoffs are written in Redis: one line per field. No field can hold a line break (ids,
 * hashes, a printable-ASCII URL, an epoch millisecond count), so the text splits back unambiguously.
 */
final class WebLoginCodec {
    private WebLoginCodec() {}

    static String pending(PendingLogin pending) {
        return String.join(
                "\n",
                pending.appId().value(),
                pending.scope().wireName(),
                pending.redirectUri().toString(),
                pending.binderHash(),
                Long.toString(pending.expiresAt().toEpochMilli()));
    }

    static PendingLogin pending(String text) {
        String[] fields = fields(text, 5);
        return new PendingLogin(
                AppId.of(fields[0]),
                WebScope.fromWireName(fields[1]).orElseThrow(() -> new IllegalArgumentException("scope is unknown")),
                URI.create(fields[2]),
                fields[3],
                Instant.ofEpochMilli(Long.parseLong(fields[4])));
    }

    static String handoff(Handoff handoff) {
        Identity identity = handoff.identity();
        return String.join(
                "\n",
                Long.toString(handoff.userId().value()),
                identity.appId().value(),
                identity.openId().value(),
                identity.unionId().map(UnionId::value).orElse(""),
                Boolean.toString(handoff.newUser()),
                Long.toString(handoff.expiresAt().toEpochMilli()));
    }

    static Handoff handoff(String text) {
        String[] fields = fields(text, 6);
        return new Handoff(
                new UserId(Long.parseLong(fields[0])),
                new Identity(
                        AppId.of(fields[1]),
                        new OpenId(fields[2]),
                        fields[3].isEmpty() ? Optional.empty() : Optional.of(new UnionId(fields[3]))),
                Boolean.parseBoolean(fields[4]),
                Instant.ofEpochMilli(Long.parseLong(fields[5])));
    }

    private static String[] fields(String text, int count) {
        String[] fields = text.split("\n", -1);
        if (fields.length != count) {
            throw new IllegalArgumentException("expected " + count + " fields");
        }
        return fields;
    }
}
