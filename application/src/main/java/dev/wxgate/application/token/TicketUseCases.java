package dev.wxgate.application.token;

import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.token.CredentialQuota;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketSource;
import dev.wxgate.domain.token.TicketType;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The token server's JS-SDK ticket use cases, built together because they share one {@link CredentialRefresher} per
 * ticket type (one set of in-flight refreshes and back-offs per node). Tickets are fetched with the access_token
 * through {@link WithAccessToken}. Bootstrap creates this once and exposes each use case.
 */
public record TicketUseCases(
        GetTicket getTicket,
        ReportInvalidTicket reportInvalidTicket,
        RefreshTicketsAheadOfExpiry refreshTicketsAheadOfExpiry,
        ViewTicketStatus viewTicketStatus) {

    /**
     * @param settings the token server's settings, with the ticket's daily quota
     * @param executor runs refreshes, so a caller's wait stays bounded while WeChat is slow (virtual threads suit it)
     */
    public static TicketUseCases create(
            WechatApps apps,
            TicketSource source,
            WithAccessToken withAccessToken,
            TicketStores stores,
            CredentialQuota quota,
            AuditLog audit,
            CredentialEvents events,
            TokenSettings settings,
            Clock clock,
            Executor executor) {
        Map<TicketType, CredentialRefresher<Ticket>> refreshers = new EnumMap<>(TicketType.class);
        for (TicketType type : TicketType.values()) {
            refreshers.put(
                    type,
                    new CredentialRefresher<>(
                            TicketPorts.of(type, apps, source, withAccessToken, stores.of(type), quota, clock),
                            audit,
                            events,
                            settings,
                            clock,
                            executor));
        }
        TicketRefreshers tickets = new TicketRefreshers(apps, refreshers);
        return new TicketUseCases(
                new GetTicket(tickets),
                new ReportInvalidTicket(tickets),
                new RefreshTicketsAheadOfExpiry(tickets),
                new ViewTicketStatus(tickets));
    }
}
