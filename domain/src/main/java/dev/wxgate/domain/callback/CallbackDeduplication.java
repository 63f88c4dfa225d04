package dev.wxgate.domain.callback;

import dev.wxgate.domain.app.AppId;
import java.time.Duration;
import java.util.Optional;

/**
 * Secondary port: what callbacks were already seen, for a while; shared by every node in redis mode. A delivery key
 * (MsgId, or sender and creation time) is seen once however often WeChat retries it; a nonce is used once within the
 * timestamp window.
 */
public interface CallbackDeduplication {

    /** What is remembered: a message's delivery key, or a request's timestamp and nonce. */
    enum Kind {
        DELIVERY,
        NONCE
    }

    /**
     * Remembers {@code id} for {@code keep} unless it already is.
     *
     * @return whether this call was the first to see it
     * @throws dev.wxgate.domain.StoreUnavailableException when the store cannot be reached
     */
    boolean firstSeen(AppId app, Kind kind, String id, Duration keep);

    /**
     * Forgets {@code id}, so the next {@link #firstSeen} of it is first again: a delivery that could not be stored was
     * not handled, and WeChat's retry of it must be taken.
     */
    void forget(AppId app, Kind kind, String id);

    /** Whether {@code id} is remembered now. */
    boolean seen(AppId app, Kind kind, String id);

    /**
     * Remembers the plain (unencrypted) reply given to a delivery, for as long as the delivery is remembered, so that
     * WeChat's retry of it is answered like the first try.
     */
    void rememberReply(AppId app, String delivery, String plainReply, Duration keep);

    /** The plain reply given to a delivery, if it had one and it is still remembered. */
    Optional<String> replyTo(AppId app, String delivery);
}
