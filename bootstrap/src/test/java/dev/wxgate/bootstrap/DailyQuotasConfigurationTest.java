package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.token.DailyQuotas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@ExtendWith(OutputCaptureExtension.class)
class DailyQuotasConfigurationTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final AppId CLASSIC = AppId.of("wx0123456789abcdef");
    private static final AppId STABLE = AppId.of("wxfedcba9876543210");
    private static final AppId TEST_ACCOUNT = AppId.of("wx00000000000000aa");

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WxgateProperties.class)
    @Import(WechatAppsConfiguration.class)
    static class Quotas {
        @Bean
        DailyQuotas dailyQuotas(WxgateProperties properties) {
            return new TokenConfiguration().dailyQuotas(properties);
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Quotas.class)
            .withPropertyValues(
                    "wxgate.apps[0].app-id=" + CLASSIC,
                    "wxgate.apps[0].secret=" + SECRET,
                    "wxgate.apps[0].token-mode=classic",
                    "wxgate.apps[1].app-id=" + STABLE,
                    "wxgate.apps[1].secret=" + SECRET,
                    "wxgate.apps[2].app-id=" + TEST_ACCOUNT,
                    "wxgate.apps[2].secret=" + SECRET,
                    "wxgate.apps[2].token-mode=classic",
                    "wxgate.apps[2].daily-quota=200");

    @Test
    void eachModeHasWechatsFigureAndAnAppItsOwn(CapturedOutput output) {
        context.run(started -> {
            DailyQuotas quotas = started.getBean(DailyQuotas.class);
            assertThat(quotas.of(CLASSIC, TokenMode.CLASSIC)).isEqualTo(2000);
            assertThat(quotas.of(STABLE, TokenMode.STABLE)).isEqualTo(500_000);
            assertThat(quotas.of(TEST_ACCOUNT, TokenMode.CLASSIC)).isEqualTo(200);
        });
        assertThat(output).doesNotContain("deprecated");
    }

    @Test
    void theOldGlobalQuotaStillSetsClassicAppsOnlyWithADeprecationWarning(CapturedOutput output) {
        context.withPropertyValues("wxgate.token.daily-quota=1000").run(started -> {
            DailyQuotas quotas = started.getBean(DailyQuotas.class);
            assertThat(quotas.of(CLASSIC, TokenMode.CLASSIC)).isEqualTo(1000);
            assertThat(quotas.of(STABLE, TokenMode.STABLE)).isEqualTo(500_000);
            assertThat(quotas.of(TEST_ACCOUNT, TokenMode.CLASSIC)).isEqualTo(200);
        });
        assertThat(output).contains("wxgate.token.daily-quota is deprecated").contains("wxgate.apps[N].daily-quota");
    }

    @Test
    void aQuotaThatIsNotPositiveOrOfAWebsiteAppStopsStartUp() {
        context.withPropertyValues("wxgate.apps[2].daily-quota=0")
                .run(started ->
                        assertThat(started).getFailure().rootCause().hasMessageContaining("must be a positive number"));
        context.withPropertyValues("wxgate.apps[1].type=website", "wxgate.apps[1].daily-quota=10")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("a website app has no access_token"));
        context.withPropertyValues("wxgate.token.daily-quota=-1")
                .run(started ->
                        assertThat(started).getFailure().rootCause().hasMessageContaining("must be a positive number"));
    }
}
