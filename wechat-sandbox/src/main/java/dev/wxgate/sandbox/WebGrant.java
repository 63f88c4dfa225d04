package dev.wxgate.sandbox;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * State: something the web login hands out (a code, a user's web access_token, a refresh_token): for one app, user and
 * scope, until a time; a code is single use.
 */
final class WebGrant {
    private final String appId;
    private final String openid;
    private final String scope;
    private final Instant expiresAt;
    private final AtomicBoolean used = new AtomicBoolean();

    WebGrant(String appId, String openid, String scope, Instant expiresAt) {
        this.appId = appId;
        this.openid = openid;
        this.scope = scope;
        this.expiresAt = expiresAt;
    }

    String appId() {
        return appId;
    }

    String openid() {
        return openid;
    }

    String scope() {
        return scope;
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    boolean isUsed() {
        return used.get();
    }

    /** True for the one caller that used it. */
    boolean markUsed() {
        return used.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "WebGrant[" + appId + " " + openid + " " + scope + " until " + expiresAt + "]";
    }
}
