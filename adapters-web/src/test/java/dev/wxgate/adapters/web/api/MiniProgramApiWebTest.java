package dev.wxgate.adapters.web.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.jwt.IssueSessionJwt;
import dev.wxgate.application.login.LogInWithCode;
import dev.wxgate.application.oauth.ExchangeWebLogin;
import dev.wxgate.application.oauth.WebLoginException;
import dev.wxgate.application.session.AuthenticateSession;
import dev.wxgate.application.session.ListMySessions;
import dev.wxgate.application.session.LogOut;
import dev.wxgate.application.session.RefreshSession;
import dev.wxgate.application.session.RevokeMySession;
import dev.wxgate.application.user.CheckSessionKey;
import dev.wxgate.application.user.GetPhoneNumber;
import dev.wxgate.application.user.ManageProfile;
import dev.wxgate.application.user.NoSessionKeyException;
import dev.wxgate.application.user.OpenEncryptedData;
import dev.wxgate.application.user.ResetSessionKey;
import dev.wxgate.application.user.VerifyRawData;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionId;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import dev.wxgate.testfixtures.data.Sessions;
import dev.wxgate.testfixtures.data.Users;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The mini-program API's web contract ({@code LoginController}, {@code MeController}, {@code SessionController}) over
 * mocked use cases: what reaches the use case, the answer's shape, the bearer check, and failures as precise statuses.
 */
@WebMvcTest
class MiniProgramApiWebTest {
    private static final SessionToken TOKEN = SessionToken.random();
    private static final Session SESSION = Sessions.session().user(7).build();
    private static final User USER = Users.user().id(7).unionId("uUnion").build();

    @Autowired
    MockMvc http;

    @MockitoBean
    AuthenticateSession authenticate;

    @MockitoBean
    LogInWithCode logIn;

    @MockitoBean
    RefreshSession refresh;

    @MockitoBean
    ListMySessions listMine;

    @MockitoBean
    LogOut logOut;

    @MockitoBean
    RevokeMySession revokeMine;

    @MockitoBean
    ManageProfile profiles;

    @MockitoBean
    OpenEncryptedData encryptedData;

    @MockitoBean
    VerifyRawData rawData;

    @MockitoBean
    GetPhoneNumber phoneNumbers;

    @MockitoBean
    CheckSessionKey checkSessionKey;

    @MockitoBean
    ResetSessionKey resetSessionKey;

    @MockitoBean
    IssueSessionJwt issueJwt;

    @MockitoBean
    ExchangeWebLogin exchangeWebLogin;

    @BeforeEach
    void theTokenIsAValidSession() {
        given(authenticate.authenticate(TOKEN)).willReturn(Optional.of(SESSION));
    }

