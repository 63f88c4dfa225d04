package dev.wxgate.application.token;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.StoredToken;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;

/**
 * Use case: refreshes, ahead of expiry, the tokens that are due. Meant to run every second or so on every node; the
 * cluster lock and the double check make one node refresh and the others find the new token. Only apps that already
 * have a token are kept warm: an app nobody asked for is fetched on first use.
 */
public final class RefreshAheadOfExpiry {
    private static final System.Logger log = System.getLogger(RefreshAheadOfExpiry.class.getName());

    private final TokenRefresher refresher;
    private volatile boolean failing;

    RefreshAheadOfExpiry(TokenRefresher refresher) {
        this.refresher = refresher;
    }

    /** Starts the refreshes that are due, without waiting for them; returns how many it started. Never throws. */
    public int refreshDue() {
        int started = 0;
        boolean failed = false;
        for (WechatApp app : refresher.apps().all()) {
            try {
                Instant now = refresher.now();
                Optional<StoredToken> known = refresher.store().read(app.appId());
                if (known.isPresent()
                        && refresher.due(known.get(), now)
                        && refresher.refreshInBackground(app, TokenRefresher.Demand.ahead())) {
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
