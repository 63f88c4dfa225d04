package dev.wxgate.adapters.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.CredentialKey;
import dev.wxgate.domain.token.CredentialKind;
import dev.wxgate.domain.token.StoredCredential;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketType;
import dev.wxgate.testfixtures.RedisFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RedissonClient;

/**
 * The generic Redis credential store with a ticket kind, two Redisson clients playing two nodes: the same
 * compare-and-set, near cache and lock as the access_token's, under keys and a channel of the kind's own.
 */
@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedissonTicketStoreTest {
    /** Standalone, Cluster or Sentinel: every test runs on each. */
    @Parameter
    RedisTopology topology;

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00.123Z");
    private static RedissonClient client1;
    private static RedissonClient client2;

    private final String prefix = RedisFixture.get().freshPrefix();
    private final AppId app = AbstractTokenStoreTest.randomAppId();
    private final CredentialKey key = CredentialKey.ticket(TicketType.JSAPI, app);
    private final RedissonCredentialStore<Ticket> node1 = store(client1, CredentialKind.JSAPI_TICKET);
    private final RedissonCredentialStore<Ticket> node2 = store(client2, CredentialKind.JSAPI_TICKET);
    private final RedissonTokenStore tokens =
            new RedissonTokenStore(RedisStores.of(client1), prefix, Duration.ofSeconds(30), Clock.systemUTC());

    @BeforeParameterizedClassInvocation
    static void connect(RedisTopology topology) {
        client1 = TestRedis.client(topology);
        client2 = TestRedis.client(topology);
    }

    @AfterParameterizedClassInvocation
    static void disconnect() {
        client1.shutdown();
        client2.shutdown();
    }

    @AfterEach
    void closeStores() {
        node1.close();
        node2.close();
        tokens.close();
    }

    private RedissonCredentialStore<Ticket> store(RedissonClient client, CredentialKind kind) {
        return new RedissonCredentialStore<>(
                RedisStores.of(client), kind, Ticket::new, prefix, Duration.ofSeconds(30), Clock.systemUTC());
    }

    private static Ticket ticket(String name) {
        return Ticket.issued("TICKET_" + name + "_" + "t".repeat(30), NOW, Duration.ofHours(2));
    }

    @Test
    void aTicketIsComparedAndSetAndEveryNodeReadsItsNewVersionAtOnce() {
        StoredCredential<Ticket> first =
                node1.compareAndSet(key, 0, ticket("a"), "node-1").orElseThrow();
        assertThat(node2.read(key)).contains(first);

        StoredCredential<Ticket> second =
                node1.compareAndSet(key, 1, ticket("b"), "node-1").orElseThrow();
        assertThat(node1.compareAndSet(key, 1, ticket("late"), "node-2")).isEmpty();

        // node2 had version 1 in its near cache: the announcement on the kind's channel drops it.
        await().atMost(Duration.ofSeconds(5)).until(() -> node2.read(key).equals(java.util.Optional.of(second)));
        assertThat(second.version()).isEqualTo(2);
    }

    @Test
    void aTicketLivesUnderTheAppsHashTagBesideTheTokenWithoutTouchingIt() {
        node1.compareAndSet(key, 0, ticket("a"), "node-1");
        tokens.compareAndSet(app, 0, AccessToken.issued("TOKEN_" + "x".repeat(30), NOW, Duration.ofHours(2)), "n");

        assertThat(client1.getKeys().countExists(prefix + "{wxgate:token:" + app + "}:jsapi_ticket:state"))
                .isOne();
        assertThat(tokens.readLatest(app).orElseThrow().version()).isEqualTo(1);
        assertThat(node1.readLatest(key).orElseThrow().credential()).isEqualTo(ticket("a"));
        try (RedissonCredentialStore<Ticket> cards = store(client1, CredentialKind.WX_CARD_TICKET)) {
            assertThat(cards.readLatest(CredentialKey.ticket(TicketType.WX_CARD, app)))
                    .isEmpty();
        }
    }

    @Test
    void oneNodeAtATimeHoldsATicketsLockAndTheTokensLockIsAnother() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThat(threads.submit(() -> node1.lock(key).tryLock(Duration.ZERO))
                            .get())
                    .isTrue();
            assertThat(threads.submit(() -> node2.lock(key).tryLock(Duration.ZERO))
                            .get())
                    .isFalse();
            assertThat(threads.submit(() -> tokens.lock(app).tryLock(Duration.ZERO))
                            .get())
                    .isTrue();
        }
    }
}
