package dev.wxgate.adapters.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WechatClientSettingsTest {

    @Test
    void defaultsPointAtWechat() {
        WechatClientSettings defaults = WechatClientSettings.defaults();

        assertThat(defaults.baseUrl()).isEqualTo(URI.create("https://api.weixin.qq.com"));
        assertThat(defaults.maxRetries()).isEqualTo(2);
        assertThat(defaults.connectTimeout()).isPositive();
        assertThat(defaults.readTimeout()).isPositive();
    }

    @Test
    void aSandboxUrlWithAPathIsAccepted() {
        URI sandbox = URI.create("http://localhost:8080/_sandbox/wechat");

        assertThat(WechatClientSettings.defaults().withBaseUrl(sandbox).baseUrl())
                .isEqualTo(sandbox);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://api.weixin.qq.com",
                "/relative/path",
                "https://api.weixin.qq.com?x=1",
                "https://api.weixin.qq.com#frag",
                "https://user:pw@api.weixin.qq.com"
            })
    void rejectsBaseUrlsThatCannotPrefixAnEndpoint(String url) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WechatClientSettings.defaults().withBaseUrl(URI.create(url)))
                .withMessageStartingWith("baseUrl must");
    }

    @Test
    void rejectsNonsensicalLimits() {
        WechatClientSettings defaults = WechatClientSettings.defaults();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .withMessage("connectTimeout must be positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .withMessage("readTimeout must be positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withRetries(-1, Duration.ZERO))
                .withMessage("maxRetries must be between 0 and 10");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withRetries(2, Duration.ofMinutes(5)))
                .withMessage("retryBackoff must be between 0 and 1 minute");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withMaxConcurrentCalls(0))
                .withMessage("maxConcurrentCalls must be at least 1");
    }
}
