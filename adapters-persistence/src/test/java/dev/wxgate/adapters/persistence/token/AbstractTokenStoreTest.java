package dev.wxgate.adapters.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.StoredToken;
import dev.wxgate.domain.token.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TokenStore}, run against every adapter. "Nodes" are two store instances over the same
 * storage (the same instance, in memory).
 */
abstract class AbstractTokenStoreTest {
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00.123Z");

    /** The store as node one sees it. */
    abstract TokenStore node1();

    /** The same storage as another node sees it. */
    abstract TokenStore node2();

    final AppId app = randomAppId();

    static AppId randomAppId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return AppId.of("wx" + HexFormat.of().formatHex(bytes));
    }

    static AccessToken token(String name) {
        return AccessToken.issued("TOKEN_" + name + "_" + "x".repeat(30), NOW, Duration.ofHours(2));
    }

    @Test
    void anAppWithoutATokenReadsEmpty() {
        assertThat(node1().read(app)).isEmpty();
        assertThat(node1().readLatest(app)).isEmpty();
    }

    @Test
    void theFirstWriteIsVersionOneAndEveryNodeReadsIt() {
        Optional<StoredToken> written = node1().compareAndSet(app, 0, token("a"), "node-1");

        assertThat(written).hasValueSatisfying(stored -> {
            assertThat(stored.version()).isEqualTo(1);
            assertThat(stored.token()).isEqualTo(token("a"));
            assertThat(stored.fetchedBy()).isEqualTo("node-1");
        });
        assertThat(node1().read(app)).isEqualTo(written);
        assertThat(node2().readLatest(app)).isEqualTo(written);
        assertThat(node2().read(app)).isEqualTo(written);
    }

    @Test
    void aWriteFromAnOutdatedVersionLosesAndChangesNothing() {
        node1().compareAndSet(app, 0, token("a"), "node-1");
        StoredToken second = node2().compareAndSet(app, 1, token("b"), "node-2").orElseThrow();

        assertThat(node1().compareAndSet(app, 1, token("older"), "node-1")).isEmpty();
        assertThat(node1().compareAndSet(app, 0, token("older"), "node-1")).isEmpty();

        assertThat(node1().readLatest(app)).contains(second);
        assertThat(second.version()).isEqualTo(2);
    }

    @Test
    void ofConcurrentWritesFromOneVersionExactlyOneWins() throws Exception {
        node1().compareAndSet(app, 0, token("a"), "node-1");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<StoredToken>>> attempts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                TokenStore node = i % 2 == 0 ? node1() : node2();
                String name = "racer" + i;
                attempts.add(threads.submit(() -> {
                    start.await();
                    return node.compareAndSet(app, 1, token(name), name);
                }));
            }
            start.countDown();
            List<StoredToken> winners = new ArrayList<>();
            for (Future<Optional<StoredToken>> attempt : attempts) {
                attempt.get().ifPresent(winners::add);
            }
            assertThat(winners).singleElement().satisfies(winner -> {
                assertThat(winner.version()).isEqualTo(2);
                assertThat(node2().readLatest(app)).contains(winner);
            });
        }
    }

    @Test
    void aNewVersionReachesTheOtherNodesReadsAtOnce() {
        node1().compareAndSet(app, 0, token("a"), "node-1");
        assertThat(node2().read(app)).map(StoredToken::version).contains(1L);

        node1().compareAndSet(app, 1, token("b"), "node-1");

        assertThat(node2().readLatest(app)).map(StoredToken::version).contains(2L);
        // The other node's near cache (if it has one) is dropped by the announcement, not by its time to live.
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() ->
                        assertThat(node2().read(app)).map(StoredToken::version).contains(2L));
    }

    @Test
    void appsAreIndependent() {
        AppId other = randomAppId();
        node1().compareAndSet(app, 0, token("a"), "node-1");

        assertThat(node1().read(other)).isEmpty();
        assertThat(node1().compareAndSet(other, 0, token("b"), "node-1")).isPresent();
        assertThat(node1().readLatest(app))
                .map(stored -> stored.token().value())
                .contains(token("a").value());
    }

    @Test
    void theLockIsHeldByOneNodeAtATimeAndTheWaitIsBounded() throws Exception {
        TokenStore.RefreshLock held = node1().lock(app);
        assertThat(held.tryLock(Duration.ZERO)).isTrue();
        try (ExecutorService other = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThat(other.submit(() -> node2().lock(app).tryLock(Duration.ofMillis(200)))
                            .get())
                    .isFalse();
            assertThat(other.submit(() -> node1().lock(app).tryLock(Duration.ZERO))
                            .get())
                    .as("another thread of the same node")
                    .isFalse();

            held.unlock();

            assertThat(other.submit(() -> {
                                TokenStore.RefreshLock lock = node2().lock(app);
                                boolean got = lock.tryLock(Duration.ofSeconds(1));
                                lock.unlock();
                                return got;
                            })
                            .get())
                    .isTrue();
        }
    }

    @Test
    void aWaiterGetsTheLockWhenItIsReleased() throws Exception {
        TokenStore.RefreshLock held = node1().lock(app);
        assertThat(held.tryLock(Duration.ZERO)).isTrue();
        try (ExecutorService other = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> waiter = other.submit(() -> {
                TokenStore.RefreshLock lock = node2().lock(app);
                boolean got = lock.tryLock(Duration.ofSeconds(5));
                if (got) {
                    lock.unlock();
                }
                return got;
            });
            Thread.sleep(100);
            held.unlock();
            assertThat(waiter.get()).isTrue();
        }
    }

    @Test
    void releasingALockNotHeldIsHarmless() {
        node1().lock(app).unlock();
        assertThat(node1().readLatest(app)).isEmpty();
    }
}
