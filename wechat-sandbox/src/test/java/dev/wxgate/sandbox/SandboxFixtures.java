package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Test data: the apps, clock and seams the engine tests share. */
final class SandboxFixtures {
    static final String MINI = "wx1111111111111111";
    static final String MINI_SECRET = "11111111111111111111111111111111";
    static final String OFFICIAL = "wx2222222222222222";
    static final String OFFICIAL_SECRET = "22222222222222222222222222222222";
    /** A second mini-program bound to the same Open Platform account as {@link #MINI}. */
    static final String SIBLING = "wx3333333333333333";

    static final String SIBLING_SECRET = "33333333333333333333333333333333";
    /** A mini-program bound to no Open Platform account. */
    static final String LONER = "wx4444444444444444";

    static final String LONER_SECRET = "44444444444444444444444444444444";
    /** 10:00 in Shanghai: far from midnight, so daily quotas do not roll over by accident. */
    static final Instant START = Instant.parse("2025-03-01T02:00:00Z");

    private SandboxFixtures() {}

    static List<AppConfig> apps() {
        return List.of(
                new AppConfig(MINI, MINI_SECRET, AppType.MINI_PROGRAM, "group-a", 7200, 2000, 500_000),
                new AppConfig(OFFICIAL, OFFICIAL_SECRET, AppType.OFFICIAL_ACCOUNT, "group-a", 7200, 2000, 500_000),
                new AppConfig(SIBLING, SIBLING_SECRET, AppType.MINI_PROGRAM, "group-a", 7200, 2000, 500_000),
                new AppConfig(LONER, LONER_SECRET, AppType.MINI_PROGRAM, null, 7200, 2000, 500_000));
    }

    /** The engine's seams made visible: what it slept, and the dice its busy faults roll. */
    static final class Seams {
        final List<Duration> sleeps = new ArrayList<>();
        final AtomicReference<Double> dice = new AtomicReference<>(0.5);
    }

    static SandboxEngine engine(Instant start, Seams seams) {
        return new SandboxEngine(
                apps(), Clock.fixed(start, ZoneOffset.UTC), new SecureRandom(), () -> seams.dice.get(), d -> {
                    synchronized (seams.sleeps) {
                        seams.sleeps.add(d);
                    }
                });
    }

    static SandboxEngine engine() {
        return engine(START, new Seams());
    }

    static <T> T ok(Outcome<T> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<T>) outcome).value();
    }

    static ErrorCode error(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed<?>) outcome).error();
    }

    static AppState.Grant classic(SandboxEngine engine, String appId, String secret) {
        return ok(engine.classicToken("GET", "client_credential", appId, secret));
    }

    static Outcome<AppState.Grant> stable(SandboxEngine engine, String appId, String secret, boolean force) {
        return engine.stableToken(
                "POST", new SandboxEngine.StableTokenRequest("client_credential", appId, secret, force, true));
    }

    static SandboxEngine.Login login(SandboxEngine engine, String appId, String secret, String openid) {
        String code = engine.createLoginCode(appId, openid, null);
        return ok(engine.codeToSession("GET", appId, secret, code, "authorization_code"));
    }
}
