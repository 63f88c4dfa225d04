package dev.wxgate.application.token;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketType;
import java.util.EnumMap;
import java.util.Map;

/** The ticket use cases' shared state: one {@link CredentialRefresher} per ticket type, and the app checks. */
final class TicketRefreshers {
    private final WechatApps apps;
    private final Map<TicketType, CredentialRefresher<Ticket>> refreshers;

    TicketRefreshers(WechatApps apps, Map<TicketType, CredentialRefresher<Ticket>> refreshers) {
        this.apps = apps;
        this.refreshers = new EnumMap<>(refreshers);
    }

    WechatApps apps() {
        return apps;
    }

    CredentialRefresher<Ticket> of(TicketType type) {
        return refreshers.get(type);
    }

    /**
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve {@code appId}
     * @throws NotAnOfficialAccountException when it is a mini-program
     */
    WechatApp officialAccount(AppId appId) {
        return NotAnOfficialAccountException.require(apps, appId);
    }

    static CredentialKey key(TicketType type, AppId appId) {
        return CredentialKey.ticket(type, appId);
    }
}
