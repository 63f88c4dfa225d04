package dev.wxgate.application.alert;

import dev.wxgate.application.token.TicketStatus;
import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.domain.alert.AlertKey;
import dev.wxgate.domain.alert.AlertKind;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.wechat.WechatFailure;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The conditions alerts watch, read through the token server's status views and the outbox's depth: never a call to
 * WeChat. A failure is current while it is newer than the stored credential: once any node stores a new one, an older
 * failure another node remembers no longer counts.
 */
public final class AlertConditions {
    private static final System.Logger log = System.getLogger(AlertConditions.class.getName());
    private static final Set<AlertKind> TOKEN_KINDS = EnumSet.of(
            AlertKind.TOKEN_QUOTA, AlertKind.TOKEN_UNAVAILABLE, AlertKind.BAD_CREDENTIALS, AlertKind.REFRESH_FAILING);

    private final Supplier<List<TokenStatus>> tokens;
    private final Supplier<List<TicketStatus>> tickets;
    private final Supplier<OutboxDepth> outbox;
    private final AlertThresholds thresholds;

    /**
     * @param tokens every app's token status ({@code ViewTokenStatus::all})
     * @param tickets every official account's ticket status ({@code ViewTicketStatus::all})
     * @param outbox the push outbox's depth ({@code PushOutbox::depth})
     */
    public AlertConditions(
            Supplier<List<TokenStatus>> tokens,
            Supplier<List<TicketStatus>> tickets,
            Supplier<OutboxDepth> outbox,
            AlertThresholds thresholds) {
        this.tokens = tokens;
        this.tickets = tickets;
        this.outbox = outbox;
        this.thresholds = thresholds;
    }

    Evaluation evaluate(Instant now) {
        Map<AlertKey, String> firing = new LinkedHashMap<>();
        Set<AlertKind> unevaluated = EnumSet.noneOf(AlertKind.class);
        try {
            tokens.get().forEach(status -> token(status, now, firing));
        } catch (RuntimeException unreadable) {
            log.log(Level.WARNING, "alerts: the token states cannot be read: {0}", unreadable.getMessage());
            unevaluated.addAll(TOKEN_KINDS);
        }
        try {
            tickets.get().forEach(status -> ticket(status, now, firing));
        } catch (RuntimeException unreadable) {
            log.log(Level.WARNING, "alerts: the ticket states cannot be read: {0}", unreadable.getMessage());
            unevaluated.add(AlertKind.TICKET_UNAVAILABLE);
        }
        try {
            depth(outbox.get(), firing);
        } catch (RuntimeException unreadable) {
            log.log(Level.WARNING, "alerts: the push outbox cannot be read: {0}", unreadable.getMessage());
            unevaluated.add(AlertKind.PUSH_BACKLOG);
            unevaluated.add(AlertKind.PUSH_DEAD);
        }
        return new Evaluation(firing, unevaluated);
    }

    private void token(TokenStatus status, Instant now, Map<AlertKey, String> firing) {
        String app = status.appId().value();
        long calls = status.today().calls();
        long quota = status.dailyQuota();
        if (quota > 0 && calls * 100 >= quota * thresholds.quotaPercent()) {
            firing.put(
                    AlertKey.of(AlertKind.TOKEN_QUOTA, status.appId()),
                    "app " + app + " has made " + calls + " of its " + quota + " access_token calls today ("
                            + calls * 100 / quota + " %); at the quota WeChat refuses new tokens until midnight"
                            + " (China time)");
        }
        Optional<TokenStatus.Failure> failure = current(status.lastFailure(), status.token());
        unavailable(status.token(), failure, now)
                .ifPresent(why -> firing.put(
                        AlertKey.of(AlertKind.TOKEN_UNAVAILABLE, status.appId()),
                        "app " + app + " has no usable access_token: " + why));
        failure.ifPresent(f -> {
            if (f.failure() == WechatFailure.BAD_CREDENTIALS || f.failure() == WechatFailure.IP_NOT_WHITELISTED) {
                firing.put(
                        AlertKey.of(AlertKind.BAD_CREDENTIALS, status.appId()),
                        "WeChat refuses the access_token refresh of app " + app + ": " + describe(f)
                                + (f.failure() == WechatFailure.IP_NOT_WHITELISTED
                                        ? " (this server's IP address is not on the app's whitelist)"
                                        : " (check the app id and secret)"));
            } else if (f.inARow() >= thresholds.refreshFailures()) {
                firing.put(
                        AlertKey.of(AlertKind.REFRESH_FAILING, status.appId()),
                        "the access_token refresh of app " + app + " failed " + f.inARow() + " times in a row: "
                                + describe(f));
            }
        });
    }

    private static void ticket(TicketStatus status, Instant now, Map<AlertKey, String> firing) {
        Optional<TokenStatus.Failure> failure = current(status.lastFailure(), status.ticket());
        unavailable(status.ticket(), failure, now)
                .ifPresent(why -> firing.merge(
                        AlertKey.of(AlertKind.TICKET_UNAVAILABLE, status.appId()),
                        "official account " + status.appId() + " has no usable "
                                + status.type().name().toLowerCase(Locale.ROOT) + " ticket: " + why,
                        (first, second) -> first + "; " + second));
    }

    private void depth(OutboxDepth depth, Map<AlertKey, String> firing) {
        if (depth.pending() > thresholds.backlog()) {
            firing.put(
                    AlertKey.global(AlertKind.PUSH_BACKLOG),
                    depth.pending() + " push deliveries wait in the outbox (threshold " + thresholds.backlog()
                            + "): a receiver is down or slow");
        }
        if (depth.dead() > 0) {
            firing.put(
                    AlertKey.global(AlertKind.PUSH_DEAD),
                    depth.dead() + " push deliveries are dead (given up after wxgate.delivery.max-age): replay them"
                            + " from the console's Deliveries page once the receiver is fixed");
        }
    }

    /** The failure, unless a credential was stored after it (by any node). */
    private static Optional<TokenStatus.Failure> current(
            Optional<TokenStatus.Failure> failure, Optional<TokenStatus.Stored> stored) {
        return failure.filter(
                f -> stored.map(s -> f.at().isAfter(s.fetchedAt())).orElse(true));
    }

    /** Why there is no usable credential, if there is none: expired, or none stored after a failure. */
    private static Optional<String> unavailable(
            Optional<TokenStatus.Stored> stored, Optional<TokenStatus.Failure> failure, Instant now) {
        if (stored.isPresent()) {
            Instant expiresAt = stored.get().expiresAt();
            return now.isBefore(expiresAt)
                    ? Optional.empty()
                    : Optional.of("it expired at " + expiresAt
                            + failure.map(f -> " and the refresh failed: " + describe(f))
                                    .orElse(""));
        }
        return failure.map(f -> "none could be fetched: " + describe(f));
    }

    private static String describe(TokenStatus.Failure failure) {
        String code =
                failure.errcode().isPresent() ? " (errcode " + failure.errcode().getAsInt() + ")" : "";
        return failure.failure().name().toLowerCase(Locale.ROOT) + code + " at " + failure.at();
    }
}
