package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.TicketType;
import java.lang.System.Logger.Level;

/**
 * Use case: refreshes, ahead of expiry, the tickets that are due. Runs beside the access_token's refresh-ahead on
 * every node; the cluster lock and the double check make one node refresh. Only tickets that were asked for at least
 * once (so one is stored, by any node) are kept warm: an official account that never signs a page costs no getticket
 * call, and a ticket type nobody uses (most accounts never touch {@code wx_card}) is never fetched.
 */
public final class RefreshTicketsAheadOfExpiry {
    private static final System.Logger log = System.getLogger(RefreshTicketsAheadOfExpiry.class.getName());

    private final TicketRefreshers tickets;
    private volatile boolean failing;

    RefreshTicketsAheadOfExpiry(TicketRefreshers tickets) {
        this.tickets = tickets;
    }

    /** Starts the refreshes that are due, without waiting for them; returns how many it started. Never throws. */
    public int refreshDue() {
        int started = 0;
        boolean failed = false;
        for (WechatApp app : tickets.apps().all()) {
            if (app.type() != AppType.OFFICIAL_ACCOUNT) {
                continue;
            }
            for (TicketType type : TicketType.values()) {
                try {
                    if (tickets.of(type).refreshIfDue(TicketRefreshers.key(type, app.appId()))) {
                        started++;
                    }
                } catch (RuntimeException unreadable) {
                    failed = true;
                    if (!failing) {
                        log.log(
                                Level.WARNING,
                                "refresh-ahead cannot read the {0} ticket of app {1}: {2}",
                                type.wireName(),
                                app.appId(),
                                unreadable.getMessage());
                    }
                }
            }
        }
        if (failing && !failed) {
            log.log(Level.INFO, "ticket refresh-ahead reads the store again");
        }
        failing = failed;
        return started;
    }
}
