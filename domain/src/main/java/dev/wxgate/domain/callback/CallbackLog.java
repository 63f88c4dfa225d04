package dev.wxgate.domain.callback;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Secondary port: what callbacks came and what became of them, for the console. */
public interface CallbackLog {

    void record(Entry entry);

    /** The most recent entries, newest first. */
    List<Entry> recent(int limit);

    /** What became of a callback. */
    enum Outcome {
        HANDLED,
        DUPLICATE,
        REJECTED,
        /** Accepted and answered, but its background work was dropped: the executor's queue was full. */
        DROPPED
    }

    /**
     * One callback. Type, event and openid are absent when it was rejected before they could be read; nothing of what
     * a user wrote is kept.
     */
    record Entry(
            AppId appId,
            Instant at,
            Optional<String> msgType,
            Optional<String> event,
            Optional<String> openId,
            Outcome outcome,
            Optional<CallbackRejectedException.Reason> reason) {

        public Entry {
            Require.present(appId, "appId");
            Require.present(at, "at");
            Require.present(msgType, "msgType");
            Require.present(event, "event");
            Require.present(openId, "openId");
            Require.present(outcome, "outcome");
            Require.present(reason, "reason");
        }

        public static Entry of(InboundMessage message, Instant at, Outcome outcome) {
            return new Entry(
                    message.appId(),
                    at,
                    Optional.of(message.msgType()),
                    message.event(),
                    Optional.of(message.fromUserName()),
                    outcome,
                    Optional.empty());
        }

        public static Entry rejected(AppId appId, Instant at, CallbackRejectedException.Reason reason) {
            return new Entry(
                    appId,
                    at,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Outcome.REJECTED,
                    Optional.of(reason));
        }
    }
}
