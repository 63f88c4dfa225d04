package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.SandboxFixtures.MINI;
import static dev.wxgate.sandbox.SandboxFixtures.MINI_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private static final int THREADS = 200;
    private static final int CALLS_EACH = 25;

    @Test
    void concurrentTokenCallsKeepCountsAndTokensConsistent() throws Exception {
        SandboxEngine engine = SandboxFixtures.engine();
        engine.changeApp(MINI, null, THREADS * CALLS_EACH, null);
        Set<String> classicTokens = ConcurrentHashMap.newKeySet();
        Set<String> stableTokens = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);

        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < CALLS_EACH; i++) {
                        record(
                                engine.classicToken("GET", "client_credential", MINI, MINI_SECRET),
                                classicTokens,
                                failures);
                        record(SandboxFixtures.stable(engine, MINI, MINI_SECRET, false), stableTokens, failures);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }

        int calls = THREADS * CALLS_EACH;
        assertThat(failures).hasValue(0);
        assertThat(classicTokens).hasSize(calls);
        assertThat(stableTokens).hasSize(1);
        assertThat(engine.calls(MINI, Endpoint.TOKEN)).isEqualTo(calls);
        assertThat(engine.calls(MINI, Endpoint.STABLE_TOKEN)).isEqualTo(calls);
        assertThat(engine.app(MINI).classicCallsToday()).isEqualTo(calls);
        assertThat(engine.app(MINI).stableCallsToday()).isEqualTo(calls);
        // Exactly the latest classic token and its predecessor still work.
        long working = classicTokens.stream()
                .filter(token -> engine.checkSession("GET", token, "nobody", "00", "hmac_sha256")
                                instanceof Outcome.Failed<String> f
                        && f.error() == ErrorCode.INVALID_OPENID)
                .count();
        assertThat(working).isEqualTo(2);
        // The quota is exhausted exactly.
        assertThat(engine.classicToken("GET", "client_credential", MINI, MINI_SECRET))
                .isEqualTo(Outcome.failed(ErrorCode.DAILY_QUOTA));
    }

    @Test
    void concurrentExchangesOfOneCodeSucceedOnce() throws Exception {
        SandboxEngine engine = SandboxFixtures.engine();
        String code = engine.createLoginCode(MINI, "alice", null);
        AtomicInteger successes = new AtomicInteger();
        AtomicInteger used = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);

        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    Outcome<SandboxEngine.Login> outcome =
                            engine.codeToSession("GET", MINI, MINI_SECRET, code, "authorization_code");
                    if (outcome instanceof Outcome.Ok<SandboxEngine.Login>) {
                        successes.incrementAndGet();
                    } else if (outcome.equals(Outcome.failed(ErrorCode.CODE_BEEN_USED))) {
                        used.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }

        assertThat(successes).hasValue(1);
        assertThat(used).hasValue(49);
    }

    private static void record(Outcome<AppState.Grant> outcome, Set<String> tokens, AtomicInteger failures) {
        if (outcome instanceof Outcome.Ok<AppState.Grant> ok) {
            tokens.add(ok.value().accessToken());
        } else {
            failures.incrementAndGet();
        }
    }
}
