package dev.wxgate.application.token;

import dev.wxgate.domain.token.Ticket;

/**
 * Use case: compare-and-refresh after a caller found a ticket no longer working. A report of a ticket that is no
 * longer the current one is answered with the current one; a report of the current ticket refreshes it, and any number
 * of simultaneous reports make one refresh cluster-wide.
 */
public final class ReportInvalidTicket {
    private final TicketRefreshers tickets;

    ReportInvalidTicket(TicketRefreshers tickets) {
        this.tickets = tickets;
    }

    /**
     * Returns the current ticket, new if the reported one had to be replaced.
     *
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve the app
     * @throws NotAnOfficialAccountException when the app is a mini-program
     * @throws TokenUnavailableException when no other valid ticket could be had within the wait
     * @throws dev.wxgate.domain.StoreUnavailableException when the store cannot be reached
     */
    public Ticket reportInvalid(InvalidTicketReport report) {
        tickets.officialAccount(report.appId());
        return tickets.of(report.type())
                .replace(TicketRefreshers.key(report.type(), report.appId()), report.ticket(), report.reporter());
    }
}
