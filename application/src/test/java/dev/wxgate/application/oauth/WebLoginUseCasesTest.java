package dev.wxgate.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.oauth.WebLoginException.Reason;
import dev.wxgate.application.session.SessionTokens;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.oauth.AllowedOrigins;
import dev.wxgate.domain.oauth.Claim;
import dev.wxgate.domain.oauth.Handoff;
import dev.wxgate.domain.oauth.PendingLogin;
import dev.wxgate.domain.oauth.WebGrant;
import dev.wxgate.domain.oauth.WebLoginStore;
import dev.wxgate.domain.oauth.WebOAuth;
import dev.wxgate.domain.oauth.WebOrigin;
import dev.wxgate.domain.oauth.WebScope;
import dev.wxgate.domain.oauth.WebUserInfo;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import dev.wxgate.domain.session.SessionPolicy;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserRegistry;
import dev.wxgate.testfixtures.MutableClock;
import dev.wxgate.testfixtures.data.Users;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web login's start and completion with the ports faked: what is stored, checked and sent where. */
class WebLoginUseCasesTest {
    static final AppId OFFICIAL = AppId.of("wx0000000000000002");
    static final AppId MINI = AppId.of("wx0000000000000001");
    static final AppId WEBSITE = AppId.of("wx0000000000000004");
    static final URI CALLBACK = URI.create("https://login.example.com/oauth/wx0000000000000002/callback");
    static final String PAGE = "https://shop.example.com/cart";

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    final MapStore store = new MapStore();
    final WebOAuth wechat = mock(WebOAuth.class);
    final UserRegistry users = mock(UserRegistry.class);
    final SessionRepository sessions = mock(SessionRepository.class);
    final RateLimiter rateLimiter = mock(RateLimiter.class);
    final WechatApps apps = new WechatApps(List.of(
            app(OFFICIAL, AppType.OFFICIAL_ACCOUNT), app(MINI, AppType.MINI_PROGRAM), app(WEBSITE, AppType.WEBSITE)));
    final WebLoginSettings settings = new WebLoginSettings(
            Duration.ofMinutes(5),
            Duration.ofSeconds(60),
            new RateLimit(120, Duration.ofMinutes(1)),
            Map.of(
                    OFFICIAL,
                    new AllowedOrigins(List.of(WebOrigin.parse("https://shop.example.com")), false),
                    WEBSITE,
                    new AllowedOrigins(List.of(WebOrigin.parse("https://shop.example.com")), false)));
    final OneTimeValues values = new OneTimeValues(new SecureRandom());
    final StartWebLogin start = new StartWebLogin(
            apps,
            store,
            rateLimiter,
            settings,
            () -> URI.create("https://open.weixin.qq.com/"),
            () -> URI.create("https://qr.example.com"),
            values,
            clock);
    final CompleteWebLogin complete =
            new CompleteWebLogin(apps, store, wechat, users, sessions, settings, values, clock);

    static WechatApp app(AppId id, AppType type) {
        return new WechatApp(id, AppSecret.of("0123456789abcdef0123"), type, TokenMode.STABLE, Optional.empty());
    }

    /** A store in a map, claims counted as the port says. */
    static final class MapStore implements WebLoginStore {
        final Map<String, Object> entries = new HashMap<>();
        final Map<String, Boolean> claimed = new HashMap<>();

        @Override
        public void putPending(String stateHash, PendingLogin pending, Duration keep) {
            entries.put("s" + stateHash, pending);
        }

        @Override
        public Optional<Claim<PendingLogin>> claimPending(String stateHash) {
            return claim("s" + stateHash, PendingLogin.class);
        }

        @Override
        public void putHandoff(String codeHash, Handoff handoff, Duration keep) {
            entries.put("h" + codeHash, handoff);
        }

        @Override
        public Optional<Claim<Handoff>> claimHandoff(String codeHash) {
            return claim("h" + codeHash, Handoff.class);
        }

        private <T> Optional<Claim<T>> claim(String key, Class<T> type) {
            Object entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            boolean before = claimed.getOrDefault(key, false);
            claimed.put(key, true);
            return Optional.of(new Claim<>(type.cast(entry), before));
        }
    }

    @BeforeEach
    void noLimits() {
        when(rateLimiter.tryAcquire(any(), any())).thenReturn(Optional.empty());
    }

    StartWebLogin.Authorization started(String scope) {
        return start.start(new StartWebLogin.Command(OFFICIAL, scope, PAGE, CALLBACK, Optional.empty(), "203.0.113.9"));
    }

