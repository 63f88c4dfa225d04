package dev.wxgate.application.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.AuditEvent;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.user.UserQuery;
import dev.wxgate.domain.user.UserRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The operator's session use cases: finding sessions by user, openid or app, and audited revocation. */
class ConsoleSessionUseCasesTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final AppId MINI = AppId.of("wx0000000000000001");
    private static final AppId OTHER = AppId.of("wx0000000000000002");
    private static final UserId USER = new UserId(7);
    private static final PageRequest FIRST = PageRequest.of(0, 20);

    private final SessionRepository sessions = mock(SessionRepository.class);
    private final UserRegistry users = mock(UserRegistry.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Session session(AppId app, String openId) {
        return Session.start(
                SessionId.random(),
                USER,
                new Identity(app, new OpenId(openId), Optional.empty()),
                SessionKey.of("tiihtNczf5v6AKRyjwEUhQ=="),
                NOW,
                new SessionPolicy(Duration.ofMinutes(30), Duration.ofDays(7), 5, Duration.ofSeconds(30)));
    }

    private static User user() {
        return new User(
                USER,
                Optional.empty(),
                Profile.EMPTY,
                NOW,
                List.of(
                        new Identity(MINI, new OpenId("oMini"), Optional.empty()),
                        new Identity(OTHER, new OpenId("oOther"), Optional.empty())));
    }

    @Test
    void withoutCriteriaEveryLiveSessionIsPaged() {
        Page<Session> all = new Page<>(List.of(session(MINI, "oMini")), 1, FIRST);
        when(sessions.findActive(FIRST)).thenReturn(all);

        assertThat(new FindSessions(sessions, users).find(SessionSearch.all(), FIRST))
                .isEqualTo(all);
        verify(users, never()).search(any(), any());
    }

    @Test
    void withAnAppOnlyThatAppsSessionsOfTheMatchingUsersAreShownAndTheUsersArePaged() {
        Session mini = session(MINI, "oMini");
        Session other = session(OTHER, "oOther");
        when(users.search(UserQuery.all().withAppId(MINI), FIRST)).thenReturn(new Page<>(List.of(user()), 41, FIRST));
        when(sessions.findByUser(USER)).thenReturn(List.of(mini, other));

        Page<Session> found = new FindSessions(sessions, users)
                .find(new SessionSearch(Optional.empty(), Optional.of(MINI), Optional.empty()), FIRST);

        assertThat(found.items()).containsExactly(mini);
        assertThat(found.total()).isEqualTo(41);
    }

    @Test
    void anOpenIdMatchesOnlyTheSessionsOpenedThroughIt() {
        Session mini = session(MINI, "oMini");
        Session other = session(OTHER, "oOther");
        when(users.search(UserQuery.all().withOpenId(new OpenId("oOther")), FIRST))
                .thenReturn(new Page<>(List.of(user()), 1, FIRST));
        when(sessions.findByUser(USER)).thenReturn(List.of(mini, other));

        Page<Session> found = new FindSessions(sessions, users)
                .find(new SessionSearch(Optional.empty(), Optional.empty(), Optional.of(new OpenId("oOther"))), FIRST);

        assertThat(found.items()).containsExactly(other);
    }

    @Test
    void revokingASessionIsAuditedWithTheOperatorTheAppAndTheReason() {
        Session mini = session(MINI, "oMini");
        when(sessions.findByUser(USER)).thenReturn(List.of(mini));
        when(sessions.revoke(USER, mini.id())).thenReturn(true);

        boolean revoked = new RevokeSessions(sessions, audit, clock)
                .revoke("admin", USER, mini.id(), Optional.of("stolen phone"));

        assertThat(revoked).isTrue();
        ArgumentCaptor<AuditEvent> event = ArgumentCaptor.forClass(AuditEvent.class);
        verify(audit).record(event.capture());
        assertThat(event.getValue().kind()).isEqualTo(AuditKind.SESSION_REVOKED);
        assertThat(event.getValue().actor()).isEqualTo("admin");
        assertThat(event.getValue().appId()).contains(MINI);
        assertThat(event.getValue().subject()).hasValueSatisfying(subject -> assertThat(subject)
                .contains(mini.id().value()));
        assertThat(event.getValue().reason()).contains("stolen phone");
    }

    @Test
    void aSessionTheUserDoesNotHaveIsNeitherRevokedNorAudited() {
        when(sessions.findByUser(USER)).thenReturn(List.of());

        assertThat(new RevokeSessions(sessions, audit, clock)
                        .revoke("admin", USER, SessionId.random(), Optional.empty()))
                .isFalse();
        verify(sessions, never()).revoke(any(), any());
        verify(audit, never()).record(any());
    }

    @Test
    void revokingAllOfAUsersSessionsIsAuditedWithTheCount() {
        when(sessions.revokeAll(USER)).thenReturn(3);

        assertThat(new RevokeSessions(sessions, audit, clock).revokeAll("admin", USER, Optional.empty()))
                .isEqualTo(3);
        ArgumentCaptor<AuditEvent> event = ArgumentCaptor.forClass(AuditEvent.class);
        verify(audit).record(event.capture());
        assertThat(event.getValue().detail()).contains("3 live session(s) revoked");
    }
}
