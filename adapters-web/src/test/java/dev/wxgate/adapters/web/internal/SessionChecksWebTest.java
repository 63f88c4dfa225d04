package dev.wxgate.adapters.web.internal;

import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.NOW;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.OPS_KEY;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.ORDERS_APP;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.ORDERS_KEY;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.session.AuthenticateForGateway;
import dev.wxgate.application.session.AuthenticateForGateway.ForwardedRequest;
import dev.wxgate.application.session.ClientScope;
import dev.wxgate.application.session.IntrospectSession;
import dev.wxgate.application.session.IntrospectSession.Introspection;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.SessionToken;
import dev.wxgate.testfixtures.data.Sessions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The session-check endpoints' web contract over mocked use cases: what reaches the use case (the client's scope,
 * the parsed token, touch), the answer's shape, and failures as precise statuses.
 */
@WebMvcTest
class SessionChecksWebTest {
    private static final String INTROSPECT = "/internal/v1/sessions/introspect";
    private static final SessionToken TOKEN = SessionToken.random();
    private static final Session SESSION = Sessions.session()
            .id("Zk3Nq9w0bV2xY7uRt1Lm4A")
            .user(42)
            .in(ORDERS_APP, "oUser")
            .sessionKey("tiihtNczf5v6AKRyjwEUhQ==")
            .startedAt(NOW)
            .build();

    @Autowired
    MockMvc http;

    @Autowired
    IntrospectSession introspect;

    @Autowired
    AuthenticateForGateway gateway;

    @MockitoBean
    dev.wxgate.application.token.GetAccessToken getAccessToken;

    @MockitoBean
    dev.wxgate.application.token.ReportInvalidAccessToken reportInvalid;

    @BeforeEach
    void resetMocks() {
        reset(introspect, gateway);
    }

    @Test
    void aLiveSessionIsAnsweredWithItsClaimsAndNoUnionidWhenUnknown() throws Exception {
        given(introspect.introspect(any())).willReturn(Optional.of(SESSION));

        http.perform(post(INTROSPECT)
                        .header("Authorization", "Bearer " + ORDERS_KEY)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("token=" + TOKEN.value() + "&touch=true"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content()
                        .json(
                                """
                        {"active":true,"sub":"42","sid":"Zk3Nq9w0bV2xY7uRt1Lm4A","app_id":"%s","openid":"oUser",
                         "iat":%d,"exp":%d}
                        """.formatted(
                                                ORDERS_APP,
                                                NOW.getEpochSecond(),
                                                NOW.plus(Duration.ofMinutes(30)).getEpochSecond()),
                                true));

        ArgumentCaptor<Introspection> asked = ArgumentCaptor.forClass(Introspection.class);
        verify(introspect).introspect(asked.capture());
        org.assertj.core.api.Assertions.assertThat(asked.getValue())
                .isEqualTo(new Introspection(
                        new ClientScope("orders", Set.of(AppId.of(ORDERS_APP)), false), Optional.of(TOKEN), true));
    }

    @Test
    void aMalformedTokenReachesTheUseCaseAsNoTokenSoItStillCounts() throws Exception {
        given(introspect.introspect(any())).willReturn(Optional.empty());

        http.perform(post(INTROSPECT)
                        .header("Authorization", "Bearer " + OPS_KEY)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("token=%3Cscript%3E"))
                .andExpect(status().isOk())
                .andExpect(content().string("{\"active\":false}"));

        verify(introspect)
                .introspect(new Introspection(new ClientScope("ops", Set.of(), true), Optional.empty(), false));
    }

    @Test
    void failuresArePreciseStatusesNeverA500() throws Exception {
        given(introspect.introspect(any()))
                .willThrow(new RateLimitedException("too many introspection requests", Duration.ofMillis(1500)));
        http.perform(post(INTROSPECT)
                        .header("Authorization", "Bearer " + ORDERS_KEY)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("token=" + TOKEN.value()))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.error").value("rate_limited"));

        reset(introspect);
        given(introspect.introspect(any()))
                .willThrow(new StoreUnavailableException("Redis is down", new RuntimeException()));
        http.perform(post(INTROSPECT)
                        .header("Authorization", "Bearer " + ORDERS_KEY)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("token=" + TOKEN.value()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value("store_unavailable"));

        http.perform(post(INTROSPECT)
                        .header("Authorization", "Bearer " + ORDERS_KEY)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("token=" + TOKEN.value() + "&touch=maybe"))
                .andExpect(status().isBadRequest());

        given(gateway.authenticate(any()))
                .willThrow(new StoreUnavailableException("Redis is down", new RuntimeException()));
        http.perform(get("/internal/v1/forward-auth")
                        .header("X-Wxgate-Client-Key", ORDERS_KEY)
                        .header("Authorization", "Bearer " + TOKEN.value()))
                .andExpect(status().isServiceUnavailable());
    }

    @Test
    void forwardAuthNeverAsksAboutAMalformedToken() throws Exception {
        http.perform(get("/internal/v1/forward-auth")
                        .header("X-Wxgate-Client-Key", ORDERS_KEY)
                        .header("Authorization", "Bearer \u00e9\u00e9\u00e9"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"wxgate\", error=\"invalid_token\""));

        verifyNoInteractions(gateway);
    }

    @Test
    void forwardAuthPassesTheGatewayScopeAndToken() throws Exception {
        given(gateway.authenticate(any())).willReturn(Optional.of(SESSION));

        http.perform(post("/internal/v1/forward-auth/orders/7")
                        .header("X-Wxgate-Client-Key", ORDERS_KEY)
                        .header("Authorization", "bearer " + TOKEN.value()))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Wxgate-User-Id", "42"))
                .andExpect(header().doesNotExist("X-Wxgate-Unionid"));

        verify(gateway)
                .authenticate(
                        new ForwardedRequest(new ClientScope("orders", Set.of(AppId.of(ORDERS_APP)), false), TOKEN));
    }
}
