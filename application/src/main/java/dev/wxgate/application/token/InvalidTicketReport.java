package dev.wxgate.application.token;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.Secrets;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.TicketType;
import java.util.regex.Pattern;

/**
 * A caller's report that {@code ticket} of {@code appId} no longer works (e.g. {@code wx.config} failed with an invalid
 * signature right after a ticket rotation). {@code reporter} names the caller. Never shows the ticket.
 */
public record InvalidTicketReport(AppId appId, TicketType type, String ticket, String reporter) {
    private static final Pattern TICKET = Pattern.compile("[\\x21-\\x7e]{1,2048}");
    private static final Pattern REPORTER = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public InvalidTicketReport {
        Require.present(appId, "appId");
        Require.present(type, "type");
        Require.matches(ticket, TICKET, "ticket", "1 to 2048 printable characters");
        Require.matches(reporter, REPORTER, "reporter", "1 to 128 printable characters");
    }

    @Override
    public String toString() {
        return "InvalidTicketReport[" + appId + ", " + type.wireName() + ", " + Secrets.mask(ticket) + ", by "
                + reporter + "]";
    }
}
