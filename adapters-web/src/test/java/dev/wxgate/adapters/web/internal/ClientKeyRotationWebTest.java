package dev.wxgate.adapters.web.internal;

import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.BILLING_NEW_KEY;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.BILLING_OLD_KEY;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.BILLING_RETIRED_KEY;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.NOW;
import static dev.wxgate.adapters.web.internal.InternalApiTestConfiguration.ORDERS_APP;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wxgate.application.token.GetAccessToken;
import dev.wxgate.application.token.ReportInvalidAccessToken;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** A client with several keys (a rotation under way): each valid key works, one past its not-after is told so. */
@WebMvcTest
class ClientKeyRotationWebTest {
    private static final String TOKEN_PATH = "/internal/v1/apps/" + ORDERS_APP + "/access-token";

    @Autowired
    MockMvc http;

    @MockitoBean
    GetAccessToken getAccessToken;

    @MockitoBean
    ReportInvalidAccessToken reportInvalid;

    @Test
    void bothKeysOfAClientInRotationWork() throws Exception {
        given(getAccessToken.current(AppId.of(ORDERS_APP)))
                .willReturn(AccessToken.issued("ACCESS_TOKEN_abcdefghijklmnop", NOW, Duration.ofSeconds(7200)));

        for (String key : new String[] {BILLING_OLD_KEY, BILLING_NEW_KEY}) {
            http.perform(get(TOKEN_PATH).header("Authorization", "Bearer " + key))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.accessToken").value("ACCESS_TOKEN_abcdefghijklmnop"));
        }
    }

    @Test
    void aKeyPastItsNotAfterIs401ClientKeyExpired_notAnUnknownKey() throws Exception {
        http.perform(get(TOKEN_PATH).header("Authorization", "Bearer " + BILLING_RETIRED_KEY))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token")))
                .andExpect(jsonPath("$.error").value("client_key_expired"));
        http.perform(get(TOKEN_PATH).header("Authorization", "Bearer billing-unknown-key-0123456789abcdefg"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("invalid_client_key"));
    }

    @Test
    void introspectionWithAnExpiredKeyIs401ClientKeyExpired() throws Exception {
        String basic =
                Base64.getEncoder().encodeToString(("billing:" + BILLING_RETIRED_KEY).getBytes(StandardCharsets.UTF_8));

        http.perform(post("/internal/v1/sessions/introspect")
                        .header("Authorization", "Basic " + basic)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("token=abc"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("client_key_expired"));
    }

    @Test
    void anotherClientsIdWithAnExpiredKeyIsAnUnknownKey() throws Exception {
        String basic =
                Base64.getEncoder().encodeToString(("orders:" + BILLING_RETIRED_KEY).getBytes(StandardCharsets.UTF_8));

        http.perform(post("/internal/v1/sessions/introspect")
                        .header("Authorization", "Basic " + basic)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("token=abc"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("invalid_client"));
    }

    @Test
    void aGatewayWithAnExpiredKeyIs403ClientKeyExpired_asForAnUnknownGatewayKey() throws Exception {
        http.perform(get("/internal/v1/forward-auth").header("X-Wxgate-Client-Key", BILLING_RETIRED_KEY))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value("client_key_expired"));
    }
}
