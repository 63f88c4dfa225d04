package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.SandboxFixtures.MINI;
import static dev.wxgate.sandbox.SandboxFixtures.MINI_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.classic;
import static dev.wxgate.sandbox.SandboxFixtures.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlOperationsTest {
    private final SandboxEngine engine = SandboxFixtures.engine();

    @Test
    void addedAppGetsAGeneratedIdAndSecretAndWorksAtOnce() {
        AppConfig added = engine.addApp(null, null, null, null, 30L, 200, null);

        assertThat(added.appId()).matches("wx[0-9a-f]{16}");
        assertThat(added.secret()).matches("[0-9a-f]{32}");
        assertThat(added.type()).isEqualTo(AppType.MINI_PROGRAM);
        assertThat(added.dailyQuota()).isEqualTo(200);
        assertThat(classic(engine, added.appId(), added.secret()).expiresIn()).isEqualTo(30);
    }

    @Test
    void addingAnExistingAppIsAConflictAndBadValuesAreRefused() {
        assertThatThrownBy(() -> engine.addApp(MINI, null, null, null, null, null, null))
                .isInstanceOf(SandboxInputException.class)
                .extracting(e -> ((SandboxInputException) e).kind())
                .isEqualTo(SandboxInputException.Kind.CONFLICT);
        assertThatThrownBy(() -> engine.addApp("wxNOTHEX000000000", null, null, null, null, null, null))
                .hasMessageContaining("appId");
        assertThatThrownBy(() -> engine.addApp(null, "short", null, null, null, null, null))
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> engine.addApp(null, null, null, "bad group!", null, null, null))
                .hasMessageContaining("unionGroup");
        assertThatThrownBy(() -> engine.changeApp(MINI, 0L, null, null)).hasMessageContaining("tokenExpiresIn");
        assertThatThrownBy(() -> engine.changeApp(MINI, null, 0, null)).hasMessageContaining("dailyQuota");
        assertThatThrownBy(() -> engine.changeApp("wx9999999999999999", 10L, null, null))
                .isInstanceOf(SandboxInputException.class)
                .extracting(e -> ((SandboxInputException) e).kind())
                .isEqualTo(SandboxInputException.Kind.NOT_FOUND);
    }

    @Test
    void configuringTheSameAppTwiceFails() {
        List<AppConfig> twice =
                List.of(SandboxFixtures.apps().get(0), SandboxFixtures.apps().get(0));

        assertThatThrownBy(() -> new SandboxEngine(twice, java.time.Clock.systemUTC()))
                .hasMessageContaining("configured twice");
    }

    @Test
    void clockOnlyMovesForward() {
        Instant before = engine.now();
        engine.advanceClock(Duration.ofSeconds(90));

        assertThat(engine.now()).isEqualTo(before.plusSeconds(90));
        assertThatThrownBy(() -> engine.advanceClock(Duration.ofSeconds(-1))).isInstanceOf(SandboxInputException.class);
        assertThatThrownBy(() -> engine.advanceClock(Duration.ofDays(5000))).isInstanceOf(SandboxInputException.class);
    }

    @Test
    void requestIdLooksLikeWechatsAndStartsWithTheEpochSecond() {
        assertThat(engine.requestId())
                .matches("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}")
                .startsWith(Long.toHexString(SandboxFixtures.START.getEpochSecond()));
    }

    @Test
    void nothingSecretShowsInToString() {
        AppConfig app = SandboxFixtures.apps().get(0);
        AppState.Grant grant = classic(engine, MINI, MINI_SECRET);
        SandboxEngine.Login login = login(engine, MINI, MINI_SECRET, "alice");
        String code = engine.createLoginCode(MINI, "alice", null);

        assertThat(app.toString()).doesNotContain(MINI_SECRET);
        assertThat(grant.toString()).doesNotContain(grant.accessToken());
        assertThat(login.toString()).doesNotContain(login.sessionKey());
        assertThat(new SandboxEngine.PhoneCodeRequest(code, null).toString()).doesNotContain(code);
        assertThat(new SandboxEngine.StableTokenRequest("client_credential", MINI, MINI_SECRET, false, true).toString())
                .doesNotContain(MINI_SECRET);
        assertThat(Secrets.mask(grant.accessToken())).hasSizeLessThan(20);
    }

    @Test
    void secretsCompareByContentOnly() {
        assertThat(Secrets.sameSecret(MINI_SECRET, new String(MINI_SECRET.toCharArray())))
                .isTrue();
        assertThat(Secrets.sameSecret(MINI_SECRET, MINI_SECRET + "0")).isFalse();
        assertThat(Secrets.sameSecret(MINI_SECRET, null)).isFalse();
    }
}
