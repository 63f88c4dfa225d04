package dev.wxgate.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * State: one emulated user of one app: unionid override, block flag, current session key and login rate window.
 * Every method holds the user's monitor, so a login and a session-key reset of the same user never interleave.
 */
final class UserState {
    private final String openid;
    private String unionid;
    private String nickname;
    private boolean blocked;
    private String sessionKey;
    private Instant sessionExpiresAt;
    private Instant windowStart;
    private int windowCount;

    UserState(String openid) {
        this.openid = openid;
    }

    String openid() {
        return openid;
    }

    synchronized String unionid() {
        return unionid;
    }

    synchronized void unionid(String unionid) {
        this.unionid = unionid;
    }

    /** The nickname the web login's userinfo answers; null until a tester gives one. */
    synchronized String nickname() {
        return nickname;
    }

    synchronized void nickname(String nickname) {
        this.nickname = nickname;
    }

    synchronized boolean blocked() {
        return blocked;
    }

    synchronized void blocked(boolean blocked) {
        this.blocked = blocked;
    }

    /**
     * Counts one jscode2session call in a fixed window that opens at the first call; false once the window holds more
     * than {@code limit} calls.
     */
    synchronized boolean admitLogin(Instant now, Duration window, int limit) {
        if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            windowCount = 0;
        }
        windowCount++;
        return windowCount <= limit;
    }

    /** A login replaces the key: WeChat's docs warn that wx.login may renew session_key and kill the old one. */
    synchronized void newSession(String key, Instant expiresAt) {
        this.sessionKey = key;
        this.sessionExpiresAt = expiresAt;
    }

    /** The live key, or null when the user never logged in or the key expired. */
    synchronized String sessionKeyAt(Instant now) {
        if (sessionKey == null || !now.isBefore(sessionExpiresAt)) {
            return null;
        }
        return sessionKey;
    }

    /** A reset swaps the key but keeps its expiry, as WeChat documents; the old key dies at once. */
    synchronized void replaceSessionKey(String key) {
        this.sessionKey = key;
    }

    @Override
    public synchronized String toString() {
        return "UserState[" + openid + ", blocked=" + blocked + ", session=" + (sessionKey != null) + "]";
    }
}
