package dev.wxgate.domain.callback;

import dev.wxgate.domain.Require;
import java.util.Optional;

/**
 * Which messages a handler takes: a {@code MsgType} ({@code "*"} for any) and, for events, optionally one
 * {@code Event}.
 */
public record MessageRoute(String msgType, Optional<String> event) {
    public static final String ANY = "*";

    public MessageRoute {
        Require.present(msgType, "msgType");
        Require.present(event, "event");
    }

    public static MessageRoute any() {
        return new MessageRoute(ANY, Optional.empty());
    }

    public static MessageRoute msgType(String msgType) {
        return new MessageRoute(msgType, Optional.empty());
    }

    public static MessageRoute event(String event) {
        return new MessageRoute("event", Optional.of(event));
    }

    public boolean matches(InboundMessage message) {
        boolean type = msgType.equals(ANY) || msgType.equalsIgnoreCase(message.msgType());
        return type
                && (event.isEmpty()
                        || event.get().equalsIgnoreCase(message.event().orElse("")));
    }
}