    @Test
    void aWebLoginsHandoffCodeIsExchangedWithoutASessionAndAnsweredAsALogin() throws Exception {
        given(exchangeWebLogin.exchange(new ExchangeWebLogin.Command("handoff-code", "203.0.113.9")))
                .willReturn(new LogInWithCode.LoggedIn(TOKEN, SESSION, USER, false));

        http.perform(post("/api/v1/oauth/exchange")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"handoff-code\"}")
                        .with(request -> {
                            request.setRemoteAddr("203.0.113.9");
                            return request;
                        }))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.token").value(TOKEN.value()))
                .andExpect(jsonPath("$.user.id").value(7))
                .andExpect(jsonPath("$.user.newUser").value(false));
    }

    @Test
    void aBadHandoffCodeIsInvalidCodeAndAMissingOneInvalidRequest() throws Exception {
        given(exchangeWebLogin.exchange(any()))
                .willThrow(new WebLoginException(WebLoginException.Reason.INVALID_HANDOFF, "the code is invalid"));

        http.perform(post("/api/v1/oauth/exchange")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"used\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_code"));
        http.perform(post("/api/v1/oauth/exchange")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_request"));
    }

    @Test
    void aWebSessionHasNoSessionKeyForTheCallsThatNeedOne() throws Exception {
        given(rawData.verify(any(), any(), any())).willThrow(new NoSessionKeyException());

        http.perform(post("/api/v1/me/verify-raw-data")
                        .header("Authorization", "Bearer " + TOKEN.value())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rawData\":\"{}\",\"signature\":\"00\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("no_session_key"));
    }

    @Test
    void aLoginAnswersTheTokenItsLifetimeAndTheUser() throws Exception {
        given(logIn.logIn(any())).willReturn(new LogInWithCode.LoggedIn(TOKEN, SESSION, USER, true));

        http.perform(post("/api/v1/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"0a1b2c\"}")
                        .with(request -> {
                            request.setRemoteAddr("203.0.113.9");
                            return request;
                        }))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.token").value(TOKEN.value()))
                .andExpect(jsonPath("$.expiresIn")
                        .value(SESSION.expiresIn(Sessions.START).toSeconds()))
                .andExpect(jsonPath("$.user.id").value(7))
                .andExpect(jsonPath("$.user.openid").value("oUser"))
                .andExpect(jsonPath("$.user.unionid").value("uUnion"))
                .andExpect(jsonPath("$.user.newUser").value(true));

        ArgumentCaptor<LogInWithCode.Command> command = ArgumentCaptor.forClass(LogInWithCode.Command.class);
        verify(logIn).logIn(command.capture());
        org.assertj.core.api.Assertions.assertThat(command.getValue().appId()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(command.getValue().code().value())
                .isEqualTo("0a1b2c");
        org.assertj.core.api.Assertions.assertThat(command.getValue().clientAddress())
                .isEqualTo("203.0.113.9");
    }

    @Test
    void aLoginWithoutACodeIs400AndNeverReachesWechat() throws Exception {
        http.perform(post("/api/v1/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_request"));

        verifyNoInteractions(logIn);
    }

    @Test
    void loginFailuresArePreciseStatuses() throws Exception {
        given(logIn.logIn(any()))
                .willThrow(new WechatException(WechatFailure.CODE_USED, OptionalInt.of(40163), "code been used"))
                .willThrow(new RateLimitedException(Duration.ofMillis(1500)))
                .willThrow(new StoreUnavailableException("down", new RuntimeException()));

        http.perform(login())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("code_used"));
        http.perform(login())
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.error").value("rate_limited"));
        http.perform(login())
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value("store_unavailable"));
    }

    @Test
    void meNeedsABearerTokenOfALiveSession() throws Exception {
        http.perform(get("/api/v1/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("invalid_session"));
        http.perform(get("/api/v1/me")
                        .header(
                                "Authorization",
                                "Bearer " + SessionToken.random().value()))
                .andExpect(status().isUnauthorized());

        verifyNoInteractions(profiles);
    }

    @Test
    void meShowsTheSessionsUserAndUpdatesTheProfile() throws Exception {
        given(profiles.show(SESSION)).willReturn(Optional.of(UserSnapshot.of(USER)));
        given(profiles.update(any(), any()))
                .willReturn(Optional.of(UserSnapshot.of(Users.user()
                        .id(7)
                        .profile("Band", "https://example.com/a.png")
                        .build())));

        http.perform(get("/api/v1/me").header("Authorization", bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(7))
                .andExpect(jsonPath("$.appId").value(Sessions.APP.value()))
                .andExpect(jsonPath("$.profileComplete").value(false));
        http.perform(put("/api/v1/me/profile")
                        .header("Authorization", bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nickname\":\"Band\",\"avatarUrl\":\"https://example.com/a.png\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nickname").value("Band"))
                .andExpect(jsonPath("$.profileComplete").value(true));

        verify(profiles).update(new UserId(7), Profile.of("Band", "https://example.com/a.png"));
    }

    @Test
    void theSessionsOwnListLogoutAndRevocation() throws Exception {
        Session other = Sessions.session().id("BBBBBBBBBBBBBBBBBBBBBB").user(7).build();
        given(listMine.list(new ListMySessions.Command(new UserId(7)))).willReturn(List.of(SESSION, other));
        given(revokeMine.revoke(new RevokeMySession.Command(new UserId(7), new SessionId("BBBBBBBBBBBBBBBBBBBBBB"))))
                .willReturn(true);

        http.perform(get("/api/v1/sessions").header("Authorization", bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].current").value(true))
                .andExpect(jsonPath("$[1].current").value(false));
        http.perform(delete("/api/v1/sessions/BBBBBBBBBBBBBBBBBBBBBB").header("Authorization", bearer()))
                .andExpect(status().isNoContent());
        http.perform(delete("/api/v1/sessions/CCCCCCCCCCCCCCCCCCCCCC").header("Authorization", bearer()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("unknown_session"));
        http.perform(post("/api/v1/logout").header("Authorization", bearer())).andExpect(status().isNoContent());

        verify(logOut).logOut(new LogOut.Command(SESSION));
    }

    @Test
    void aRefreshAnswersTheNewTokenOr401WhenTheSessionEnded() throws Exception {
        SessionToken next = SessionToken.random();
        given(refresh.refresh(TOKEN))
                .willReturn(Optional.of(new RefreshSession.Refreshed(next, SESSION)))
                .willReturn(Optional.empty());

        http.perform(post("/api/v1/session/refresh").header("Authorization", bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.token").value(next.value()));
        http.perform(post("/api/v1/session/refresh").header("Authorization", bearer()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("invalid_session"));
    }

    private static org.springframework.test.web.servlet.RequestBuilder login() {
        return post("/api/v1/login").contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"0a1b2c\"}");
    }

    private static String bearer() {
        return "Bearer " + TOKEN.value();
    }
}
