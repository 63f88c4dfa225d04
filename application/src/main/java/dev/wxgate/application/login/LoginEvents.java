package dev.wxgate.application.login;

import dev.wxgate.domain.app.AppId;
import java.util.Optional;

/**
 * Listener: how mini-program logins ended, for metrics. Called on the login's thread; an implementation must be quick
 * and must not throw.
 */
public interface LoginEvents {

    /** Nothing listens. */
    LoginEvents NONE = new LoginEvents() {};

    /**
     * A login ended as {@code outcome}.
     *
     * @param app the app logged in to; empty when the login named no app wxgate serves (never an unchecked id, so a
     *     listener's tags stay bounded)
     */
    default void login(Optional<AppId> app, LoginOutcome outcome) {}
}
