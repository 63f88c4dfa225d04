package dev.wxgate.application.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.session.SessionTokens;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.user.UserRegistry;
import dev.wxgate.domain.wechat.CodeSession;
import dev.wxgate.domain.wechat.LoginCode;
import dev.wxgate.domain.wechat.WechatLogin;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class LogInWithCodeTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final WechatApp MINI = app("wx0000000000000001", AppType.MINI_PROGRAM);
    private static final WechatApp OTHER_MINI = app("wx0000000000000002", AppType.MINI_PROGRAM);
    private static final WechatApp ACCOUNT = app("wx0000000000000003", AppType.OFFICIAL_ACCOUNT);
    private static final SessionKey KEY = SessionKey.of("tiihtNczf5v6AKRyjwEUhQ==");

    private final WechatLogin wechat = mock(WechatLogin.class);
    private final UserRegistry users = mock(UserRegistry.class);
    private final SessionRepository sessions = mock(SessionRepository.class);
    private final RateLimiter limiter = mock(RateLimiter.class);

    private LogInWithCode logIn(WechatApp... apps) {
        return new LogInWithCode(
                new WechatApps(List.of(apps)),
                wechat,
                users,
                sessions,
                limiter,
                LoginLimits.DEFAULTS,
                SessionPolicy.DEFAULTS,
                new SessionTokens(new SecureRandom()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static WechatApp app(String id, AppType type) {
        return new WechatApp(AppId.of(id), AppSecret.of(SECRET), type, TokenMode.STABLE, Optional.empty());
    }

    private static LogInWithCode.Command command(Optional<AppId> appId) {
        return new LogInWithCode.Command(appId, new LoginCode("the-code"), "203.0.113.7");
    }

    @Test
    void aCodeBecomesASessionOfTheRegisteredUser() {
        OpenId openId = new OpenId("oUser");
        when(limiter.tryAcquire(any(), any())).thenReturn(Optional.empty());
        when(wechat.exchange(MINI, new LoginCode("the-code")))
                .thenReturn(new CodeSession(openId, KEY, Optional.of(new UnionId("uUnion"))));
        User user = new User(
                new UserId(7),
                Optional.of(new UnionId("uUnion")),
                Profile.EMPTY,
                NOW,
                List.of(new Identity(MINI.appId(), openId, Optional.of(new UnionId("uUnion")))));
        when(users.registerOrLoad(any())).thenReturn(new UserRegistry.Registration(user, true));

        LogInWithCode.LoggedIn loggedIn = logIn(MINI, ACCOUNT).logIn(command(Optional.empty()));

        ArgumentCaptor<Session> saved = ArgumentCaptor.forClass(Session.class);
        verify(sessions).save(org.mockito.ArgumentMatchers.eq(loggedIn.token()), saved.capture());
        assertThat(saved.getValue().userId()).isEqualTo(new UserId(7));
        assertThat(saved.getValue().sessionKey()).contains(KEY);
        assertThat(saved.getValue().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(saved.getValue().absoluteExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(saved.getValue().user()).contains(UserSnapshot.of(user));
        assertThat(loggedIn.newUser()).isTrue();
        verify(sessions, never()).updateUserSnapshot(any(), any());
        verify(sessions, never()).updateSessionKey(any(), any(), any());
        assertThat(loggedIn.token().value()).hasSize(43);
    }

    @Test
    void aKnownUsersLoginWithAUnionidRewritesTheSnapshotOfItsOtherSessions() {
        OpenId openId = new OpenId("oUser");
        UnionId unionId = new UnionId("uUnion");
        when(limiter.tryAcquire(any(), any())).thenReturn(Optional.empty());
        when(wechat.exchange(MINI, new LoginCode("the-code")))
                .thenReturn(new CodeSession(openId, KEY, Optional.of(unionId)));
        User user = new User(
                new UserId(7),
                Optional.of(unionId),
                Profile.of("Mei", null),
                NOW.minus(Duration.ofDays(3)),
                List.of(
                        new Identity(OTHER_MINI.appId(), new OpenId("oOther"), Optional.empty()),
                        new Identity(MINI.appId(), openId, Optional.of(unionId))));
        when(users.registerOrLoad(any())).thenReturn(new UserRegistry.Registration(user, false));

        logIn(MINI).logIn(command(Optional.empty()));

        verify(sessions).updateUserSnapshot(new UserId(7), UserSnapshot.of(user));
    }

    @Test
    void aKnownUsersLoginGivesItsOtherSessionsOfTheAppTheNewSessionKey() {
        OpenId openId = new OpenId("oUser");
        when(limiter.tryAcquire(any(), any())).thenReturn(Optional.empty());
        when(wechat.exchange(MINI, new LoginCode("the-code")))
                .thenReturn(new CodeSession(openId, KEY, Optional.empty()));
        User user = new User(
                new UserId(7),
                Optional.empty(),
                Profile.EMPTY,
                NOW.minus(Duration.ofDays(3)),
                List.of(new Identity(MINI.appId(), openId, Optional.empty())));
        when(users.registerOrLoad(any())).thenReturn(new UserRegistry.Registration(user, false));

        logIn(MINI).logIn(command(Optional.empty()));

        verify(sessions).updateSessionKey(new UserId(7), MINI.appId(), KEY);
        verify(sessions, never()).updateUserSnapshot(any(), any());
    }

    @Test
    void tokensAreFreshEachTime() {
        SessionTokens tokens = new SessionTokens(new SecureRandom());
        SessionToken first = tokens.newToken();

        assertThat(tokens.newToken()).isNotEqualTo(first);
        assertThat(tokens.newSessionId().value()).hasSize(22).isNotEqualTo(first.value());
    }

    @Test
    void withoutAppIdTheSoleMiniProgramIsMeantButSeveralAreAmbiguous() {
        when(limiter.tryAcquire(any(), any())).thenReturn(Optional.empty());

        assertThatThrownBy(() -> logIn(MINI, OTHER_MINI).logIn(command(Optional.empty())))
                .isInstanceOf(LoginAppException.class)
                .hasMessageContaining("appId is required");
        verify(wechat, never()).exchange(any(), any());
    }

    @Test
    void unknownAppsAndOfficialAccountsCannotLogIn() {
        assertThatThrownBy(() -> logIn(MINI).logIn(command(Optional.of(AppId.of("wx00000000000000ff")))))
                .isInstanceOf(UnknownAppException.class);
        assertThatThrownBy(() -> logIn(MINI, ACCOUNT).logIn(command(Optional.of(ACCOUNT.appId()))))
                .isInstanceOf(LoginAppException.class)
                .hasMessageContaining("not a mini-program");
        verify(wechat, never()).exchange(any(), any());
    }

    @Test
    void aThrottledClientIsRefusedBeforeWechatIsAsked() {
        when(limiter.tryAcquire(org.mockito.ArgumentMatchers.eq("login:ip:203.0.113.7"), any()))
                .thenReturn(Optional.of(Duration.ofSeconds(12)));

        assertThatThrownBy(() -> logIn(MINI).logIn(command(Optional.empty())))
                .isInstanceOfSatisfying(RateLimitedException.class, limited -> assertThat(limited.retryAfter())
                        .isEqualTo(Duration.ofSeconds(12)));
        verify(wechat, never()).exchange(any(), any());
    }
}
