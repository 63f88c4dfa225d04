package dev.wxgate.adapters.web.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wxgate.application.jwt.IssueSessionJwt;
import dev.wxgate.application.login.LogInWithCode;
import dev.wxgate.application.oauth.ExchangeWebLogin;
import dev.wxgate.application.session.AuthenticateSession;
import dev.wxgate.application.session.ListMySessions;
import dev.wxgate.application.session.LogOut;
import dev.wxgate.application.session.RefreshSession;
import dev.wxgate.application.session.RevokeMySession;
import dev.wxgate.application.user.CheckSessionKey;
import dev.wxgate.application.user.GetPhoneNumber;
import dev.wxgate.application.user.ManageProfile;
import dev.wxgate.application.user.OpenEncryptedData;
import dev.wxgate.application.user.ResetSessionKey;
import dev.wxgate.application.user.StaleSessionKeyException;
import dev.wxgate.application.user.VerifyRawData;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.domain.wechat.EncryptedDataRejectedException;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import dev.wxgate.testfixtures.data.Sessions;
import java.util.Optional;
import java.util.OptionalInt;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The session_key calls' web contract: the reset's answer and its failures, and stale encryptedData. */
@WebMvcTest
class SessionKeyApiWebTest {
    private static final SessionToken TOKEN = SessionToken.random();
    private static final Session SESSION = Sessions.session().user(7).build();

    @Autowired
    MockMvc http;

    @MockitoBean
    AuthenticateSession authenticate;

    @MockitoBean
    ResetSessionKey resetSessionKey;

    @MockitoBean
    OpenEncryptedData encryptedData;

    // The other controllers' use cases, unused here.
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
    VerifyRawData rawData;

    @MockitoBean
    GetPhoneNumber phoneNumbers;

    @MockitoBean
    CheckSessionKey checkSessionKey;

    @MockitoBean
    IssueSessionJwt issueJwt;

    @MockitoBean
    ExchangeWebLogin exchangeWebLogin;

    @BeforeEach
    void theTokenIsAValidSession() {
        given(authenticate.authenticate(TOKEN)).willReturn(Optional.of(SESSION));
    }

    @Test
    void aResetAnswersHowManySessionsHoldTheNewKeyButNeverTheKey() throws Exception {
        given(resetSessionKey.reset(new ResetSessionKey.Command(SESSION))).willReturn(new ResetSessionKey.Result(2));

        http.perform(post("/api/v1/session/wechat/reset").header("Authorization", "Bearer " + TOKEN.value()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reset").value(true))
                .andExpect(jsonPath("$.sessions").value(2))
                .andExpect(content().string(Matchers.not(Matchers.containsString(Sessions.SESSION_KEY))));
    }

    @Test
    void aResetNeedsASession() throws Exception {
        http.perform(post("/api/v1/session/wechat/reset"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("invalid_session"));
        verifyNoInteractions(resetSessionKey);
    }

    @Test
    void aStaleKeyIs409AndABusyWechat503() throws Exception {
        given(resetSessionKey.reset(any())).willThrow(new StaleSessionKeyException());
        http.perform(post("/api/v1/session/wechat/reset").header("Authorization", "Bearer " + TOKEN.value()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("session_key_stale"));

        willThrow(new WechatException(WechatFailure.UPSTREAM_BUSY, OptionalInt.of(-1), "busy"))
                .given(resetSessionKey)
                .reset(any());
        http.perform(post("/api/v1/session/wechat/reset").header("Authorization", "Bearer " + TOKEN.value()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value("wechat_unavailable"));
    }

    @Test
    void staleEncryptedDataIsRefusedWithItsOwnCode() throws Exception {
        given(encryptedData.open(any(), any(), any()))
                .willThrow(new EncryptedDataRejectedException(EncryptedDataRejectedException.Reason.EXPIRED, "old"));

        http.perform(post("/api/v1/me/decrypt")
                        .header("Authorization", "Bearer " + TOKEN.value())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"encryptedData\":\"AAAA\",\"iv\":\"AAAA\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("encrypted_data_expired"));
    }
}
