package dev.wxgate.application.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.session.AuthenticateForGateway.ForwardedRequest;
import dev.wxgate.application.session.IntrospectSession.Introspection;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Introspection and gateway forward auth: scoping by app, sliding only when asked, and the per-client limit. */
class SessionChecksTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final AppId APP = AppId.of("wx0000000000000001");
    private static final AppId OTHER_APP = AppId.of("wx0000000000000002");
    private static final RateLimit LIMIT = new RateLimit(10, Duration.ofMinutes(1));
    private static final SessionToken TOKEN = SessionToken.random();
    private static final Session SESSION = Session.start(
            SessionId.random(),
            new UserId(7),
            new Identity(APP, new OpenId("oUser"), Optional.empty()),
            SessionKey.of("tiihtNczf5v6AKRyjwEUhQ=="),
            NOW,
            SessionPolicy.DEFAULTS);

    private final SessionRepository sessions = mock(SessionRepository.class);
    private final RateLimiter limiter = mock(RateLimiter.class);
    private final IntrospectSession introspect = new IntrospectSession(sessions, limiter, LIMIT);
    private final AuthenticateForGateway gateway = new AuthenticateForGateway(new AuthenticateSession(sessions));

    private static ClientScope scope(AppId... apps) {
        return new ClientScope("orders", Set.of(apps), false);
    }

    @Test
    void introspectionReadsWithoutSlidingUnlessAskedTo() {
        when(limiter.tryAcquire(any(), any())).thenReturn(Optional.empty());
        when(sessions.findByToken(TOKEN)).thenReturn(Optional.of(SESSION));
        when(sessions.touch(TOKEN)).thenReturn(Optional.of(SESSION));

        assertThat(introspect.introspect(new Introspection(scope(APP), Optional.of(TOKEN), false)))
                .contains(SESSION);
        verify(sessions, never()).touch(any());

        assertThat(introspect.introspect(new Introspection(scope(APP), Optional.of(TOKEN), true)))
                .contains(SESSION);
        verify(sessions).touch(TOKEN);
    }

    @Test
    void aSessionOfAnotherAppIsInactiveForTheClientAndGateway() {
        when(limiter.tryAcquire(any(), any())).thenReturn(Optional.empty());
        when(sessions.findByToken(TOKEN)).thenReturn(Optional.of(SESSION));
        when(sessions.touch(TOKEN)).thenReturn(Optional.of(SESSION));

        assertThat(introspect.introspect(new Introspection(scope(OTHER_APP), Optional.of(TOKEN), false)))
                .isEmpty();
        assertThat(gateway.authenticate(new ForwardedRequest(scope(OTHER_APP), TOKEN)))
                .isEmpty();
        assertThat(gateway.authenticate(new ForwardedRequest(new ClientScope("edge", Set.of(), true), TOKEN)))
                .contains(SESSION);
    }

    @Test
    void aMalformedTokenIsInactiveButCountsAgainstTheClient() {
        when(limiter.tryAcquire(any(), any())).thenReturn(Optional.empty());

        assertThat(introspect.introspect(new Introspection(scope(APP), Optional.empty(), false)))
                .isEmpty();

        verify(limiter).tryAcquire("introspect:client:orders", LIMIT);
        verifyNoInteractions(sessions);
    }

    @Test
    void aClientOverItsLimitIsToldWhenToRetryAndTheStoreIsNotAsked() {
        when(limiter.tryAcquire("introspect:client:orders", LIMIT)).thenReturn(Optional.of(Duration.ofSeconds(12)));

        assertThatThrownBy(() -> introspect.introspect(new Introspection(scope(APP), Optional.of(TOKEN), false)))
                .isInstanceOfSatisfying(RateLimitedException.class, limited -> assertThat(limited.retryAfter())
                        .isEqualTo(Duration.ofSeconds(12)));
        verifyNoInteractions(sessions);
    }

    @Test
    void theGatewaySlidesTheSession() {
        when(sessions.touch(TOKEN)).thenReturn(Optional.of(SESSION));

        assertThat(gateway.authenticate(new ForwardedRequest(scope(APP), TOKEN)))
                .contains(SESSION);

        verify(sessions).touch(TOKEN);
        verify(sessions, never()).findByToken(any());
    }
}
