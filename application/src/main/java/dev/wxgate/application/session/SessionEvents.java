package dev.wxgate.application.session;

import dev.wxgate.domain.app.AppId;

/**
 * Listener: sessions opened and ended, and introspections answered, for metrics. Called on the caller's thread; an
 * implementation must be quick and must not throw.
 */
public interface SessionEvents {

    /** Nothing listens. */
    SessionEvents NONE = new SessionEvents() {};

    /** Why sessions ended before their time. */
    enum Revocation {
        /** The user logged out. */
        LOGOUT,
        /** The user ended another of their own sessions. */
        USER,
        /** An operator ended them. */
        ADMIN
    }

    /** A session of {@code app} was opened (mini-program or web login). */
    default void opened(AppId app) {}

    /** {@code count} live sessions of {@code app} were revoked. */
    default void revoked(AppId app, Revocation reason, int count) {}

    /** The client {@code clientId} (a configured id) introspected a token, found live or not. */
    default void introspected(String clientId, boolean active) {}
}
