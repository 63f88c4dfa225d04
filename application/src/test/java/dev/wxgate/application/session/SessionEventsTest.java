package dev.wxgate.application.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.wxgate.application.session.IntrospectSession.Introspection;
import dev.wxgate.application.session.SessionEvents.Revocation;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the session use cases tell their {@link SessionEvents}: each session ended once, by app and why. */
class SessionEventsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final AppId APP = AppId.of("wx0000000000000001");
    private static final AppId OTHER_APP = AppId.of("wx0000000000000002");
    private static final UserId USER = new UserId(7);

    private final SessionRepository sessions = mock(SessionRepository.class);
    private final List<String> events = new ArrayList<>();
    private final SessionEvents recording = new SessionEvents() {
        @Override
        public void revoked(AppId app, Revocation reason, int count) {
            events.add(app.value() + " " + reason + " " + count);
        }

        @Override
        public void introspected(String clientId, boolean active) {
            events.add(clientId + " active=" + active);
        }
    };

    private static Session session(AppId app) {
        return Session.start(
                SessionId.random(),
                USER,
                new Identity(app, new OpenId("oUser"), Optional.empty()),
                Optional.empty(),
                NOW,
                SessionPolicy.DEFAULTS);
    }

    @Test
    void logOutReportsOnlyASessionItEnded() {
        Session session = session(APP);
        LogOut logOut = new LogOut(sessions, recording);
        when(sessions.revoke(USER, session.id())).thenReturn(true, false);

        logOut.logOut(new LogOut.Command(session));
        logOut.logOut(new LogOut.Command(session));

        assertThat(events).containsExactly(APP.value() + " LOGOUT 1");
    }

    @Test
    void anOperatorRevokingAllOfAUsersSessionsIsCountedPerApp() {
        when(sessions.findByUser(USER)).thenReturn(List.of(session(APP), session(OTHER_APP), session(APP)));
        when(sessions.revokeAll(USER)).thenReturn(3);
        RevokeSessions revoke =
                new RevokeSessions(sessions, mock(AuditLog.class), Clock.fixed(NOW, ZoneOffset.UTC), recording);

        assertThat(revoke.revokeAll("admin", USER, Optional.empty())).isEqualTo(3);

        assertThat(events).containsExactlyInAnyOrder(APP.value() + " ADMIN 2", OTHER_APP.value() + " ADMIN 1");
    }

    @Test
    void aUserEndingASessionTheyDoNotHaveReportsNothing() {
        Session mine = session(APP);
        when(sessions.findByUser(USER)).thenReturn(List.of(mine));
        when(sessions.revoke(USER, mine.id())).thenReturn(true);
        RevokeMySession revoke = new RevokeMySession(sessions, recording);

        assertThat(revoke.revoke(new RevokeMySession.Command(USER, SessionId.random())))
                .isFalse();
        assertThat(revoke.revoke(new RevokeMySession.Command(USER, mine.id()))).isTrue();

        assertThat(events).containsExactly(APP.value() + " USER 1");
    }

    @Test
    void introspectionsReportTheClientAndWhetherTheSessionIsVisible() {
        RateLimiter limiter = mock(RateLimiter.class);
        when(limiter.tryAcquire(any(), any())).thenReturn(Optional.empty());
        SessionToken live = SessionToken.random();
        when(sessions.findByToken(live)).thenReturn(Optional.of(session(OTHER_APP)));
        IntrospectSession introspect =
                new IntrospectSession(sessions, limiter, new RateLimit(10, Duration.ofMinutes(1)), recording);
        ClientScope orders = new ClientScope("orders", Set.of(APP), false);
        ClientScope edge = new ClientScope("edge", Set.of(), true);

        introspect.introspect(new Introspection(edge, Optional.of(live), false));
        introspect.introspect(new Introspection(orders, Optional.of(live), false));
        introspect.introspect(new Introspection(orders, Optional.empty(), false));

        assertThat(events).containsExactly("edge active=true", "orders active=false", "orders active=false");
    }
}
