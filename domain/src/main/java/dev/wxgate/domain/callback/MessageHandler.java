package dev.wxgate.domain.callback;

import java.util.Optional;

/**
 * Secondary port: the plug-in point a team implements to act on pushed messages; the use case drives it once a push
 * is authenticated, fresh, opened and seen for the first time. Handlers are routed by {@link #route()}. A handler
 * that does not run in the background answers on the request thread and must be quick (WeChat waits 5 s in all); the
 * first passive reply among them is sent back. A background handler runs after the answer on a bounded executor, and
 * its reply is ignored.
 */
public interface MessageHandler {

    MessageRoute route();

    /** Slow work (calls to other systems) belongs in the background. */
    default boolean runsInBackground() {
        return false;
    }

    Optional<PassiveReply> handle(InboundMessage message);
}
