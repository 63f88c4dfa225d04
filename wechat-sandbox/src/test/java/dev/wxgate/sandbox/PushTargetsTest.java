package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the push tool may send: a wxgate callback URL on this host, or under a configured prefix; nothing else. */
class PushTargetsTest {
    static final int OWN = 8080;

    @Test
    void embeddedTheOwnCallbackUrlsOnTheOwnPortOnly() {
        PushTargets targets = PushTargets.sameServer(List.of());
        assertThat(targets.allows(URI.create("http://127.0.0.1:8080/wx/callback/wxa1b2c3d4e5f60002"), OWN))
                .isTrue();
        assertThat(targets.allows(URI.create("http://localhost:8080/wx/callback/wxa1b2c3d4e5f60002"), OWN))
                .isTrue();
        assertThat(targets.allows(URI.create("http://[::1]:8080/wx/callback/wxa1b2c3d4e5f60002?x=1"), OWN))
                .isTrue();
        assertThat(targets.allows(URI.create("http://127.0.0.1:8081/wx/callback/wxa1b2c3d4e5f60002"), OWN))
                .as("another local port")
                .isFalse();
        for (String refused : List.of(
                "http://127.0.0.1:8080/actuator/health",
                "http://127.0.0.1:8080/wx/callback/../../actuator/prometheus",
                "http://127.0.0.1:8080/wx/callback/%2e%2e/%2e%2e/actuator",
                "http://127.0.0.1:8080/wx/callback/a/b",
                "http://127.0.0.1:8080/_sandbox/reset",
                "https://127.0.0.1:8080/wx/callback/wxa1b2c3d4e5f60002",
                "http://169.254.169.254:8080/wx/callback/wxa1b2c3d4e5f60002",
                "http://example.com:8080/wx/callback/wxa1b2c3d4e5f60002",
                "http://10.0.0.5:8080/wx/callback/wxa1b2c3d4e5f60002")) {
            assertThat(targets.allows(URI.create(refused), OWN)).as(refused).isFalse();
        }
    }

    @Test
    void standaloneAWxgateCallbackUrlOnAnyLocalPort() {
        PushTargets targets = PushTargets.anyLocalPort(List.of());
        assertThat(targets.allows(URI.create("http://127.0.0.1:9999/wx/callback/wxa1b2c3d4e5f60002"), OWN))
                .isTrue();
        assertThat(targets.allows(URI.create("http://127.0.0.1:9999/actuator/health"), OWN))
                .isFalse();
    }

    @Test
    void configuredPrefixesAddTargets() {
        PushTargets targets = PushTargets.sameServer(List.of("http://wxgate-1:8080/wx/callback/"));
        assertThat(targets.allows(URI.create("http://wxgate-1:8080/wx/callback/wxa1b2c3d4e5f60002"), OWN))
                .isTrue();
        assertThat(targets.allows(URI.create("http://WXGATE-1:8080/wx/callback/x?y=z"), OWN))
                .isTrue();
        assertThat(targets.allows(URI.create("http://wxgate-1:8080/actuator"), OWN))
                .isFalse();
        assertThat(targets.allows(URI.create("http://wxgate-1:8080/wx/callback/../../actuator"), OWN))
                .isFalse();
        assertThat(targets.allows(URI.create("http://wxgate-1:8081/wx/callback/x"), OWN))
                .isFalse();
        assertThat(targets.allows(URI.create("https://wxgate-1:8080/wx/callback/x"), OWN))
                .isFalse();
    }

    @Test
    void aConfiguredTargetThatIsNoUrlPrefixFailsTheStart() {
        for (String bad : List.of("ftp://x/", "wxgate-1:8080", "http://u:p@h/", "http://h/a?b=c", "http://h/a/../b")) {
            assertThatThrownBy(() -> PushTargets.sameServer(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("wxgate.sandbox.push-targets");
        }
    }

    @Test
    void onlyLoopbackLiteralsAreLocalClients() {
        assertThat(ControlAccess.isLoopback("127.0.0.1")).isTrue();
        assertThat(ControlAccess.isLoopback("::1")).isTrue();
        assertThat(ControlAccess.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(ControlAccess.isLoopback("203.0.113.9")).isFalse();
        assertThat(ControlAccess.isLoopback("localhost"))
                .as("a name is never resolved")
                .isFalse();
        assertThat(ControlAccess.isLoopback("")).isFalse();
        assertThat(ControlAccess.isLoopback(null)).isFalse();
    }
}
