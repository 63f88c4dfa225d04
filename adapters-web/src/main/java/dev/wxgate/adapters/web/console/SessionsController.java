package dev.wxgate.adapters.web.console;

import dev.wxgate.application.session.FindSessions;
import dev.wxgate.application.session.RevokeSessions;
import dev.wxgate.application.session.SessionSearch;
import dev.wxgate.domain.Page;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.user.UserId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Adapter: the live mini-program sessions, searchable, and an ADMIN's revocation of one or all of a user's. */
@Controller
class SessionsController {
    private static final Pattern BACK = Pattern.compile("/console(/[A-Za-z0-9/_-]*)?(\\?[A-Za-z0-9_=&%.+-]*)?");
    private final FindSessions find;
    private final RevokeSessions revoke;
    private final WechatApps apps;

    SessionsController(FindSessions find, RevokeSessions revoke, WechatApps apps) {
        this.find = find;
        this.revoke = revoke;
        this.apps = apps;
    }

    @GetMapping("/console/sessions")
    String sessions(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String app,
            @RequestParam(defaultValue = "1") String page,
            Model model,
            HttpServletResponse response) {
        UserLookup lookup = UserLookup.shown(q, app, apps, model, response);
        model.addAttribute(
                "back",
                UriComponentsBuilder.fromPath("/console/sessions")
                        .queryParamIfPresent("q", Optional.of(lookup.text()).filter(text -> !text.isEmpty()))
                        .queryParamIfPresent("app", Optional.of(lookup.app()).filter(text -> !text.isEmpty()))
                        .queryParam("page", Paging.number(page))
                        .encode()
                        .toUriString());
        if (lookup.invalid() || (lookup.unionId().isPresent() && lookup.openId().isEmpty())) {
            return "console/sessions";
        }
        SessionSearch search = new SessionSearch(lookup.userId(), lookup.appId(), lookup.openId());
        Page<Session> result = find.find(search, Paging.page(page));
        model.addAttribute("result", result);
        model.addAttribute("byUser", !search.isAll());
        return "console/sessions";
    }

    @PostMapping("/console/users/{userId}/sessions/{sessionId}/revoke")
    String revokeOne(
            @PathVariable String userId,
            @PathVariable String sessionId,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "/console/sessions") String back,
            Authentication operator,
            RedirectAttributes flash) {
        UserId user = parseUserId(userId);
        SessionId id = parseSessionId(sessionId);
        boolean revoked = revoke.revoke(operator.getName(), user, id, reasonOf(reason));
        flash.addFlashAttribute(
                revoked ? "notice" : "problem", revoked ? "console.revoke.done" : "console.revoke.gone");
        return "redirect:" + safeBack(back);
    }

    @PostMapping("/console/users/{userId}/sessions/revoke-all")
    String revokeAll(
            @PathVariable String userId,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "/console/sessions") String back,
            Authentication operator,
            RedirectAttributes flash) {
        int revoked = revoke.revokeAll(operator.getName(), parseUserId(userId), reasonOf(reason));
        flash.addFlashAttribute("notice", "console.revoke.allDone");
        flash.addFlashAttribute("noticeCount", revoked);
        return "redirect:" + safeBack(back);
    }

    static UserId parseUserId(String value) {
        try {
            return new UserId(Long.parseLong(value));
        } catch (IllegalArgumentException malformed) {
            throw new NotFoundException("user");
        }
    }

    private static SessionId parseSessionId(String value) {
        try {
            return new SessionId(value);
        } catch (IllegalArgumentException malformed) {
            throw new NotFoundException("session");
        }
    }

    private static Optional<String> reasonOf(String reason) {
        String why = reason.strip();
        if (why.length() > AuditEvent.MAX_TEXT) {
            throw new IllegalArgumentException("reason too long");
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(why);
    }

    /** Back to a console page only: a form cannot be made to redirect elsewhere. */
    static String safeBack(String back) {
        return BACK.matcher(back).matches() ? back : "/console/sessions";
    }
}
