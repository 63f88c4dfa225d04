package dev.wxgate.application.token;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialQuota;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketSource;
import dev.wxgate.domain.token.TicketType;
import dev.wxgate.domain.token.WechatDay;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

/**
 * A ticket type's ports for the {@link CredentialRefresher}: its store, its quota, no force budget (WeChat has no
 * forced ticket refresh), and a fetch through the app's access_token: when WeChat answers 40001 / 42001 the token is
 * reported (one compare-and-refresh cluster-wide) and the fetch retried once, both calls counted.
 */
final class TicketPorts {
    private static final System.Logger log = System.getLogger(TicketPorts.class.getName());

    private TicketPorts() {}

    static CredentialPorts<Ticket> of(
            TicketType type,
            WechatApps apps,
            TicketSource source,
            WithAccessToken withAccessToken,
            CredentialStore<Ticket> store,
            CredentialQuota quota,
            Clock clock) {
        return new CredentialPorts<>(
                store,
                (key, force) -> fetch(type, apps, source, withAccessToken, quota, clock, key),
                quota,
                key -> Optional.empty());
    }

    private static Ticket fetch(
            TicketType type,
            WechatApps apps,
            TicketSource source,
            WithAccessToken withAccessToken,
            CredentialQuota quota,
            Clock clock,
            CredentialKey key) {
        if (key.kind() != type.kind()) {
            throw new IllegalArgumentException("not a " + type.kind().label() + ": " + key);
        }
        WechatApp app = apps.find(key.owner()).orElseThrow(() -> new UnknownAppException(key.owner()));
        // The refresher counts the call that answers; the rejected one before the retry is counted here.
        return withAccessToken.call(
                app.appId(), token -> source.fetch(app, token, type), () -> countRejected(quota, clock, key));
    }

    private static void countRejected(CredentialQuota quota, Clock clock, CredentialKey key) {
        try {
            quota.recordCall(key, WechatDay.of(clock.instant()), true);
        } catch (RuntimeException notCounted) {
            // The retry matters more than the count.
            log.log(
                    Level.WARNING,
                    "app {0}: a rejected {1} call was not counted: {2}",
                    key.owner(),
                    key.kind().label(),
                    notCounted.getMessage());
        }
    }
}
