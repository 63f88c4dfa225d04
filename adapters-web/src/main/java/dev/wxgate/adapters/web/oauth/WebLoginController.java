package dev.wxgate.adapters.web.oauth;

import dev.wxgate.application.oauth.CompleteWebLogin;
import dev.wxgate.application.oauth.StartWebLogin;
import dev.wxgate.application.oauth.WebLoginSettings;
import dev.wxgate.domain.app.AppId;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Adapter: the browser's side of the web login of an official account or a website app (QR login). {@code GET /oauth/{appId}/authorize} sends the
 * browser to WeChat with a fresh {@code state} and sets the binder cookie that ties the state to this browser;
 * {@code GET /oauth/{appId}/callback} is where WeChat sends it back, and answers with a redirect to the page (carrying
 * a one-time handoff code, never a session token). Failures are HTML pages ({@link WebLoginErrors}).
 *
 * <p>The binder cookie is {@value #BINDER_COOKIE}: HttpOnly, SameSite=Lax (so it comes along on WeChat's top-level
 * redirect back), scoped to {@code /oauth/}, Secure when the request came over https, and living as long as a state.
 */
@Controller
class WebLoginController {
    static final String BINDER_COOKIE = "wxgate_weblogin";

    private final StartWebLogin start;
    private final CompleteWebLogin complete;
    private final WebLoginSettings settings;
    private final WebLoginLinks links;

    WebLoginController(StartWebLogin start, CompleteWebLogin complete, WebLoginSettings settings, WebLoginLinks links) {
        this.start = start;
        this.complete = complete;
        this.settings = settings;
        this.links = links;
    }

    @GetMapping("/oauth/{appId}/authorize")
    ResponseEntity<Void> authorize(
            @PathVariable String appId,
            @RequestParam(name = "scope", required = false) String scope,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            HttpServletRequest request) {
        AppId app = AppId.of(appId);
        StartWebLogin.Authorization authorization = start.start(new StartWebLogin.Command(
                app, scope, redirectUri, links.callbackUrl(request, app), binder(request), request.getRemoteAddr()));
        ResponseCookie cookie = ResponseCookie.from(BINDER_COOKIE, authorization.binder())
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path(request.getContextPath() + "/oauth/")
                .maxAge(settings.stateLifetime())
                .build();
        return redirect(authorization.wechatUrl())
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .build();
    }

    @GetMapping("/oauth/{appId}/callback")
    ResponseEntity<Void> callback(
            @PathVariable String appId,
            @RequestParam(name = "state", required = false) String state,
            @RequestParam(name = "code", required = false) String code,
            HttpServletRequest request) {
        URI page = complete.complete(new CompleteWebLogin.Command(
                AppId.of(appId),
                state,
                binder(request),
                Optional.ofNullable(code).filter(c -> !c.isEmpty())));
        return redirect(page).build();
    }

    private static ResponseEntity.BodyBuilder redirect(URI location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(location)
                .cacheControl(CacheControl.noStore())
                // The URLs carry a state or a handoff code: no page should learn them from a Referer.
                .header("Referrer-Policy", "no-referrer");
    }

    private static Optional<String> binder(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies)
                .filter(cookie -> BINDER_COOKIE.equals(cookie.getName()))
                .map(Cookie::getValue)
                .findFirst();
    }
}
