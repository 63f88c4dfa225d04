package dev.wxgate.adapters.web.console;

import dev.wxgate.application.token.ClearQuota;
import dev.wxgate.application.token.ClearQuotaRequest;
import dev.wxgate.application.token.ForceRefreshAccessToken;
import dev.wxgate.application.token.ForcedRefreshRequest;
import dev.wxgate.application.token.ForcedRefreshResult;
import dev.wxgate.application.token.QuotaClearResult;
import dev.wxgate.application.token.TicketStatus;
import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.application.token.ViewTicketStatus;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.token.QuotaClears;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Adapter: the dashboard, one card per app with its token's state (and an official account's JS-SDK tickets), and the
 * forced refresh and quota clear an ADMIN may ask for.
 */
@Controller
class DashboardController {
    private final WechatApps apps;
    private final ViewTokenStatus status;
    private final ViewTicketStatus tickets;
    private final ForceRefreshAccessToken forceRefresh;
    private final ClearQuota clearQuota;

    DashboardController(
            WechatApps apps,
            ViewTokenStatus status,
            ViewTicketStatus tickets,
            ForceRefreshAccessToken forceRefresh,
            ClearQuota clearQuota) {
        this.apps = apps;
        this.status = status;
        this.tickets = tickets;
        this.forceRefresh = forceRefresh;
        this.clearQuota = clearQuota;
    }

    /**
     * One app's card: how it is configured, what its token looks like now (null for a website app, which has none),
     * (official accounts) its tickets, and the quota clears wxgate made this month (null for a website app).
     */
    record AppCard(WechatApp app, TokenStatus token, List<TicketStatus> tickets, Integer quotaClears) {
        /** WeChat's monthly limit of quota clears, for the page. */
        public int quotaClearLimit() {
            return QuotaClears.WECHAT_LIMIT;
        }
    }

    @GetMapping({"/console", "/console/"})
    String dashboard(Model model) {
        Map<AppId, List<TicketStatus>> ticketsByApp =
                tickets.all().stream().collect(Collectors.groupingBy(TicketStatus::appId));
        List<AppCard> cards = apps.all().stream()
                .map(app -> new AppCard(
                        app,
                        app.type().hasAccessToken() ? status.of(app.appId()) : null,
                        ticketsByApp.getOrDefault(app.appId(), List.of()),
                        app.type().hasAccessToken() ? clearQuota.clearsThisMonth(app.appId()) : null))
                .toList();
        model.addAttribute("cards", cards);
        return "console/dashboard";
    }

    @PostMapping("/console/apps/{appId}/refresh")
    String refresh(
            @PathVariable String appId,
            @RequestParam(defaultValue = "") String reason,
            Authentication operator,
            RedirectAttributes flash) {
        AppId app = apps.find(parseAppId(appId))
                .filter(served -> served.type().hasAccessToken())
                .map(WechatApp::appId)
                .orElseThrow(() -> new NotFoundException("app"));
        String why = reason.strip();
        if (why.isEmpty() || why.length() > AuditEvent.MAX_TEXT) {
            flash.addFlashAttribute("problem", "console.refresh.reasonRequired");
            flash.addFlashAttribute("problemApp", app.value());
            return "redirect:/console#" + app.value();
        }
        ForcedRefreshResult outcome = forceRefresh.forceRefresh(new ForcedRefreshRequest(app, operator.getName(), why));
        switch (outcome) {
            case ForcedRefreshResult.Refreshed refreshed -> flash.addFlashAttribute("notice", "console.refresh.done");
            case ForcedRefreshResult.Refused refused -> {
                flash.addFlashAttribute("problem", "console.refresh.refused");
                flash.addFlashAttribute("problemDetail", refused.why());
            }
            case ForcedRefreshResult.Failed failed -> {
                flash.addFlashAttribute("problem", "console.refresh.failed");
                flash.addFlashAttribute("problemDetail", failed.why());
            }
        }
        flash.addFlashAttribute("noticeApp", app.value());
        return "redirect:/console#" + app.value();
    }

    /** WeChat's clear_quota for the app: its token calls start again from zero, 10 times a month. Audited. */
    @PostMapping("/console/apps/{appId}/clear-quota")
    String clearQuota(@PathVariable String appId, Authentication operator, RedirectAttributes flash) {
        AppId app = apps.find(parseAppId(appId))
                .filter(served -> served.type().hasAccessToken())
                .map(WechatApp::appId)
                .orElseThrow(() -> new NotFoundException("app"));
        QuotaClearResult outcome = clearQuota.clear(new ClearQuotaRequest(app, operator.getName()));
        switch (outcome) {
            case QuotaClearResult.Cleared cleared -> {
                flash.addFlashAttribute("notice", "console.clearQuota.done");
                flash.addFlashAttribute("noticeCount", cleared.clearsThisMonth());
            }
            case QuotaClearResult.Refused refused -> {
                flash.addFlashAttribute("problem", "console.clearQuota.refused");
                flash.addFlashAttribute("problemDetail", refused.why());
            }
            case QuotaClearResult.Failed failed -> {
                flash.addFlashAttribute("problem", "console.clearQuota.failed");
                flash.addFlashAttribute("problemDetail", failed.why());
            }
        }
        flash.addFlashAttribute("noticeApp", app.value());
        flash.addFlashAttribute("problemApp", app.value());
        return "redirect:/console#" + app.value();
    }

    /** A path segment that is not an app id at all is as unknown as an app wxgate does not serve. */
    static AppId parseAppId(String value) {
        try {
            return new AppId(value);
        } catch (IllegalArgumentException malformed) {
            throw new NotFoundException("app");
        }
    }
}
