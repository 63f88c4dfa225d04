package dev.wxgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.api.ApiClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** wxgate's own login limit per client address, before WeChat is asked. */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxgate.login.per-client-ip=3", "wxgate.login.period=1m"})
@ActiveProfiles("test")
class LoginRateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void theFourthLoginOfAMinuteFromOneAddressIs429WithRetryAfter() {
        ApiClient api = new ApiClient(port);
        for (int i = 0; i < 3; i++) {
            assertThat(api.logIn("oLimited" + i).status()).isEqualTo(200);
        }
        String code = api.loginCode("oLimited9");

        Answer limited = api.post("/api/v1/login", null, java.util.Map.of("code", code));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("error")).isEqualTo("rate_limited");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(api.get("/_sandbox/stats", null).body())
                .as("WeChat was not asked for the refused login")
                .contains("\"/sns/jscode2session\":3");
    }
}
