package dev.wxgate.adapters.persistence.token;

import dev.wxgate.adapters.persistence.RedisKeyPrefix;
import dev.wxgate.domain.app.AppId;
import java.time.LocalDate;

/**
 * The Redis keys of the token server. Every key of one app carries the hash tag {@code {wxgate:token:<appId>}}, so in
 * Redis Cluster they share a slot and one Lua script may touch several. The configured prefix comes first and must
 * not hold a brace (it would become the hash tag).
 */
final class RedisKeys {
    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = RedisKeyPrefix.check(prefix);
    }

    private String app(AppId appId) {
        return prefix + "{wxgate:token:" + appId.value() + "}";
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

    String lastForced(AppId appId) {
        return app(appId) + ":last-forced";
    }

    /** The channel that announces a new version of any app's token: messages are "appId version". */
    String changes() {
        return prefix + "wxgate:token:changed";
    }
}
