package dev.wxgate.adapters.web.api;

import dev.wxgate.application.jwt.IssueSessionJwt;
import dev.wxgate.domain.session.Session;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Adapter: a short-lived signed JWT for the caller's session, for services that verify it against the JWKS. */
@RestController
class SessionJwtController {
    private final IssueSessionJwt issue;

    SessionJwtController(IssueSessionJwt issue) {
        this.issue = issue;
    }

    /** @param expiresIn seconds until the JWT's {@code exp} */
    record JwtResponse(String jwt, long expiresIn) {}

    @PostMapping(path = "/api/v1/session/jwt", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JwtResponse> jwt(@AuthenticationPrincipal Session session) {
        IssueSessionJwt.IssuedJwt issued = issue.issue(new IssueSessionJwt.Command(session));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new JwtResponse(issued.jwt(), issued.expiresIn().toSeconds()));
    }
}
