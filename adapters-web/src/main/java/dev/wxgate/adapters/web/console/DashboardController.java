package dev.wxgate.adapters.web.console;

import dev.wxgate.application.token.ForceRefreshAccessToken;
import dev.wxgate.application.token.ForcedRefreshRequest;
import dev.wxgate.application.token.ForcedRefreshResult;
import dev.wxgate.application.token.TicketStatus;
import dev.wxgate.application.token.TokenStatus;
import dev.wxgate.application.token.ViewTicketStatus;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditEvent;
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
 * forced refresh an ADMIN may ask for.
 */
@Controller
class DashboardController {
    private final WechatApps apps;
    private final ViewTokenStatus status;
    private final ViewTicketStatus tickets;
    private final ForceRefreshAccessToken forceRefresh;

    DashboardController(
            WechatApps apps, ViewTokenStatus status, ViewTicketStatus tickets, ForceRefreshAccessToken forceRefresh) {
        this.apps = apps;
        this.status = status;
        this.tickets = tickets;
        this.forceRefresh = forceRefresh;
    }

    /**
     * One app's card: how it is configured, what its token looks like now (null for a website app, which has none),
     * and (official accounts) its tickets.
     */
    record AppCard(WechatApp app, TokenStatus token, List<TicketStatus> tickets) {}

    @GetMapping({"/console", "/console/"})
    String dashboard(Model model) {
        Map<AppId, List<TicketStatus>> ticketsByApp =
                tickets.all().stream().collect(Collectors.groupingBy(TicketStatus::appId));
        List<AppCard> cards = apps.all().stream()
                .map(app -> new AppCard(
                        app,
                        app.type().hasAccessToken() ? status.of(app.appId()) : null,
                        ticketsByApp.getOrDefault(app.appId(), List.of())))
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

    /** A path segment that is not an app id at all is as unknown as an app wxgate does not serve. */
    static AppId parseAppId(String value) {
        try {
            return new AppId(value);
        } catch (IllegalArgumentException malformed) {
            throw new NotFoundException("app");
        }
    }
}
