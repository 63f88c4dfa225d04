package dev.wxgate.adapters.web.internal;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.application.session.AuthenticateForGateway;
import dev.wxgate.application.session.AuthenticateForGateway.ForwardedRequest;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionToken;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adapter: forward authentication for gateways in front of the team's services (nginx {@code auth_request}, Traefik
 * ForwardAuth, Envoy HTTP ext_authz). The gateway passes the user's {@code Authorization} on and authenticates itself
 * with {@code X-Wxgate-Client-Key}; a live session answers 200 with the {@code X-Wxgate-*} identity headers, anything
 * else 401. Any method is accepted (nginx and Envoy forward the original one), and Envoy's path prefix too.
 */
@RestController
class ForwardAuthController {
    static final String PATH = "/internal/v1/forward-auth";
    private static final Pattern BEARER = Pattern.compile("(?i:Bearer) +([A-Za-z0-9_-]{43})");

    private final AuthenticateForGateway authenticate;

    ForwardAuthController(AuthenticateForGateway authenticate) {
        this.authenticate = authenticate;
    }

    @RequestMapping(path = {PATH, PATH + "/**"})
    ResponseEntity<?> check(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @AuthenticationPrincipal InternalClient gateway) {
        if (authorization == null || authorization.isBlank()) {
            // RFC 6750 §3.1: no error code when the request carried no credentials at all.
            return refused("Bearer realm=\"wxgate\"", "a session is required (Authorization: Bearer <token>)");
        }
        Matcher bearer = BEARER.matcher(authorization.trim());
        Optional<Session> session = bearer.matches()
                ? authenticate.authenticate(new ForwardedRequest(gateway.scope(), new SessionToken(bearer.group(1))))
                : Optional.empty();
        if (session.isEmpty()) {
            return refused(
                    "Bearer realm=\"wxgate\", error=\"invalid_token\"",
                    "the session is unknown, expired or ended; log in again");
        }
        Session live = session.get();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("X-Wxgate-User-Id", live.userId().toString())
                .header("X-Wxgate-Openid", live.identity().openId().value())
                .header("X-Wxgate-App-Id", live.identity().appId().value())
                .header("X-Wxgate-Session-Id", live.id().value());
        live.identity().unionId().ifPresent(unionId -> answer.header("X-Wxgate-Unionid", unionId.value()));
        return answer.build();
    }

    private static ResponseEntity<ErrorBody> refused(String challenge, String message) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .cacheControl(CacheControl.noStore())
                .body(new ErrorBody("invalid_session", message));
    }
}
