package dev.wxgate.adapters.web.internal;

import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.BUSY_KEY;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.NOW;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.OPS_KEY;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.ORDERS_APP;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.ORDERS_KEY;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.audit.CountTokenReads;
import dev.wxgate.application.token.GetAccessToken;
import dev.wxgate.application.token.InvalidTokenReport;
import dev.wxgate.application.token.ReportInvalidAccessToken;
import dev.wxgate.application.token.TokenUnavailableException;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

@WebMvcTest
class InternalTokenApiTest {
    private static final String PATH = "/internal/v1/apps/%s/access-token";
    private static final AccessToken TOKEN =
            AccessToken.issued("ACCESS_TOKEN_abcdefghijklmnop", NOW.minusSeconds(200), Duration.ofSeconds(7200));

    @Autowired
    MockMvc http;

    @MockitoBean
    GetAccessToken getAccessToken;

    @MockitoBean
    ReportInvalidAccessToken reportInvalid;

    private ResultActions get(String appId, String key) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(PATH.formatted(appId));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.perform(request);
    }

    private ResultActions report(String appId, String key, String body) throws Exception {
        return http.perform(post(PATH.formatted(appId) + "/invalid")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Autowired
    CountTokenReads reads;

    @Test
    void aClientOverItsRateLimitIsRefusedWithRetryAfterBeforeTheTokenIsRead() throws Exception {
        given(getAccessToken.current(AppId.of(ORDERS_APP))).willReturn(TOKEN);

        get(ORDERS_APP, BUSY_KEY).andExpect(status().isOk());
        get(ORDERS_APP, BUSY_KEY).andExpect(status().isOk());
        get(ORDERS_APP, BUSY_KEY)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "42"))
                .andExpect(content().json("""
                        {"error":"rate_limited"}
                        """))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("ACCESS_TOKEN"))));

        verify(getAccessToken, org.mockito.Mockito.times(2)).current(AppId.of(ORDERS_APP));
        get(ORDERS_APP, ORDERS_KEY).andExpect(status().isOk()); // another client is counted apart
    }

    @Test
    void everyTokenHandedOutIsCountedAndARefusedReadIsNot() throws Exception {
        given(getAccessToken.current(AppId.of(ORDERS_APP))).willReturn(TOKEN);
        reads.flush();

        get(ORDERS_APP, ORDERS_KEY).andExpect(status().isOk());
        get(ORDERS_APP, OPS_KEY).andExpect(status().isOk());
        get(OTHER_APP, ORDERS_KEY).andExpect(status().isForbidden());
        get(ORDERS_APP, null).andExpect(status().isUnauthorized());

        assertThat(reads.unflushed()).isEqualTo(2);
    }

    @Test
    void aClientReadsTheTokenOfItsApp() throws Exception {
        given(getAccessToken.current(AppId.of(ORDERS_APP))).willReturn(TOKEN);

        get(ORDERS_APP, ORDERS_KEY)
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().json("""
                                {"accessToken":"ACCESS_TOKEN_abcdefghijklmnop","expiresIn":7000,
                                 "fetchedAt":"2026-05-01T09:56:40Z"}
                                """));
    }

    @Test
    void withoutAKeyTheAnswerIs401() throws Exception {
        get(ORDERS_APP, null)
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"wxgate-internal\""))
                .andExpect(content().json("{\"error\":\"invalid_client_key\"}"));
        verifyNoInteractions(getAccessToken);
    }

    @Test
    void aWrongKeyOrSchemeIs401() throws Exception {
        get(ORDERS_APP, "not-a-configured-key")
                .andExpect(status().isUnauthorized())
                .andExpect(content().json("{\"error\":\"invalid_client_key\"}"));
        http.perform(MockMvcRequestBuilders.get(PATH.formatted(ORDERS_APP))
                        .header("Authorization", "Basic " + ORDERS_KEY))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(getAccessToken);
    }

    @Test
    void anAppOutsideTheKeysListIs403() throws Exception {
        get(OTHER_APP, ORDERS_KEY)
                .andExpect(status().isForbidden())
                .andExpect(content()
                        .json("{\"error\":\"app_not_allowed\",\"message\":\"client orders may not read app " + OTHER_APP
                                + "\"}"));
        verifyNoInteractions(getAccessToken);
    }

    @Test
    void anUnknownAppIs404ForAClientOfAllApps() throws Exception {
        given(getAccessToken.current(AppId.of(OTHER_APP))).willThrow(new UnknownAppException(AppId.of(OTHER_APP)));

        get(OTHER_APP, OPS_KEY)
                .andExpect(status().isNotFound())
                .andExpect(content().json("{\"error\":\"unknown_app\"}"));
    }

    @Test
    void aMalformedAppIdIs400() throws Exception {
        get("wxNOTHEX", OPS_KEY)
                .andExpect(status().isBadRequest())
                .andExpect(content().json("{\"error\":\"invalid_app_id\"}"));
        verifyNoInteractions(getAccessToken);
    }

    @Test
    void aReportReturnsTheCurrentTokenAndNamesTheClient() throws Exception {
        given(reportInvalid.reportInvalid(any())).willReturn(TOKEN);

        report(ORDERS_APP, ORDERS_KEY, "{\"accessToken\":\"OLD_TOKEN_0123456789\"}")
                .andExpect(status().isOk())
                .andExpect(content().json("{\"accessToken\":\"ACCESS_TOKEN_abcdefghijklmnop\",\"expiresIn\":7000}"));

        ArgumentCaptor<InvalidTokenReport> reported = ArgumentCaptor.forClass(InvalidTokenReport.class);
        verify(reportInvalid).reportInvalid(reported.capture());
        assertThat(reported.getValue())
                .isEqualTo(new InvalidTokenReport(AppId.of(ORDERS_APP), "OLD_TOKEN_0123456789", "orders"));
    }

    @Test
    void aReportWithoutATokenOrWithBrokenJsonIs400() throws Exception {
        report(ORDERS_APP, ORDERS_KEY, "{}")
                .andExpect(status().isBadRequest())
                .andExpect(content().json("{\"error\":\"invalid_request\",\"message\":\"accessToken is required\"}"));
        report(ORDERS_APP, ORDERS_KEY, "{\"accessToken\":")
                .andExpect(status().isBadRequest())
                .andExpect(content().json("{\"error\":\"malformed_json\"}"));
        report(ORDERS_APP, ORDERS_KEY, "{\"accessToken\":\"has space\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().json("{\"error\":\"invalid_request\"}"));
        verifyNoInteractions(reportInvalid);
    }

    @Test
    void noTokenIs503WithTheReasonAndWhenToRetry() throws Exception {
        given(getAccessToken.current(AppId.of(ORDERS_APP)))
                .willThrow(new TokenUnavailableException(
                        AppId.of(ORDERS_APP),
                        TokenUnavailableException.Reason.BAD_CREDENTIALS,
                        Optional.of(NOW.plusSeconds(60)),
                        "app " + ORDERS_APP + ": WeChat refused the app's credentials (errcode 40125)"));

        get(ORDERS_APP, ORDERS_KEY)
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(content()
                        .json("{\"error\":\"token_unavailable\",\"message\":\"app " + ORDERS_APP
                                + ": WeChat refused the app's credentials (errcode 40125)\"}"));
    }

    @Test
    void anUnreachableStoreIs503StoreUnavailableWithoutItsInternals() throws Exception {
        given(getAccessToken.current(AppId.of(ORDERS_APP)))
                .willThrow(new StoreUnavailableException(
                        "Redis could not read the token: RedisConnectionException", new RuntimeException("10.0.0.7")));

        String body = get(ORDERS_APP, ORDERS_KEY)
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().json("{\"error\":\"store_unavailable\"}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).doesNotContain("10.0.0.7", "Exception", "at dev.");
    }

    @Test
    void otherInternalPathsAreClosedToo() throws Exception {
        http.perform(MockMvcRequestBuilders.get("/internal/v1/nothing"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().json("{\"error\":\"invalid_client_key\"}"));
        http.perform(MockMvcRequestBuilders.get("/internal/v1/nothing").header("Authorization", "Bearer " + OPS_KEY))
                .andExpect(status().isNotFound());
    }
}