    static String state(StartWebLogin.Authorization authorization) {
        String url = authorization.wechatUrl().toString();
        return url.substring(url.indexOf("&state=") + 7, url.indexOf('#'));
    }

    @Test
    void theWechatUrlCarriesTheParametersInWechatsOrderAndTheStoreOnlyHashes() {
        StartWebLogin.Authorization authorization = started("snsapi_userinfo");

        assertThat(authorization.wechatUrl().toString())
                .startsWith("https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx0000000000000002"
                        + "&redirect_uri=https%3A%2F%2Flogin.example.com%2Foauth%2Fwx0000000000000002%2Fcallback"
                        + "&response_type=code&scope=snsapi_userinfo&state=")
                .endsWith("#wechat_redirect");
        String state = state(authorization);
        assertThat(store.entries.keySet())
                .noneMatch(key -> key.contains(state) || key.contains(authorization.binder()));
        PendingLogin pending = (PendingLogin) store.entries.values().iterator().next();
        assertThat(pending.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(pending.binderHash()).isNotEqualTo(authorization.binder());
    }

    @Test
    void aWebsiteAppGoesToTheQrLoginPageWithSnsapiLoginOnly() {
        StartWebLogin.Authorization byDefault =
                start.start(new StartWebLogin.Command(WEBSITE, null, PAGE, CALLBACK, Optional.empty(), "203.0.113.9"));
        StartWebLogin.Authorization asked = start.start(
                new StartWebLogin.Command(WEBSITE, "snsapi_login", PAGE, CALLBACK, Optional.empty(), "203.0.113.9"));

        for (StartWebLogin.Authorization authorization : List.of(byDefault, asked)) {
            assertThat(authorization.wechatUrl().toString())
                    .startsWith("https://qr.example.com/connect/qrconnect?appid=wx0000000000000004"
                            + "&redirect_uri=https%3A%2F%2Flogin.example.com%2Foauth%2Fwx0000000000000002%2Fcallback"
                            + "&response_type=code&scope=snsapi_login&state=")
                    .endsWith("#wechat_redirect");
        }
        assertThat(store.entries.values())
                .extracting(entry -> ((PendingLogin) entry).scope())
                .containsOnly(WebScope.SNSAPI_LOGIN);
        for (String accountScope : List.of("snsapi_base", "snsapi_userinfo")) {
            assertThatExceptionOfType(WebLoginException.class)
                    .isThrownBy(() -> start.start(
                            new StartWebLogin.Command(WEBSITE, accountScope, PAGE, CALLBACK, Optional.empty(), "ip")))
                    .withMessage("app wx0000000000000004 is a website app: its only scope is snsapi_login")
                    .extracting(WebLoginException::reason)
                    .isEqualTo(Reason.SCOPE_NOT_FOR_APP_TYPE);
        }
        assertThat(store.entries).hasSize(2);
    }

    @Test
    void aMiniProgramAnUnknownScopeOrAForeignPageStartsNothing() {
        assertThatExceptionOfType(WebLoginException.class)
                .isThrownBy(() -> start.start(
                        new StartWebLogin.Command(MINI, "snsapi_base", PAGE, CALLBACK, Optional.empty(), "ip")))
                .extracting(WebLoginException::reason)
                .isEqualTo(Reason.NOT_A_WEB_LOGIN_APP);
        assertThatExceptionOfType(WebLoginException.class)
                .isThrownBy(() -> started("snsapi_login"))
                .withMessageContaining("snsapi_login is a website app's")
                .extracting(WebLoginException::reason)
                .isEqualTo(Reason.SCOPE_NOT_FOR_APP_TYPE);
        assertThatExceptionOfType(WebLoginException.class)
                .isThrownBy(() -> started("snsapi_everything"))
                .extracting(WebLoginException::reason)
                .isEqualTo(Reason.UNSUPPORTED_SCOPE);
        assertThatExceptionOfType(WebLoginException.class)
                .isThrownBy(() -> start.start(new StartWebLogin.Command(
                        OFFICIAL, "snsapi_base", "https://shop.example.com:444/", CALLBACK, Optional.empty(), "ip")))
                .extracting(WebLoginException::reason)
                .isEqualTo(Reason.REDIRECT_NOT_ALLOWED);
        assertThat(store.entries).isEmpty();
    }

    @Test
    void userinfoFillsOnlyWhatTheProfileLacksAndSkipsWhatItsRulesRefuse() {
        StartWebLogin.Authorization authorization = started("snsapi_userinfo");
        OpenId openId = new OpenId("oWeb");
        User known =
                Users.user().id(5).profile("Chosen in the mini-program", null).build();
        when(users.registerOrLoad(any())).thenReturn(new UserRegistry.Registration(known, false));
        WebGrant grant = new WebGrant(openId, Optional.empty(), WebScope.SNSAPI_USERINFO, "web-token");
        when(wechat.exchange(any(), any())).thenReturn(grant);
        when(wechat.userInfo(grant))
                .thenReturn(new WebUserInfo(
                        openId,
                        Optional.empty(),
                        Optional.of("WeChat nick"),
                        Optional.of("https://thirdwx.qlogo.cn/a/132")));
        Profile expected =
                new Profile(Optional.of("Chosen in the mini-program"), Optional.of("https://thirdwx.qlogo.cn/a/132"));
        when(users.updateProfile(known.id(), expected))
                .thenReturn(Optional.of(Users.user()
                        .id(5)
                        .profile("Chosen in the mini-program", "https://thirdwx.qlogo.cn/a/132")
                        .build()));

        URI page = complete.complete(new CompleteWebLogin.Command(
                OFFICIAL, state(authorization), Optional.of(authorization.binder()), Optional.of("wechat-code")));

        assertThat(page.toString()).startsWith(PAGE + "?wxgate_code=");
        verify(users).updateProfile(known.id(), expected);
    }

    @Test
    void anHttpAvatarIsLeftOutAndNothingIsWrittenWhenNothingChanges() {
        StartWebLogin.Authorization authorization = started("snsapi_userinfo");
        OpenId openId = new OpenId("oWeb");
        User known = Users.user().id(5).profile("Nick", null).build();
        when(users.registerOrLoad(any())).thenReturn(new UserRegistry.Registration(known, false));
        WebGrant grant = new WebGrant(openId, Optional.empty(), WebScope.SNSAPI_USERINFO, "web-token");
        when(wechat.exchange(any(), any())).thenReturn(grant);
        when(wechat.userInfo(grant))
                .thenReturn(
                        new WebUserInfo(openId, Optional.empty(), Optional.of("x"), Optional.of("http://insecure/a")));

        complete.complete(new CompleteWebLogin.Command(
                OFFICIAL, state(authorization), Optional.of(authorization.binder()), Optional.of("wechat-code")));

        verify(users, never()).updateProfile(any(), any());
    }

    @Test
    void aClientOverItsLimitStartsAndExchangesNothing() {
        when(rateLimiter.tryAcquire(any(), any())).thenReturn(Optional.of(Duration.ofSeconds(7)));
        ExchangeWebLogin exchange = new ExchangeWebLogin(
                store,
                users,
                sessions,
                rateLimiter,
                settings,
                SessionPolicy.DEFAULTS,
                new SessionTokens(new SecureRandom()),
                clock);

        assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> started("snsapi_base"));
        assertThatExceptionOfType(RateLimitedException.class)
                .isThrownBy(() -> exchange.exchange(new ExchangeWebLogin.Command(values.mint(), "203.0.113.9")));
        verify(rateLimiter).tryAcquire(eq("weblogin:start:ip:203.0.113.9"), any());
        verify(rateLimiter).tryAcquire(eq("weblogin:exchange:ip:203.0.113.9"), any());
        assertThat(store.entries).isEmpty();
        verify(sessions, never()).save(any(), any());
    }

    @Test
    void aStateIsCheckedBeforeWechatIsAsked() {
        StartWebLogin.Authorization authorization = started("snsapi_base");
        String state = state(authorization);

        assertThatExceptionOfType(WebLoginException.class)
                .isThrownBy(() -> complete.complete(
                        new CompleteWebLogin.Command(OFFICIAL, state, Optional.of(values.mint()), Optional.of("code"))))
                .extracting(WebLoginException::reason)
                .isEqualTo(Reason.OTHER_BROWSER);
        assertThatExceptionOfType(WebLoginException.class)
                .isThrownBy(() -> complete.complete(new CompleteWebLogin.Command(
                        OFFICIAL, state, Optional.of(authorization.binder()), Optional.of("code"))))
                .extracting(WebLoginException::reason)
                .isEqualTo(Reason.STATE_REPLAYED);
        verify(wechat, never()).exchange(any(), any());
    }
}
