package dev.wxgate.application.callback;

import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageHandler;
import dev.wxgate.domain.callback.PassiveReply;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The step after a push was taken: hands a message to the handlers its route matches. Quick ones run inline and the
 * first passive reply among them is the answer; slow ones go to a bounded executor, whose refusal drops that work.
 */
final class HandOver {
    private static final System.Logger log = System.getLogger(HandOver.class.getName());

    private final List<MessageHandler> handlers;
    private final Executor background;

    HandOver(List<MessageHandler> handlers, Executor background) {
        this.handlers = List.copyOf(handlers);
        this.background = background;
    }

    /**
     * What became of a message.
     *
     * @param reply the first inline handler's passive reply
     * @param dropped whether background work was refused by a full executor
     */
    record Outcome(Optional<PassiveReply> reply, boolean dropped) {}

    Outcome handOver(InboundMessage message) {
        Optional<PassiveReply> reply = Optional.empty();
        boolean dropped = false;
        for (MessageHandler handler : handlers) {
            if (!handler.route().matches(message)) {
                continue;
            }
            if (handler.runsInBackground()) {
                dropped |= !submit(handler, message);
            } else if (reply.isEmpty()) {
                reply = runInline(handler, message);
            }
        }
        return new Outcome(reply, dropped);
    }

    private boolean submit(MessageHandler handler, InboundMessage message) {
        try {
            background.execute(() -> runInline(handler, message));
            return true;
        } catch (RejectedExecutionException full) {
            log.log(Level.WARNING, "callback background queue is full: dropped {0}", message);
            return false;
        }
    }

    private static Optional<PassiveReply> runInline(MessageHandler handler, InboundMessage message) {
        try {
            return handler.handle(message);
        } catch (RuntimeException failure) {
            // WeChat cannot help with our handler's bug: answer success, keep the failure for us (no message text).
            log.log(
                    Level.ERROR,
                    "callback handler " + handler.getClass().getName() + " failed on " + message + ": "
                            + failure.getClass().getName());
            return Optional.empty();
        }
    }
}
