package dev.wxgate.sandbox;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** State: a login code or phone code: bound to one app and user, single use, short-lived. */
final class OneTimeCode {
    private final String value;
    private final String appId;
    private final String openid;
    private final Instant expiresAt;
    private final PhoneNumber phone;
    private final AtomicBoolean used = new AtomicBoolean();

    OneTimeCode(String value, String appId, String openid, Instant expiresAt, PhoneNumber phone) {
        this.value = value;
        this.appId = appId;
        this.openid = openid;
        this.expiresAt = expiresAt;
        this.phone = phone;
    }

    String appId() {
        return appId;
    }

    String openid() {
        return openid;
    }

    /** Null for a login code. */
    PhoneNumber phone() {
        return phone;
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    boolean isUsed() {
        return used.get();
    }

    /** True for the one caller that consumed the code. */
    boolean markUsed() {
        return used.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "OneTimeCode[" + appId + " " + openid + " " + Secrets.mask(value) + " until " + expiresAt + "]";
    }
}
