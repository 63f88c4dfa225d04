package dev.wxgate.adapters.web.api;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.adapters.web.api.ApiViews.SessionKeyReset;
import dev.wxgate.adapters.web.api.ApiViews.SessionView;
import dev.wxgate.adapters.web.api.ApiViews.TokenResponse;
import dev.wxgate.adapters.web.api.ApiViews.Validity;
import dev.wxgate.application.session.ListMySessions;
import dev.wxgate.application.session.LogOut;
import dev.wxgate.application.session.RefreshSession;
import dev.wxgate.application.session.RevokeMySession;
import dev.wxgate.application.user.CheckSessionKey;
import dev.wxgate.application.user.ResetSessionKey;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adapter: the caller's sessions: refresh the token, log out, list and revoke their own sessions, check and reset the
 * session_key at WeChat.
 */
@RestController
class SessionController {
    private final RefreshSession refresh;
    private final LogOut logOut;
    private final ListMySessions listMine;
    private final RevokeMySession revokeMine;
    private final CheckSessionKey checkSessionKey;
    private final ResetSessionKey resetSessionKey;
    private final Clock clock;

    SessionController(
            RefreshSession refresh,
            LogOut logOut,
            ListMySessions listMine,
            RevokeMySession revokeMine,
            CheckSessionKey checkSessionKey,
            ResetSessionKey resetSessionKey,
            Clock clock) {
        this.refresh = refresh;
        this.logOut = logOut;
        this.listMine = listMine;
        this.revokeMine = revokeMine;
        this.checkSessionKey = checkSessionKey;
        this.resetSessionKey = resetSessionKey;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/session/refresh", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> refresh() {
        SessionAuthentication caller =
                (SessionAuthentication) SecurityContextHolder.getContext().getAuthentication();
        return refresh.refresh(caller.token())
                .<ResponseEntity<?>>map(refreshed -> ResponseEntity.ok(
                        new TokenResponse(refreshed.token().value(), ApiViews.secondsLeft(refreshed.session(), clock))))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                        .body(new ErrorBody("invalid_session", "the session ended")));
    }

    @PostMapping("/api/v1/logout")
    ResponseEntity<Void> logOut(@AuthenticationPrincipal Session session) {
        logOut.logOut(new LogOut.Command(session));
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/api/v1/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SessionView> mine(@AuthenticationPrincipal Session session) {
        return listMine.list(new ListMySessions.Command(session.userId())).stream()
                .map(each -> SessionView.of(each, session))
                .toList();
    }

    @DeleteMapping("/api/v1/sessions/{id}")
    ResponseEntity<?> revoke(@AuthenticationPrincipal Session session, @PathVariable String id) {
        if (revokeMine.revoke(new RevokeMySession.Command(session.userId(), new SessionId(id)))) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(new ErrorBody("unknown_session", "you have no session with that id"));
    }

    @GetMapping(path = "/api/v1/session/wechat", produces = MediaType.APPLICATION_JSON_VALUE)
    Validity wechatSession(@AuthenticationPrincipal Session session) {
        return new Validity(checkSessionKey.check(new CheckSessionKey.Command(session)));
    }

    /** A new session_key from WeChat for every live session of the caller in this app; the key is not in the answer. */
    @PostMapping(path = "/api/v1/session/wechat/reset", produces = MediaType.APPLICATION_JSON_VALUE)
    SessionKeyReset resetWechatSession(@AuthenticationPrincipal Session session) {
        return new SessionKeyReset(
                true,
                resetSessionKey.reset(new ResetSessionKey.Command(session)).sessionsUpdated());
    }
}
