package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Binding of {@code wxgate.sandbox.*}: defaults, validation at startup, and the metadata IDEs read. */
class SandboxPropertiesTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(WechatSandboxConfiguration.class);

    @Test
    void withoutConfiguredAppsTheTwoDocumentedDefaultsAreServed() {
        runner.run(context -> {
            SandboxEngine engine = context.getBean(SandboxEngine.class);
            assertThat(engine.apps())
                    .extracting(SandboxEngine.AppView::config)
                    .containsExactly(
                            SandboxProperties.DEFAULT_MINI_PROGRAM,
                            SandboxProperties.DEFAULT_OFFICIAL_ACCOUNT,
                            SandboxProperties.DEFAULT_WEBSITE);
            assertThat(context.getBean(SandboxProperties.class).wechatPath()).isEmpty();
        });
    }

    @Test
    void appsBindWithWechatsDefaults() {
        runner.withPropertyValues(
                        "wxgate.sandbox.apps[0].app-id=wx0123456789abcdef",
                        "wxgate.sandbox.apps[0].secret=0123456789abcdef0123456789abcdef")
                .run(context -> assertThat(context.getBean(SandboxEngine.class)
                                .app("wx0123456789abcdef")
                                .config())
                        .isEqualTo(new AppConfig(
                                "wx0123456789abcdef",
                                "0123456789abcdef0123456789abcdef",
                                AppType.MINI_PROGRAM,
                                null,
                                7200,
                                2000,
                                500_000)));
    }

    @Test
    void badWechatPathFailsStartup() {
        runner.withPropertyValues("wxgate.sandbox.wechat-path=/_sandbox/wechat/")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("wechat-path"));
    }

    @Test
    void badAppFailsStartupNamingTheField() {
        runner.withPropertyValues("wxgate.sandbox.apps[0].app-id=WX-NOT-AN-ID")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("appId"));
        runner.withPropertyValues(
                        "wxgate.sandbox.apps[0].app-id=wx0123456789abcdef",
                        "wxgate.sandbox.apps[1].app-id=wx0123456789abcdef")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("twice"));
    }

    @Test
    void configurationMetadataIsGenerated() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(metadata).contains("\"wxgate.sandbox.wechat-path\"", "\"wxgate.sandbox.apps\"");
        }
    }
}
