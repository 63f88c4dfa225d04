package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.SandboxFixtures.MINI;
import static dev.wxgate.sandbox.SandboxFixtures.MINI_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL;
import static dev.wxgate.sandbox.SandboxFixtures.OFFICIAL_SECRET;
import static dev.wxgate.sandbox.SandboxFixtures.classic;
import static dev.wxgate.sandbox.SandboxFixtures.error;
import static dev.wxgate.sandbox.SandboxFixtures.login;
import static dev.wxgate.sandbox.SandboxFixtures.ok;
import static dev.wxgate.sandbox.SandboxFixtures.stable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsFaultsAndResetTest {
    private final SandboxFixtures.Seams seams = new SandboxFixtures.Seams();
    private final SandboxEngine engine = SandboxFixtures.engine(SandboxFixtures.START, seams);

    @Test
    void statsCountSuccessfulAndFailedCallsPerAppAndEndpoint() {
        classic(engine, MINI, MINI_SECRET);
        classic(engine, MINI, MINI_SECRET);
        engine.classicToken("GET", "client_credential", MINI, OFFICIAL_SECRET);
        engine.classicToken("GET", "client_credential", "wx9999999999999999", MINI_SECRET);
        engine.classicToken("GET", "client_credential", null, null);
        stable(engine, OFFICIAL, OFFICIAL_SECRET, false);
        String token = classic(engine, OFFICIAL, OFFICIAL_SECRET).accessToken();
        engine.checkSession("GET", token, "nobody", "00", "hmac_sha256");
        engine.checkSession("GET", "86_unknown", "nobody", "00", "hmac_sha256");
        login(engine, MINI, MINI_SECRET, "alice");

        assertThat(engine.stats())
                .isEqualTo(Map.of(
                        MINI,
                        Map.of("/cgi-bin/token", 3L, "/sns/jscode2session", 1L),
                        OFFICIAL,
                        Map.of("/cgi-bin/stable_token", 1L, "/cgi-bin/token", 1L, "/wxa/checksession", 1L),
                        CallStats.UNKNOWN_APP,
                        Map.of("/cgi-bin/token", 2L, "/wxa/checksession", 1L)));
    }

    @Test
    void busyFaultAnswersSystemErrorWithoutIssuingAnything() {
        engine.setFault(Endpoint.TOKEN, new Fault(0, 1.0, false));

        assertThat(error(engine.classicToken("GET", "client_credential", MINI, MINI_SECRET)))
                .isEqualTo(ErrorCode.SYSTEM_ERROR);
        assertThat(engine.app(MINI).classicCallsToday()).isZero();
        assertThat(engine.calls(MINI, Endpoint.TOKEN)).isEqualTo(1);
        // Other endpoints are untouched.
        ok(stable(engine, MINI, MINI_SECRET, false));
    }

    @Test
    void errcodeFaultAnswersThatErrorUntilCleared() {
        engine.setFault(Endpoint.STABLE_TOKEN, new Fault(0, 0, false, 40125));

        assertThat(error(stable(engine, MINI, MINI_SECRET, false))).isEqualTo(ErrorCode.INVALID_APPSECRET);
        assertThat(error(stable(engine, MINI, MINI_SECRET, false))).isEqualTo(ErrorCode.INVALID_APPSECRET);
        assertThat(engine.app(MINI).stableCallsToday()).isZero();
        engine.setFault(Endpoint.STABLE_TOKEN, new Fault(0, 0, false, 40164));
        assertThat(error(stable(engine, MINI, MINI_SECRET, false))).isEqualTo(ErrorCode.INVALID_IP);

        engine.clearFault(Endpoint.STABLE_TOKEN);
        ok(stable(engine, MINI, MINI_SECRET, false));
        assertThatThrownBy(() -> new Fault(0, 0, false, 12345)).isInstanceOf(SandboxInputException.class);
    }

    @Test
    void busyRateIsTheShareOfCallsThatFail() {
        engine.setFault(Endpoint.TOKEN, new Fault(0, 0.3, false));
        int failures = 0;
        for (int i = 0; i < 100; i++) {
            // Deterministic dice: 0.00, 0.01, ... 0.99; exactly the 30 below 0.3 fail.
            seams.dice.set(i / 100.0);
            if (engine.classicToken("GET", "client_credential", MINI, MINI_SECRET) instanceof Outcome.Failed<?>) {
                failures++;
            }
        }
        assertThat(failures).isEqualTo(30);
        assertThat(engine.app(MINI).classicCallsToday()).isEqualTo(70);
    }

    @Test
    void outageAnswersNothingAndLatencyPausesTheCall() {
        engine.setFault(Endpoint.CODE_TO_SESSION, new Fault(250, 0, true));
        String code = engine.createLoginCode(MINI, "alice", null);

        assertThat(engine.codeToSession("GET", MINI, MINI_SECRET, code, "authorization_code"))
                .isInstanceOf(Outcome.Unavailable.class);
        assertThat(seams.sleeps).containsExactly(Duration.ofMillis(250));
        assertThat(engine.calls(MINI, Endpoint.CODE_TO_SESSION)).isEqualTo(1);

        engine.clearFault(Endpoint.CODE_TO_SESSION);
        // The outage did not consume the code.
        ok(engine.codeToSession("GET", MINI, MINI_SECRET, code, "authorization_code"));
    }

    @Test
    void faultsAreListedAndCleared() {
        engine.setFault(Endpoint.TOKEN, new Fault(10, 0.5, false));
        engine.setFault(Endpoint.PHONE_NUMBER, new Fault(0, 0, true));

        assertThat(engine.faults())
                .containsOnlyKeys("cgi-bin/token", "wxa/business/getuserphonenumber")
                .containsEntry("cgi-bin/token", new Fault(10, 0.5, false));

        engine.clearFaults();
        assertThat(engine.faults()).isEmpty();
    }

    @Test
    void faultsAreValidated() {
        assertThatThrownBy(() -> new Fault(-1, 0, false)).isInstanceOf(SandboxInputException.class);
        assertThatThrownBy(() -> new Fault(0, 1.5, false)).isInstanceOf(SandboxInputException.class);
        assertThatThrownBy(() -> new Fault(0, Double.NaN, false)).isInstanceOf(SandboxInputException.class);
        assertThat(Endpoint.fromFaultKey("cgi-bin/token")).contains(Endpoint.TOKEN);
        assertThat(Endpoint.fromFaultKey("/sns/jscode2session")).contains(Endpoint.CODE_TO_SESSION);
        assertThat(Endpoint.fromFaultKey("cgi-bin/nothing")).isEmpty();
    }

    @Test
    void resetDropsTokensCodesCountsFaultsAndAddedAppsButKeepsTheClock() {
        String token = classic(engine, MINI, MINI_SECRET).accessToken();
        String code = engine.createLoginCode(MINI, "alice", null);
        engine.block(MINI, "mallory", true);
        engine.setFault(Endpoint.STABLE_TOKEN, new Fault(0, 1, false));
        engine.addApp("wx5555555555555555", null, AppType.MINI_PROGRAM, null, null, null, null);
        engine.changeApp(MINI, 60L, 5, null);
        engine.advanceClock(Duration.ofSeconds(42));

        engine.reset();

        assertThat(engine.stats()).isEmpty();
        assertThat(error(engine.checkSession("GET", token, "nobody", "00", "hmac_sha256")))
                .isEqualTo(ErrorCode.INVALID_CREDENTIAL);
        assertThat(error(engine.codeToSession("GET", MINI, MINI_SECRET, code, "authorization_code")))
                .isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(engine.faults()).isEmpty();
        assertThat(engine.apps())
                .extracting(view -> view.config().appId())
                .containsExactly(MINI, OFFICIAL, SandboxFixtures.SIBLING, SandboxFixtures.LONER);
        assertThat(engine.app(MINI).config()).isEqualTo(SandboxFixtures.apps().get(0));
        assertThat(login(engine, MINI, MINI_SECRET, "mallory").openid()).isEqualTo("mallory");
        assertThat(engine.clockOffset()).isEqualTo(Duration.ofSeconds(42));
    }
}
