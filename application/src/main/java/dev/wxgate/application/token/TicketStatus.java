package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.TicketType;
import java.util.Optional;

/**
 * What an operator sees of an official account's ticket of one type: the stored ticket (masked), today's getticket
 * calls, and the last failure while the ticket is pausing after it.
 */
public record TicketStatus(
        AppId appId,
        TicketType type,
        Optional<TokenStatus.Stored> ticket,
        QuotaUsage today,
        long dailyQuota,
        Optional<TokenStatus.Failure> lastFailure) {}
