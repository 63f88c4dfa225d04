package dev.wxgate.adapters.web.internal;

import dev.wxgate.application.session.IntrospectSession;
import dev.wxgate.application.session.IntrospectSession.Introspection;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionToken;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adapter: RFC 7662 token introspection of session tokens, for the team's backends (Spring Security's opaque-token
 * resource server speaks it as is). Any token that opens no session this client may see answers exactly
 * {@code {"active": false}}, so the answer never tells a dead token from one of another app.
 */
@RestController
class SessionIntrospectionController {
    static final String PATH = "/internal/v1/sessions/introspect";
    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final IntrospectSession introspect;

    SessionIntrospectionController(IntrospectSession introspect) {
        this.introspect = introspect;
    }

    /** The form's {@code token} is missing (RFC 7662 §2.1 requires it). */
    static final class MissingTokenException extends RuntimeException {
        MissingTokenException(String message) {
            super(message);
        }
    }

    /** The body is not a form; RFC 7662 §2.1 asks for one. */
    static final class NotAFormException extends RuntimeException {
        NotAFormException() {
            super("send the token as a form: Content-Type application/x-www-form-urlencoded, body token=<token>");
        }
    }

    // No "consumes": a JSON body gets this API's own 415 message, not the application-wide one.
    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> introspect(
            @RequestParam(name = "token", required = false) String token,
            @RequestParam(name = "touch", defaultValue = "false") boolean touch,
            @AuthenticationPrincipal InternalClient client,
            HttpServletRequest request) {
        if (!isForm(request.getContentType())) {
            throw new NotAFormException();
        }
        if (request.getQueryString() != null && request.getQueryString().contains("token=")) {
            // A token in the URL ends up in access logs on the way; refuse it rather than answer it.
            throw new MissingTokenException("the token goes in the form body, never in the URL");
        }
        if (token == null || token.isBlank()) {
            throw new MissingTokenException("the form parameter token is required");
        }
        Optional<Session> session = introspect.introspect(new Introspection(client.scope(), parsed(token), touch));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(session.map(SessionIntrospectionController::active).orElse(INACTIVE));
    }

    private static boolean isForm(String contentType) {
        try {
            return contentType != null
                    && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }

    private static Optional<SessionToken> parsed(String token) {
        try {
            return Optional.of(new SessionToken(token.trim()));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> active(Session session) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("active", true);
        claims.put("sub", session.userId().toString());
        claims.put("exp", session.expiresAt().getEpochSecond());
        claims.put("iat", session.createdAt().getEpochSecond());
        claims.put("sid", session.id().value());
        claims.put("app_id", session.identity().appId().value());
        claims.put("openid", session.identity().openId().value());
        session.identity().unionId().ifPresent(unionId -> claims.put("unionid", unionId.value()));
        return claims;
    }
}
