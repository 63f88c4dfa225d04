package dev.wxgate.adapters.persistence.token;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.CredentialKind;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * The Redis keys of the token server, for one credential kind. Every key of one app carries the hash tag
 * {@code {wxgate:token:<appId>}}, whatever the kind, so in Redis Cluster they share a slot and one Lua script may touch
 * several. The access_token's keys have no kind segment (they predate the other kinds and stay readable by older
 * nodes); a ticket's keys have one, e.g. {@code {wxgate:token:<appId>}:jsapi_ticket:state}. The configured prefix
 * comes first and must not hold a brace (it would become the hash tag).
 */
final class RedisKeys {
    private final String prefix;
    private final CredentialKind kind;

    RedisKeys(String prefix) {
        this(prefix, CredentialKind.ACCESS_TOKEN);
    }

    RedisKeys(String prefix, CredentialKind kind) {
        this.prefix = RedisKeyPrefix.check(prefix);
        this.kind = kind;
    }

    private String app(AppId appId) {
        String tagged = prefix + "{wxgate:token:" + appId.value() + "}";
        return kind == CredentialKind.ACCESS_TOKEN ? tagged : tagged + ":" + slug();
    }

    private String slug() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    String state(AppId appId) {
        return app(appId) + ":state";
    }

    String lock(AppId appId) {
        return app(appId) + ":lock";
    }

    String quota(AppId appId, LocalDate day) {
        return app(appId) + ":quota:" + day;
    }

    /** The access_token's app only: WeChat's quota clears wxgate made in a WeChat month. */
    String quotaClears(AppId appId, YearMonth month) {
        return app(appId) + ":quota-clears:" + month;
    }

    String lastForced(AppId appId) {
        return app(appId) + ":last-forced";
    }

    /**
     * The channel that announces a new version of any app's credential of this kind: messages are "appId version".
     * {@code wxgate:token:changed} for the access_token, {@code wxgate:jsapi_ticket:changed} for a ticket.
     */
    String changes() {
        return prefix + "wxgate:" + (kind == CredentialKind.ACCESS_TOKEN ? "token" : slug()) + ":changed";
    }
}
