package dev.wxgate.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inbound adapter: WeChat's web login pages (open.weixin.qq.com's {@code /connect/oauth2/authorize} for official
 * accounts, and {@code /connect/qrconnect} for website apps, standing in for the QR code a user scans) at the
 * configured prefix. {@code GET} shows the request and plain forms (no script) where a tester picks a user and allows
 * or declines; {@code POST} (the forms, or a test directly) answers {@code 302} to the page with {@code code} and
 * {@code state}, or with {@code state} only when declined. A request WeChat would refuse gets WeChat's error page
 * ({@code 10003} for a redirect_uri off the app's domains). Every value shown is HTML-escaped. Deciding is the control
 * API's privilege (it mints a login for any user): {@code POST} answers clients allowed by
 * {@code wxgate.sandbox.control-from} only.
 */
@RestController
class AuthorizePageController {
    private static final String PATH = WechatApiController.PREFIX + Endpoint.Path.WEB_AUTHORIZE;
    private static final String QR_PATH = WechatApiController.PREFIX + Endpoint.Path.WEB_QRCONNECT;

    private final SandboxEngine engine;
    private final ControlAccess access;

    AuthorizePageController(SandboxEngine engine, ControlAccess access) {
        this.engine = engine;
        this.access = access;
    }

    @GetMapping({PATH, QR_PATH})
    ResponseEntity<String> page(
            HttpServletRequest request,
            @RequestParam(name = "appid", required = false) String appid,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(name = "scope", required = false) String scope,
            @RequestParam(name = "state", required = false) String state) {
        WebConsent.Page kind = kind(request);
        WebConsent.Authorize authorize = engine.webAuthorize(kind, appid, redirectUri, scope, state);
        return switch (authorize) {
            case null -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
            case WebConsent.Authorize.Refused refused -> errorPage(refused.code(), refused.message());
            // The forms post to the path alone: the query's parameters would come along twice otherwise.
            case WebConsent.Authorize.Valid valid ->
                html(HttpStatus.OK, consentPage(kind, valid, request.getRequestURI()));
        };
    }

    @PostMapping({PATH, QR_PATH})
    ResponseEntity<String> decide(
            HttpServletRequest request,
            @RequestParam(name = "appid", required = false) String appid,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(name = "scope", required = false) String scope,
            @RequestParam(name = "state", required = false) String state,
            @RequestParam(name = "openid", required = false) String openid,
            @RequestParam(name = "decision", required = false) String decision,
            @RequestParam(name = "nickname", required = false) String nickname) {
        boolean forwarded = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
        if (!access.allows(request.getRemoteAddr(), forwarded)) {
            throw ControlAccess.refusal();
        }
        if (!"allow".equals(decision) && !"deny".equals(decision)) {
            throw SandboxInputException.invalid("decision must be allow or deny");
        }
        WebConsent.Decision decided = engine.webDecide(
                kind(request), appid, redirectUri, scope, state, openid, "allow".equals(decision), nickname);
        return switch (decided) {
            case WebConsent.Decision.Refused refused -> errorPage(refused.code(), refused.message());
            case WebConsent.Decision.Redirect redirect ->
                ResponseEntity.status(HttpStatus.FOUND)
                        .location(redirect.location())
                        .cacheControl(CacheControl.noStore())
                        .build();
        };
    }

    @ExceptionHandler(SandboxInputException.class)
    ResponseEntity<String> refused(SandboxInputException refused) {
        HttpStatus status =
                refused.kind() == SandboxInputException.Kind.FORBIDDEN ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
        return html(status, page("Refused", "<p class=\"error\">" + escape(refused.getMessage()) + "</p>"));
    }

    /** Which page the request is for, by its path (the prefix differs between embedded and standalone). */
    private static WebConsent.Page kind(HttpServletRequest request) {
        return request.getRequestURI().endsWith(Endpoint.Path.WEB_QRCONNECT)
                ? WebConsent.Page.QRCONNECT
                : WebConsent.Page.AUTHORIZE;
    }

    private static String consentPage(WebConsent.Page kind, WebConsent.Authorize.Valid valid, String action) {
        StringBuilder body = new StringBuilder();
        if (kind == WebConsent.Page.QRCONNECT) {
            // Where WeChat shows a QR code for the phone to scan; here the tester plays the phone.
            body.append("<p id=\"qrcode\">[QR code] Scan with WeChat: pick the user who scans and confirms.</p>");
        }
        body.append("<p>App <code>")
                .append(escape(valid.app().appId()))
                .append("</code> asks for <code>")
                .append(escape(valid.scope()))
                .append("</code>, then sends the browser to</p><p><code>")
                .append(escape(valid.redirectUri().toString()))
                .append("</code></p>");
        Set<String> users = valid.users();
        for (String user : users) {
            body.append(form(valid, action, "allow", user, "Allow as " + user, false));
        }
        body.append(form(valid, action, "allow", "", "Allow", true));
        body.append(form(valid, action, "deny", "", "Deny", false));
        return page(
                kind == WebConsent.Page.QRCONNECT ? "WeChat sandbox: QR login" : "WeChat sandbox: web login",
                body.toString());
    }

    /** One plain form posting the request back with a decision; {@code ask} adds fields for any openid and nickname. */
    private static String form(
            WebConsent.Authorize.Valid valid,
            String action,
            String decision,
            String openid,
            String label,
            boolean ask) {
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"" + escape(action) + "\">");
        hidden(form, "appid", valid.app().appId());
        hidden(form, "redirect_uri", valid.redirectUri().toString());
        hidden(form, "scope", valid.scope());
        hidden(form, "state", valid.state());
        hidden(form, "decision", decision);
        if (ask) {
            form.append("<label>openid <input name=\"openid\" required pattern=\"[A-Za-z0-9_-]{1,64}\"></label> ")
                    .append("<label>nickname <input name=\"nickname\" maxlength=\"64\"></label> ");
        } else if (!openid.isEmpty()) {
            hidden(form, "openid", openid);
        }
        return form.append("<button type=\"submit\" name=\"submit\" value=\"")
                .append(escape(decision))
                .append("\">")
                .append(escape(label))
                .append("</button></form>")
                .toString();
    }

    private static void hidden(StringBuilder form, String name, String value) {
        form.append("<input type=\"hidden\" name=\"")
                .append(escape(name))
                .append("\" value=\"")
                .append(escape(value))
                .append("\">");
    }

    /** WeChat's own error page says "code: message" and nothing else. */
    private static ResponseEntity<String> errorPage(int code, String message) {
        return html(
                HttpStatus.OK,
                page(
                        "WeChat sandbox: error",
                        "<p class=\"error\" id=\"errcode\">" + code + "</p><p>" + escape(message) + "</p>"));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static ResponseEntity<String> html(HttpStatus status, String html) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; form-action *")
                .header("X-Frame-Options", "DENY")
                .body(html);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
