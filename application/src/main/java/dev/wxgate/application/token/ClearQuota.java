package dev.wxgate.application.token;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditOutcome;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.ApiQuotaReset;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.QuotaClears;
import dev.wxgate.domain.token.WechatDay;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;

/**
 * Use case: an operator has WeChat clear an app's daily API quotas ({@code clear_quota}), e.g. after a runaway client
 * used up {@code /cgi-bin/token}'s 2000 calls. WeChat allows 10 clears a month; wxgate counts the ones it makes
 * (cluster-wide, per WeChat month) but always asks WeChat, which also counts clears made in its admin pages and is the
 * one to refuse (48006). After a clear, wxgate's own count of the app's calls today starts from zero and this node's
 * pause after the quota failure ends, so the next token request goes to WeChat at once. Every attempt is audited.
 */
public final class ClearQuota {
    private static final System.Logger log = System.getLogger(ClearQuota.class.getName());
    /** WeChat's errcode when this month's clears are used up. */
    public static final int MONTHLY_LIMIT_REACHED = 48006;

    private final WechatApps apps;
    private final WithAccessToken withAccessToken;
    private final ApiQuotaReset reset;
    private final QuotaClears clears;
    private final CredentialRefresher<AccessToken> refresher;
    private final AuditLog audit;

    ClearQuota(
            WechatApps apps,
            WithAccessToken withAccessToken,
            ApiQuotaReset reset,
            QuotaClears clears,
            CredentialRefresher<AccessToken> refresher,
            AuditLog audit) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.withAccessToken = Objects.requireNonNull(withAccessToken, "withAccessToken");
        this.reset = Objects.requireNonNull(reset, "reset");
        this.clears = Objects.requireNonNull(clears, "clears");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * @throws NoAccessTokenException when the app is a website app, which has no access_token to clear with
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve the app
     * @throws StoreUnavailableException when the store cannot be reached before WeChat is asked
     */
    public QuotaClearResult clear(ClearQuotaRequest request) {
        WechatApp app = NoAccessTokenException.require(apps, request.appId());
        int before = clearsThisMonth(app.appId());
        try {
            withAccessToken.call(app.appId(), token -> {
                reset.clearQuota(app, token);
                return null;
            });
        } catch (WechatException refused) {
            return refused(request, refused, before);
        } catch (TokenUnavailableException noToken) {
            String why = "no valid access_token to call clear_quota with: " + noToken.getMessage();
            audit(request, AuditOutcome.FAILED, why);
            return new QuotaClearResult.Failed(why, before);
        }
        Instant now = refresher.now();
        int after;
        try {
            after = clears.recordClear(app.appId(), WechatDay.month(now), WechatDay.of(now));
        } catch (StoreUnavailableException down) {
            // WeChat cleared; only wxgate's count of it is lost, which the operator is told.
            after = before + 1;
            log.log(
                    Level.ERROR,
                    "app {0}: WeChat cleared the quota, but the clear was not counted: {1}",
                    app.appId(),
                    down.getMessage());
        }
        refresher.forgetFailure(CredentialKey.accessToken(app.appId()));
        audit(
                request,
                AuditOutcome.SUCCESS,
                "WeChat cleared the quotas; clear " + after + " of " + QuotaClears.WECHAT_LIMIT + " this month");
        return new QuotaClearResult.Cleared(after);
    }

    /**
     * wxgate's count of the app's clears this WeChat month (clears made in WeChat's admin pages are not in it).
     *
     * @throws StoreUnavailableException when the store cannot be reached
     */
    public int clearsThisMonth(AppId appId) {
        return clears.clears(appId, WechatDay.month(refresher.now()));
    }

    private QuotaClearResult refused(ClearQuotaRequest request, WechatException refused, int before) {
        String errcode =
                refused.errcode().isPresent() ? " (errcode " + refused.errcode().getAsInt() + ")" : "";
        boolean monthUsed = refused.errcode().isPresent() && refused.errcode().getAsInt() == MONTHLY_LIMIT_REACHED;
        if (!monthUsed
                && (refused.failure() == WechatFailure.UPSTREAM_BUSY
                        || refused.failure() == WechatFailure.UPSTREAM_UNAVAILABLE)) {
            String why = "WeChat could not be asked" + errcode + ": " + refused.getMessage();
            audit(request, AuditOutcome.FAILED, why);
            return new QuotaClearResult.Failed(why, before);
        }
        String why = monthUsed
                ? "WeChat refused" + errcode + ": this month's " + QuotaClears.WECHAT_LIMIT
                        + " clears of the app are used up (wxgate made " + before + " of them)"
                : "WeChat refused the clear" + errcode + ": " + refused.getMessage();
        audit(request, AuditOutcome.REFUSED, why);
        return new QuotaClearResult.Refused(refused.errcode(), why, before);
    }

    private void audit(ClearQuotaRequest request, AuditOutcome outcome, String detail) {
        try {
            audit.record(
                    AuditEvent.quotaCleared(refresher.now(), request.actor(), request.appId(), outcome, clip(detail)));
        } catch (RuntimeException notRecorded) {
            log.log(
                    Level.ERROR,
                    "app {0}: a quota clear ({1}) could not be written to the audit log: {2}",
                    request.appId(),
                    outcome.code(),
                    notRecorded.getMessage());
        }
    }

    private static String clip(String text) {
        return text.length() <= AuditEvent.MAX_TEXT ? text : text.substring(0, AuditEvent.MAX_TEXT - 1) + "…";
    }
}
