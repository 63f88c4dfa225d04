package dev.wxgate.application.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.application.RecordingAuditLog;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.Credential;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialKind;
import dev.wxgate.domain.token.CredentialQuota;
import dev.wxgate.domain.token.CredentialStore;
import dev.wxgate.domain.token.ForceBudget;
import dev.wxgate.domain.token.QuotaUsage;
import dev.wxgate.domain.token.StoredCredential;
import dev.wxgate.domain.token.TokenQuota;
import dev.wxgate.testfixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The machinery with a kind other than the access_token plugged in: a JS-SDK ticket over in-memory ports. */
class CredentialRefresherTest {
    private static final CredentialKey TICKET =
            new CredentialKey(CredentialKind.JSAPI_TICKET, AppId.of("wx00000000000000c1"));

    record Ticket(String value, Instant fetchedAt, Instant expiresAt) implements Credential {}

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T04:00:00Z"));
    private final TicketStore store = new TicketStore();
    private final List<Boolean> fetches = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile boolean sameValueEveryTime;
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CredentialRefresher<Ticket> refresher = new CredentialRefresher<>(
            new CredentialPorts<>(store, this::fetch, new CountingQuota(), key -> Optional.empty()),
            audit,
            CredentialEvents.NONE,
            TokenSettings.defaults("node-1").withWaits(Duration.ofSeconds(10), Duration.ofSeconds(10)),
            clock,
            executor);

    @AfterEach
    void close() {
        gate.countDown();
        executor.shutdownNow();
    }

    private Ticket fetch(CredentialKey key, boolean force) {
        fetches.add(force);
        try {
            gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        String value = sameValueEveryTime ? "TICKET_SAME" : "TICKET_" + issued.incrementAndGet();
        return new Ticket(value, clock.instant(), clock.instant().plus(Duration.ofHours(2)));
    }

    @Test
    void concurrentCallersOfAnotherKindCauseOneFetch() throws Exception {
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Ticket>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            answers.add(callers.submit(() -> refresher.await(TICKET, RefreshDemand.usable())));
        }
        gate.countDown();
        callers.shutdown();

        for (Future<Ticket> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS).value()).isEqualTo("TICKET_1");
        }
        assertThat(fetches).containsExactly(false);
        assertThat(store.read(TICKET))
                .hasValueSatisfying(stored -> assertThat(stored.version()).isEqualTo(1));
    }

    @Test
    void aKindWithoutForceBudgetIsNeverForcedNorAudited() {
        gate.countDown();
        sameValueEveryTime = true;
        refresher.await(TICKET, RefreshDemand.usable());

        // WeChat hands out the reported value again and nothing can force another: one call, and it is the answer.
        assertThat(refresher
                        .await(TICKET, RefreshDemand.replacing("TICKET_SAME", "client-a"))
                        .value())
                .isEqualTo("TICKET_SAME");
        assertThat(fetches).containsExactly(false, false);
        assertThat(refresher.force(TICKET, "alice", "leak")).isInstanceOf(ForcedRefreshResult.Refused.class);
        assertThat(fetches).doesNotContain(true);
        assertThat(audit.events).singleElement().satisfies(event -> assertThat(event.actor())
                .isEqualTo("alice"));
    }

    /** A credential store in maps, with a real lock per key. */
    static final class TicketStore implements CredentialStore<Ticket> {
        private final Map<CredentialKey, StoredCredential<Ticket>> stored = new ConcurrentHashMap<>();
        private final Map<CredentialKey, ReentrantLock> locks = new ConcurrentHashMap<>();

        @Override
        public Optional<StoredCredential<Ticket>> read(CredentialKey key) {
            return Optional.ofNullable(stored.get(key));
        }

        @Override
        public Optional<StoredCredential<Ticket>> readLatest(CredentialKey key) {
            return read(key);
        }

        @Override
        public Optional<StoredCredential<Ticket>> compareAndSet(
                CredentialKey key, long expectedVersion, Ticket credential, String fetchedBy) {
            List<StoredCredential<Ticket>> written = new ArrayList<>();
            stored.compute(key, (k, current) -> {
                long version = current == null ? 0 : current.version();
                if (version != expectedVersion) {
                    return current;
                }
                written.add(new StoredCredential<>(credential, version + 1, fetchedBy));
                return written.getFirst();
            });
            return written.stream().findFirst();
        }

        @Override
        public RefreshLock lock(CredentialKey key) {
            ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
            return new RefreshLock() {
                @Override
                public boolean tryLock(Duration wait) throws InterruptedException {
                    return lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
                }

                @Override
                public void unlock() {
                    lock.unlock();
                }
            };
        }
    }

    /** Counts calls; grants no forced refresh (the kind has no budget, so it is never asked). */
    static final class CountingQuota implements CredentialQuota {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public QuotaUsage recordCall(CredentialKey key, LocalDate day, boolean failed) {
            return new QuotaUsage(calls.incrementAndGet(), 0, 0, Optional.empty());
        }

        @Override
        public TokenQuota.ForceRefreshGrant tryForceRefresh(
                CredentialKey key, LocalDate day, Instant now, ForceBudget budget) {
            throw new AssertionError("a kind without a force budget never spends one");
        }

        @Override
        public QuotaUsage usage(CredentialKey key, LocalDate day) {
            return new QuotaUsage(calls.get(), 0, 0, Optional.empty());
        }
    }
}
