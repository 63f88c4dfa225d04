package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.app.AppType;
import dev.wxgate.domain.app.CallbackMode;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.TokenMode;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class WechatAppsConfigurationTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WxgateProperties.class)
    @Import(WechatAppsConfiguration.class)
    static class Apps {}

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Apps.class);

    @Test
    void appsBindFromRelaxedPropertiesWithDefaults() {
        context.withPropertyValues(
                        "wxgate.apps[0].app-id=wx0123456789abcdef",
                        "wxgate.apps[0].secret=" + SECRET,
                        "wxgate.apps[1].app-id=wxfedcba9876543210",
                        "wxgate.apps[1].secret=" + SECRET,
                        "wxgate.apps[1].type=official-account",
                        "wxgate.apps[1].token-mode=classic",
                        "wxgate.apps[1].callback.token=AAAAA",
                        "wxgate.apps[1].callback.encoding-aes-key=" + "A".repeat(43))
                .run(started -> {
                    List<WechatApp> apps = started.getBean(WechatApps.class).all();
                    assertThat(apps).hasSize(2);
                    assertThat(apps.get(0).type()).isEqualTo(AppType.MINI_PROGRAM);
                    assertThat(apps.get(0).tokenMode()).isEqualTo(TokenMode.STABLE);
                    assertThat(apps.get(1).type()).isEqualTo(AppType.OFFICIAL_ACCOUNT);
                    assertThat(apps.get(1).tokenMode()).isEqualTo(TokenMode.CLASSIC);
                    assertThat(apps.get(1).callback()).isPresent();
                });
    }

    @Test
    void noToStringShowsASecret() {
        context.withPropertyValues(
                        "wxgate.apps[0].app-id=wx0123456789abcdef",
                        "wxgate.apps[0].secret=" + SECRET,
                        "wxgate.apps[0].callback.token=tokentoken",
                        "wxgate.apps[0].callback.encoding-aes-key=" + "B".repeat(43))
                .run(started -> {
                    String printed = started.getBean(WxgateProperties.class).toString()
                            + started.getBean(WechatApps.class).all().toString();
                    assertThat(printed).doesNotContain(SECRET, "tokentoken", "B".repeat(43));
                });
    }

    @Test
    void aBadAppIdFailsStartupNamingThePropertyButNotTheSecret() {
        context.withPropertyValues("wxgate.apps[0].app-id=wxNOTHEX", "wxgate.apps[0].secret=" + SECRET)
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("appId must be"));
        context.withPropertyValues("wxgate.apps[0].app-id=wxNOTHEX", "wxgate.apps[0].secret=" + SECRET)
                .run(started -> assertThat(started.getStartupFailure())
                        .hasStackTraceContaining("wxgate.apps[0]: appId must be")
                        .satisfies(failure -> assertThat(stackOf(failure)).doesNotContain(SECRET)));
    }

    @Test
    void theCallbackModeBindsAndDefaultsFromTheKey() {
        context.withPropertyValues(
                        "wxgate.apps[0].app-id=wx0123456789abcdef",
                        "wxgate.apps[0].secret=" + SECRET,
                        "wxgate.apps[0].callback.token=AAAAA",
                        "wxgate.apps[0].callback.encoding-aes-key=" + "A".repeat(43),
                        "wxgate.apps[0].callback.mode=safe",
                        "wxgate.apps[1].app-id=wxfedcba9876543210",
                        "wxgate.apps[1].secret=" + SECRET,
                        "wxgate.apps[1].callback.token=AAAAA",
                        "wxgate.apps[1].callback.encoding-aes-key=" + "A".repeat(43),
                        "wxgate.apps[2].app-id=wx00000000000000ff",
                        "wxgate.apps[2].secret=" + SECRET,
                        "wxgate.apps[2].callback.token=AAAAA")
                .run(started -> assertThat(started.getBean(WechatApps.class).all())
                        .extracting(app -> app.callback().orElseThrow().mode())
                        .containsExactly(CallbackMode.SAFE, CallbackMode.COMPATIBLE, CallbackMode.PLAINTEXT));
    }

    @Test
    void anEncryptedModeWithoutAKeyFailsStartupNamingTheProperty() {
        for (String mode : new String[] {"safe", "compatible"}) {
            context.withPropertyValues(
                            "wxgate.apps[0].app-id=wx0123456789abcdef",
                            "wxgate.apps[0].secret=" + SECRET,
                            "wxgate.apps[0].callback.token=tokentoken",
                            "wxgate.apps[0].callback.mode=" + mode)
                    .run(started -> assertThat(started.getStartupFailure())
                            .hasStackTraceContaining(
                                    "wxgate.apps[0]: callback.mode " + mode + " needs a callback.encodingAesKey")
                            .satisfies(failure -> assertThat(stackOf(failure)).doesNotContain("tokentoken")));
        }
    }

    @Test
    void aPreviousEncodingAesKeyAndItsEndBindForTheChangeover() {
        context.withPropertyValues(
                        "wxgate.apps[0].app-id=wx0123456789abcdef",
                        "wxgate.apps[0].secret=" + SECRET,
                        "wxgate.apps[0].callback.token=AAAAA",
                        "wxgate.apps[0].callback.encoding-aes-key=" + "A".repeat(43),
                        "wxgate.apps[0].callback.previous-encoding-aes-key=" + "B".repeat(43),
                        "wxgate.apps[0].callback.previous-key-until=2026-12-04T06:00:00Z")
                .run(started -> {
                    CallbackSettings settings = started.getBean(WechatApps.class)
                            .all()
                            .getFirst()
                            .callback()
                            .orElseThrow();
                    assertThat(settings.encodingAesKeys()).containsExactly("A".repeat(43), "B".repeat(43));
                    assertThat(settings.takes("B".repeat(43), Instant.parse("2026-12-04T05:59:59Z")))
                            .isTrue();
                    assertThat(settings.takes("B".repeat(43), Instant.parse("2026-12-04T06:00:00Z")))
                            .isFalse();
                });
    }

    @Test
    void anEndWithoutAPreviousKeyOrAPreviousKeyEqualToTheCurrentFailsStartupWithoutShowingTheKey() {
        context.withPropertyValues(
                        "wxgate.apps[0].app-id=wx0123456789abcdef",
                        "wxgate.apps[0].secret=" + SECRET,
                        "wxgate.apps[0].callback.token=AAAAA",
                        "wxgate.apps[0].callback.encoding-aes-key=" + "A".repeat(43),
                        "wxgate.apps[0].callback.previous-key-until=2026-12-04T06:00:00Z")
                .run(started -> assertThat(started.getStartupFailure())
                        .hasStackTraceContaining(
                                "wxgate.apps[0]: callback.previousKeyUntil needs a callback.previousEncodingAesKey"));
        context.withPropertyValues(
                        "wxgate.apps[0].app-id=wx0123456789abcdef",
                        "wxgate.apps[0].secret=" + SECRET,
                        "wxgate.apps[0].callback.token=AAAAA",
                        "wxgate.apps[0].callback.encoding-aes-key=" + "A".repeat(43),
                        "wxgate.apps[0].callback.previous-encoding-aes-key=" + "A".repeat(43))
                .run(started -> assertThat(started.getStartupFailure())
                        .hasStackTraceContaining("must differ from callback.encodingAesKey")
                        .satisfies(failure -> assertThat(stackOf(failure)).doesNotContain("A".repeat(43))));
    }

    @Test
    void theSameAppTwiceIsRejected() {
        WxgateProperties.App app = new WxgateProperties.App(
                "wx0123456789abcdef",
                SECRET,
                AppType.MINI_PROGRAM,
                TokenMode.STABLE,
                null,
                new WxgateProperties.AppJsSdk(List.of()),
                null,
                null,
                null);

        assertThatThrownBy(() -> new WechatApps(WechatAppsConfiguration.toDomain(List.of(app, app))))
                .hasMessageContaining("configured twice");
    }

    private static String stackOf(Throwable failure) {
        var out = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
