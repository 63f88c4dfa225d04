package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketType;

/**
 * Use case: an official account's current JS-SDK ticket for a caller, with the access_token's guarantees: a usable
 * ticket is answered at once, and when there is none the caller waits, boundedly, for the one refresh the cluster
 * makes.
 */
public final class GetTicket {
    private final TicketRefreshers tickets;

    GetTicket(TicketRefreshers tickets) {
        this.tickets = tickets;
    }

    /**
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve {@code appId}
     * @throws NotAnOfficialAccountException when the app is a mini-program
     * @throws TokenUnavailableException when no valid ticket (or access_token to fetch one) could be had in the wait
     * @throws dev.wxgate.domain.StoreUnavailableException when the store cannot be reached
     */
    public Ticket current(AppId appId, TicketType type) {
        tickets.officialAccount(appId);
        return tickets.of(type).current(TicketRefreshers.key(type, appId));
    }
}
