package dev.wxgate.application.token;

import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketType;
import java.util.Objects;

/** Where each ticket type lives: one credential store per type (memory or Redis, like the access_token's). */
public record TicketStores(CredentialStore<Ticket> jsapi, CredentialStore<Ticket> wxCard) {

    public TicketStores {
        Objects.requireNonNull(jsapi, "jsapi");
        Objects.requireNonNull(wxCard, "wxCard");
    }

    public CredentialStore<Ticket> of(TicketType type) {
        return switch (type) {
            case JSAPI -> jsapi;
            case WX_CARD -> wxCard;
        };
    }
}
