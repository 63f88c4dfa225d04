package dev.wxgate.adapters.web.internal;

import dev.wxgate.application.audit.CountTokenReads;
import dev.wxgate.application.token.GetAccessToken;
import dev.wxgate.application.token.InvalidTokenReport;
import dev.wxgate.application.token.ReportInvalidAccessToken;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKind;
import java.time.Clock;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adapter: the access-token API other backends of the team call instead of WeChat. Never logs a token; answers are
 * not to be cached by anything in between. Every token handed out is counted for the audit (per client, app and hour).
 */
@RestController
class InternalTokenController {
    private final GetAccessToken getAccessToken;
    private final ReportInvalidAccessToken reportInvalid;
    private final CountTokenReads reads;
    private final Clock clock;

    InternalTokenController(
            GetAccessToken getAccessToken, ReportInvalidAccessToken reportInvalid, CountTokenReads reads, Clock clock) {
        this.getAccessToken = getAccessToken;
        this.reportInvalid = reportInvalid;
        this.reads = reads;
        this.clock = clock;
    }

    /** The token, how many seconds it has left, and when WeChat issued it. */
    record TokenAnswer(String accessToken, long expiresIn, String fetchedAt) {}

    /** A caller's report that WeChat rejected this token. */
    record InvalidTokenBody(String accessToken) {}

    @GetMapping("/internal/v1/apps/{appId}/access-token")
    ResponseEntity<TokenAnswer> current(
            @PathVariable("appId") String appId, @AuthenticationPrincipal InternalClient client) {
        AppId app = allowed(appId, client);
        AccessToken token = getAccessToken.current(app);
        reads.read(client.id(), app, CredentialKind.ACCESS_TOKEN);
        return answer(token);
    }

    @PostMapping("/internal/v1/apps/{appId}/access-token/invalid")
    ResponseEntity<TokenAnswer> invalid(
            @PathVariable("appId") String appId,
            @RequestBody InvalidTokenBody body,
            @AuthenticationPrincipal InternalClient client) {
        AppId app = allowed(appId, client);
        if (body == null || body.accessToken() == null || body.accessToken().isBlank()) {
            throw new IllegalArgumentException("accessToken is required");
        }
        AccessToken token = reportInvalid.reportInvalid(new InvalidTokenReport(app, body.accessToken(), client.id()));
        reads.read(client.id(), app, CredentialKind.ACCESS_TOKEN);
        return answer(token);
    }

    /** The path's app id, parsed, if the client's key covers it. */
    static AppId allowed(String appId, InternalClient client) {
        AppId app;
        try {
            app = AppId.of(appId);
        } catch (IllegalArgumentException malformed) {
            throw new InternalApiErrors.MalformedAppIdException(malformed.getMessage());
        }
        if (!client.mayRead(app)) {
            throw new InternalApiErrors.AppNotAllowedException(client, app);
        }
        return app;
    }

    private ResponseEntity<TokenAnswer> answer(AccessToken token) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(new TokenAnswer(
                        token.value(),
                        token.remainingAt(clock.instant()).toSeconds(),
                        token.fetchedAt().toString()));
    }
}
