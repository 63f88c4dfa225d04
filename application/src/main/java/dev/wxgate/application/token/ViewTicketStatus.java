package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.TicketType;
import dev.wxgate.domain.token.WechatDay;
import java.util.ArrayList;
import java.util.List;

/** Use case: the state of each official account's tickets, for the console and the metrics. Never calls WeChat. */
public final class ViewTicketStatus {
    private final TicketRefreshers tickets;

    ViewTicketStatus(TicketRefreshers tickets) {
        this.tickets = tickets;
    }

    /**
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve {@code appId}
     * @throws NotAnOfficialAccountException when the app is a mini-program
     * @throws dev.wxgate.domain.StoreUnavailableException when the store cannot be reached
     */
    public TicketStatus of(AppId appId, TicketType type) {
        tickets.officialAccount(appId);
        CredentialRefresher<?> refresher = tickets.of(type);
        CredentialKey key = TicketRefreshers.key(type, appId);
        return new TicketStatus(
                appId,
                type,
                refresher
                        .store()
                        .read(key)
                        .map(stored -> new TokenStatus.Stored(
                                stored.credential().masked(),
                                stored.version(),
                                stored.fetchedBy(),
                                stored.credential().fetchedAt(),
                                stored.credential().expiresAt(),
                                refresher.schedule().refreshAt(stored.credential()))),
                refresher.ports().quota().usage(key, WechatDay.of(refresher.now())),
                refresher.dailyQuota(key),
                refresher
                        .lastFailure(key)
                        .map(f ->
                                new TokenStatus.Failure(f.failure(), f.errcode(), f.inARow(), f.at(), f.retryAfter())));
    }

    /** Both tickets of every official account, in configuration order. */
    public List<TicketStatus> all() {
        List<TicketStatus> all = new ArrayList<>();
        tickets.apps().all().stream()
                .filter(app -> app.type() == AppType.OFFICIAL_ACCOUNT)
                .forEach(app -> {
                    for (TicketType type : TicketType.values()) {
                        all.add(of(app.appId(), type));
                    }
                });
        return all;
    }
}
