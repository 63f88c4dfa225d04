package dev.wxgate.application.callback;

import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageHandler;
import dev.wxgate.domain.callback.MessageRoute;
import dev.wxgate.domain.callback.PassiveReply;
import java.util.Optional;

/** A handler for trying callbacks out: answers a text message with its own text, prefixed. Off unless configured. */
public final class EchoTextReply implements MessageHandler {
    private final String prefix;

    public EchoTextReply(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public MessageRoute route() {
        return MessageRoute.msgType("text");
    }

    @Override
    public Optional<PassiveReply> handle(InboundMessage message) {
        return Optional.ofNullable(message.fields().get("Content")).map(text -> PassiveReply.text(prefix + text));
    }
}
