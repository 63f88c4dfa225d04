package dev.wxgate.application.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.wxgate.application.token.WithAccessToken;
import dev.wxgate.domain.app.AppSecret;
import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionKey;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.user.OpenId;
import dev.wxgate.domain.user.UserId;
import dev.wxgate.domain.wechat.SessionKeyCheck;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import dev.wxgate.testfixtures.data.Sessions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResetSessionKeyTest {
    private static final WechatApp APP = new WechatApp(
            Sessions.APP,
            AppSecret.of("0123456789abcdef0123456789abcdef"),
            AppType.MINI_PROGRAM,
            TokenMode.STABLE,
            Optional.empty());
    private static final AccessToken TOKEN = AccessToken.issued("the-token", Sessions.START, Duration.ofHours(2));
    private static final SessionKey RENEWED = SessionKey.of("AAAAAAAAAAAAAAAAAAAAAA==");

    private final WithAccessToken withAccessToken = mock(WithAccessToken.class);
    private final SessionKeyCheck wechat = mock(SessionKeyCheck.class);
    private final SessionRepository sessions = mock(SessionRepository.class);
    private final ResetSessionKey reset =
            new ResetSessionKey(new WechatApps(List.of(APP)), withAccessToken, wechat, sessions);
    private final Session session = Sessions.session().build();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void tokenServer() {
        when(withAccessToken.call(eq(APP.appId()), any()))
                .thenAnswer(call -> ((Function<AccessToken, Object>) call.getArgument(1)).apply(TOKEN));
    }

    @Test
    void theNewKeyIsStoredInEveryLiveSessionOfTheUserAndApp() {
        when(wechat.reset(APP, TOKEN, new OpenId("oUser"), SessionKey.of(Sessions.SESSION_KEY)))
                .thenReturn(RENEWED);
        when(sessions.updateSessionKey(new UserId(1), APP.appId(), RENEWED)).thenReturn(2);

        ResetSessionKey.Result result = reset.reset(new ResetSessionKey.Command(session));

        assertThat(result.sessionsUpdated()).isEqualTo(2);
        verify(sessions).updateSessionKey(new UserId(1), APP.appId(), RENEWED);
    }

    @Test
    void aKeyWechatNoLongerHoldsIsReportedStaleAndNothingIsStored() {
        when(wechat.reset(any(), any(), any(), any()))
                .thenThrow(new WechatException(
                        WechatFailure.INVALID_SIGNATURE, OptionalInt.of(87009), "resetusersessionkey: 87009"));

        assertThatThrownBy(() -> reset.reset(new ResetSessionKey.Command(session)))
                .isInstanceOf(StaleSessionKeyException.class);
        verify(sessions, never()).updateSessionKey(any(), any(), any());
    }

    @Test
    void otherWechatFailuresPassThroughAndNothingIsStored() {
        when(wechat.reset(any(), any(), any(), any()))
                .thenThrow(new WechatException(
                        WechatFailure.UPSTREAM_BUSY, OptionalInt.of(-1), "resetusersessionkey: -1"));

        assertThatThrownBy(() -> reset.reset(new ResetSessionKey.Command(session)))
                .isInstanceOfSatisfying(WechatException.class, busy -> assertThat(busy.failure())
                        .isEqualTo(WechatFailure.UPSTREAM_BUSY));
        verify(sessions, never()).updateSessionKey(any(), any(), any());
    }

    @Test
    void aWebLoginSessionHasNoKeyToReset() {
        Session web = new Session(
                session.id(),
                session.userId(),
                session.identity(),
                Optional.empty(),
                session.createdAt(),
                session.lastSeenAt(),
                session.expiresAt(),
                session.absoluteExpiresAt(),
                Optional.empty());

        assertThatThrownBy(() -> reset.reset(new ResetSessionKey.Command(web)))
                .isInstanceOf(NoSessionKeyException.class);
        verifyNoInteractions(wechat, sessions);
    }
}
