package dev.wxgate.application.token;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKey;
import java.lang.System.Logger.Level;

/**
 * Use case: refreshes, ahead of expiry, the tokens that are due. Meant to run every second or so on every node; the
 * cluster lock and the double check make one node refresh and the others find the new token. Only apps that already
 * have a token are kept warm: an app nobody asked for is fetched on first use.
 */
public final class RefreshAheadOfExpiry {
    private static final System.Logger log = System.getLogger(RefreshAheadOfExpiry.class.getName());

    private final WechatApps apps;
    private final CredentialRefresher<AccessToken> refresher;
    private volatile boolean failing;

    RefreshAheadOfExpiry(WechatApps apps, CredentialRefresher<AccessToken> refresher) {
        this.apps = apps;
        this.refresher = refresher;
    }

    /** Starts the refreshes that are due, without waiting for them; returns how many it started. Never throws. */
    public int refreshDue() {
        int started = 0;
        boolean failed = false;
        for (WechatApp app : apps.withAccessToken()) {
            try {
                if (refresher.refreshIfDue(CredentialKey.accessToken(app.appId()))) {
                    started++;
                }
            } catch (RuntimeException unreadable) {
                failed = true;
                if (!failing) {
                    log.log(
                            Level.WARNING,
                            "refresh-ahead cannot read the token of app {0}: {1}",
                            app.appId(),
                            unreadable.getMessage());
                }
            }
        }
        if (failing && !failed) {
            log.log(Level.INFO, "refresh-ahead reads the token store again");
        }
        failing = failed;
        return started;
    }
}
