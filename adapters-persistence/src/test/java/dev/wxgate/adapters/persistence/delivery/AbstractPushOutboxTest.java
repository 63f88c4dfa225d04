package dev.wxgate.adapters.persistence.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.Delivery;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryQuery;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.PushOutbox.Lease;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contract of {@link PushOutbox}, run against every database wxgate supports, migrated by Flyway from
 * {@code db/migration/{vendor}} as in production. Claims are global, so each test starts from empty tables; times are
 * given explicitly, never waited for.
 */
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED) // the outbox commits each change, as in production
abstract class AbstractPushOutboxTest {
    static final String MIGRATIONS = "classpath:db/migration/{vendor}";
    static final Instant AT = Instant.parse("2026-12-01T08:00:00.123456Z");
    static final AppId APP = AppId.of("wx0123456789abcdef");
    static final AppId OTHER_APP = AppId.of("wxfedcba9876543210");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Set<Sink> WEBHOOK = Set.of(Sink.WEBHOOK);

    @Autowired
    PushOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    private int keys;

    @BeforeEach
    void emptyTables() {
        jdbc.sql("DELETE FROM outbox_delivery").update();
        jdbc.sql("DELETE FROM outbox_push").update();
    }

    StoredPush push(AppId app, Instant receivedAt) {
        return push(app, "msg:" + (1_000_000 + keys++), receivedAt);
    }

    static StoredPush push(AppId app, String deliveryKey, Instant receivedAt) {
        return new StoredPush(
                DeliveryId.random(),
                app,
                deliveryKey,
                "text",
                Optional.empty(),
                MessageFormat.XML,
                "<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好 😀]]></Content></xml>",
                "{\"MsgType\":\"text\",\"Content\":\"你好 😀\"}",
                receivedAt);
    }

    private StoredPush stored(Set<Sink> sinks, Instant now) {
        StoredPush push = push(APP, now);
        assertThat(outbox.store(push, sinks, Optional.empty(), now)).isTrue();
        return push;
    }

    private Delivery onlyDelivery() {
        List<Delivery> items = outbox.list(new DeliveryQuery(Optional.empty(), Optional.empty(), PageRequest.of(0, 10)))
                .items();
        assertThat(items).hasSize(1);
        return items.getFirst();
    }

    @Test
    void aStoredPushIsClaimedOnceWithAllItHolds() {
        StoredPush push = new StoredPush(
                DeliveryId.random(),
                APP,
                "event:oUser:1733040000",
                "event",
                Optional.of("subscribe"),
                MessageFormat.JSON,
                "{\"MsgType\":\"event\",\"Event\":\"subscribe\"}",
                "{\"MsgType\":\"event\",\"Event\":\"subscribe\"}",
                AT);
        assertThat(outbox.store(push, WEBHOOK, Optional.empty(), AT)).isTrue();

        List<Claim> claims = outbox.claim("node-a", 10, LEASE, AT);

        assertThat(claims).containsExactly(new Claim(push, Sink.WEBHOOK, 1, "node-a", AT.plus(LEASE)));
        assertThat(outbox.claim("node-b", 10, LEASE, AT.plusSeconds(29))).isEmpty();
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(1, 0));
    }

    @Test
    void aPushIsNotDueBeforeItWasStored() {
        stored(WEBHOOK, AT);

        assertThat(outbox.claim("node-a", 10, LEASE, AT.minusNanos(1_000))).isEmpty();
        assertThat(outbox.claim("node-a", 10, LEASE, AT)).hasSize(1);
    }

    @Test
    void claimsTakeTheOldestDueFirstUpToMax() {
        StoredPush later = stored(WEBHOOK, AT.plusSeconds(2));
        StoredPush first = stored(WEBHOOK, AT);
        StoredPush second = stored(WEBHOOK, AT.plusSeconds(1));

        List<Claim> claims = outbox.claim("node-a", 2, LEASE, AT.plusSeconds(5));

        assertThat(claims).extracting(Claim::push).containsExactly(first, second);
        assertThat(outbox.claim("node-a", 2, LEASE, AT.plusSeconds(5)))
                .extracting(Claim::push)
                .containsExactly(later);
    }

    @Test
    void aRetriedDeliveryKeyStoresNothing() {
        StoredPush original = push(APP, "msg:42", AT);
        StoredPush retry = push(APP, "msg:42", AT.plusSeconds(5));

        assertThat(outbox.store(original, WEBHOOK, Optional.empty(), AT)).isTrue();
        assertThat(outbox.store(retry, Set.of(Sink.WEBHOOK, Sink.RABBITMQ), Optional.empty(), AT.plusSeconds(5)))
                .isFalse();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_push")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(1, 0));
        assertThat(outbox.claim("node-a", 10, LEASE, AT.plusSeconds(5)))
                .extracting(Claim::push)
                .containsExactly(original);
    }

    @Test
    void ofNodesStoringOneRetriedPushAtOnceExactlyOneStoresIt() throws Exception {
        int nodes = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(nodes)) {
            for (int i = 0; i < nodes; i++) {
                StoredPush retry = push(APP, "msg:77", AT.plusMillis(i));
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return outbox.store(retry, Set.of(Sink.WEBHOOK, Sink.RABBITMQ), Optional.empty(), AT);
                }));
            }
            start.countDown();
        }

        List<Boolean> stored = new ArrayList<>();
        for (Future<Boolean> outcome : outcomes) {
            stored.add(outcome.get());
        }
        assertThat(stored).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_push")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(2, 0));
    }

    /** Stores made at the same moment share transactions (GroupedWrites): each still gets its own answer. */
    @Test
    void manyPushesStoredAndDeliveredAtOnceAreEachWrittenOnceWithTheirRetriesRefused() throws Exception {
        int pushes = 150;
        Set<Sink> both = Set.of(Sink.WEBHOOK, Sink.RABBITMQ);
        Instant leaseEnd = AT.plus(LEASE);
        List<Callable<Boolean>> stores = new ArrayList<>();
        for (int i = 0; i < pushes; i++) {
            String key = "msg:" + (2_000_000 + i);
            // Each push twice, as WeChat's retry reaching another thread: one store wins.
            for (int copy = 0; copy < 2; copy++) {
                StoredPush push = push(APP, key, AT);
                stores.add(() -> outbox.store(push, both, Optional.of(new Lease("node-a", leaseEnd, both)), AT));
            }
        }
        List<Boolean> stored = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Boolean> outcome : pool.invokeAll(stores)) {
                stored.add(outcome.get());
            }
        }
        assertThat(stored).filteredOn(Boolean::booleanValue).hasSize(pushes);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_push")
                        .query(Long.class)
                        .single())
                .isEqualTo(pushes);
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(2L * pushes, 0));

        List<String> deliveryIds = jdbc.sql("SELECT delivery_id FROM outbox_push")
                .query(String.class)
                .list();
        List<Callable<Boolean>> marks = new ArrayList<>();
        for (String deliveryId : deliveryIds) {
            StoredPush push = new StoredPush(
                    DeliveryId.of(deliveryId),
                    APP,
                    "unused",
                    "text",
                    Optional.empty(),
                    MessageFormat.XML,
                    "x",
                    "{}",
                    AT);
            for (Sink sink : both) {
                marks.add(() -> outbox.delivered(new Claim(push, sink, 1, "node-a", leaseEnd), AT.plusSeconds(1)));
            }
            // A mark under a claim this node does not hold changes nothing, batched or not.
            marks.add(() -> outbox.delivered(new Claim(push, Sink.WEBHOOK, 1, "node-b", leaseEnd), AT.plusSeconds(1)));
        }
        List<Boolean> delivered = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Boolean> outcome : pool.invokeAll(marks)) {
                delivered.add(outcome.get());
            }
        }
        assertThat(delivered).filteredOn(Boolean::booleanValue).hasSize(2 * pushes);
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(0, 0));
    }

    @Test
    void theSameDeliveryKeyInAnotherAppIsAnotherPush() {
        assertThat(outbox.store(push(APP, "msg:42", AT), WEBHOOK, Optional.empty(), AT))
                .isTrue();
        assertThat(outbox.store(push(OTHER_APP, "msg:42", AT), WEBHOOK, Optional.empty(), AT))
                .isTrue();

        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(2, 0));
    }

    @Test
    void aDeliveryKeyLongerThanItsColumnStillDeduplicates() {
        String longKey = "event:" + "o".repeat(400) + ":1733040000";

        assertThat(outbox.store(push(APP, longKey, AT), WEBHOOK, Optional.empty(), AT))
                .isTrue();
        assertThat(outbox.store(push(APP, longKey, AT), WEBHOOK, Optional.empty(), AT))
                .isFalse();
        assertThat(outbox.store(push(APP, longKey + "1", AT), WEBHOOK, Optional.empty(), AT))
                .isTrue();
    }

    @Test
    void twoSinksMakeTwoDeliveriesOfOnePush() {
        StoredPush push = stored(Set.of(Sink.WEBHOOK, Sink.RABBITMQ), AT);

        List<Claim> claims = outbox.claim("node-a", 10, LEASE, AT);

        assertThat(claims).extracting(Claim::sink).containsExactlyInAnyOrder(Sink.WEBHOOK, Sink.RABBITMQ);
        assertThat(claims).extracting(Claim::push).containsOnly(push);
        assertThat(outbox.delivered(claims.getFirst(), AT.plusSeconds(1))).isTrue();
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(1, 0));
    }

    @Test
    void aHeldDeliveryIsClaimableByAnotherNodeOnlyOnceItsLeaseEnds() {
        StoredPush push = push(APP, AT);
        Instant leaseEnd = AT.plusSeconds(10);
        assertThat(outbox.store(push, WEBHOOK, Optional.of(new Lease("node-a", leaseEnd, Sink.WEBHOOK)), AT))
                .isTrue();

        assertThat(outbox.claim("node-b", 10, LEASE, AT)).isEmpty();
        assertThat(outbox.claim("node-b", 10, LEASE, leaseEnd.minusNanos(1_000)))
                .isEmpty();
        List<Claim> claims = outbox.claim("node-b", 10, LEASE, leaseEnd);

        assertThat(claims).containsExactly(new Claim(push, Sink.WEBHOOK, 2, "node-b", leaseEnd.plus(LEASE)));
        Claim inline = new Claim(push, Sink.WEBHOOK, 1, "node-a", leaseEnd);
        assertThat(outbox.delivered(inline, leaseEnd)).isFalse();
        assertThat(onlyDelivery().state()).isEqualTo(DeliveryState.PENDING);
    }

    @Test
    void onlyTheHeldSinksDeliveryIsLeasedTheOthersAreDueAtOnce() {
        StoredPush push = push(APP, AT);
        Instant leaseEnd = AT.plusSeconds(10);
        assertThat(outbox.store(
                        push,
                        Set.of(Sink.WEBHOOK, Sink.RABBITMQ),
                        Optional.of(new Lease("node-a", leaseEnd, Sink.WEBHOOK)),
                        AT))
                .isTrue();

        assertThat(outbox.claim("node-b", 10, LEASE, AT))
                .containsExactly(new Claim(push, Sink.RABBITMQ, 1, "node-b", AT.plus(LEASE)));
        assertThat(outbox.delivered(new Claim(push, Sink.WEBHOOK, 1, "node-a", leaseEnd), AT.plusSeconds(1)))
                .isTrue();
        assertThat(outbox.find(push.id(), Sink.WEBHOOK).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(outbox.find(push.id(), Sink.RABBITMQ).orElseThrow().attempts())
                .isEqualTo(1);
    }

    @Test
    void aLeaseOnASinkThePushIsNotStoredForIsRefused() {
        assertThatThrownBy(() -> outbox.store(
                        push(APP, AT),
                        WEBHOOK,
                        Optional.of(new Lease("node-a", AT.plusSeconds(10), Sink.RABBITMQ)),
                        AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(0, 0));
    }

    @Test
    void aDeliveryIsFoundByItsIdAndSink() {
        StoredPush push = stored(WEBHOOK, AT);

        Delivery found = outbox.find(push.id(), Sink.WEBHOOK).orElseThrow();

        assertThat(found.appId()).isEqualTo(APP);
        assertThat(found.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(found.receivedAt()).isEqualTo(AT);
        assertThat(outbox.find(push.id(), Sink.RABBITMQ)).isEmpty();
        assertThat(outbox.find(DeliveryId.random(), Sink.WEBHOOK)).isEmpty();
    }

    @Test
    void aDeliverysRetryWindowStartsWhenItsPushCameAndAfreshAtEachReplay() {
        StoredPush one = stored(WEBHOOK, AT);
        StoredPush all = stored(WEBHOOK, AT.plusSeconds(1));
        List<Claim> first = outbox.claim("node-a", 10, LEASE, AT.plusSeconds(1));
        assertThat(first).extracting(Claim::retryFrom).containsExactly(AT, AT.plusSeconds(1));
        first.forEach(claim -> outbox.dead(claim, "HTTP 500", AT.plusSeconds(2)));

        Instant replayed = AT.plus(Duration.ofDays(10));
        assertThat(outbox.replay(one.id(), Sink.WEBHOOK, replayed)).isTrue();
        assertThat(outbox.claim("node-a", 10, LEASE, replayed)).singleElement().satisfies(claim -> {
            assertThat(claim.push()).isEqualTo(one);
            assertThat(claim.retryFrom()).isEqualTo(replayed);
        });
        Instant allReplayed = replayed.plusSeconds(10); // the first replayed one is still held
        assertThat(outbox.replayDead(Optional.empty(), allReplayed)).isEqualTo(1);
        assertThat(outbox.claim("node-a", 10, LEASE, allReplayed))
                .singleElement()
                .satisfies(claim -> {
                    assertThat(claim.push()).isEqualTo(all);
                    assertThat(claim.retryFrom()).isEqualTo(allReplayed);
                    assertThat(claim.push().receivedAt()).isEqualTo(AT.plusSeconds(1));
                });
    }

    @Test
    void purgingRemovesOnlyPushesWhoseEveryDeliveryWasDeliveredBeforeTheCutOff() {
        Instant cutOff = AT.plus(Duration.ofDays(7));
        StoredPush old = deliveredAt(Set.of(Sink.WEBHOOK, Sink.RABBITMQ), AT);
        StoredPush recent = deliveredAt(WEBHOOK, cutOff);
        StoredPush halfDelivered = stored(Set.of(Sink.WEBHOOK, Sink.RABBITMQ), AT);
        Claim webhookOnly = outbox.claim("node-a", 10, LEASE, AT).stream()
                .filter(claim -> claim.sink() == Sink.WEBHOOK)
                .findFirst()
                .orElseThrow();
        outbox.delivered(webhookOnly, AT);
        StoredPush dead = stored(WEBHOOK, AT);
        outbox.dead(claimOf(dead, AT), "HTTP 500", AT);
        StoredPush pending = stored(WEBHOOK, AT);

        assertThat(outbox.purgeDelivered(cutOff, 100)).isEqualTo(1);

        assertThat(outbox.find(old.id(), Sink.WEBHOOK)).isEmpty();
        assertThat(outbox.find(old.id(), Sink.RABBITMQ)).isEmpty();
        assertThat(pushRows(old)).isZero();
        for (StoredPush kept : List.of(recent, halfDelivered, dead, pending)) {
            assertThat(pushRows(kept)).as(kept.toString()).isEqualTo(1);
        }
        assertThat(outbox.find(halfDelivered.id(), Sink.WEBHOOK)).isPresent();
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(2, 1));
        assertThat(outbox.purgeDelivered(cutOff, 100)).isZero();
    }

    @Test
    void purgingGoesInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            deliveredAt(WEBHOOK, AT);
        }
        Instant cutOff = AT.plusSeconds(1);

        assertThat(outbox.purgeDelivered(cutOff, 2)).isEqualTo(2);
        assertThat(outbox.purgeDelivered(cutOff, 2)).isEqualTo(2);
        assertThat(outbox.purgeDelivered(cutOff, 2)).isEqualTo(1);
        assertThat(outbox.purgeDelivered(cutOff, 2)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_delivery")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void nodesPurgingAtOnceRemoveEachPushOnce() throws Exception {
        int pushes = 60;
        for (int i = 0; i < pushes; i++) {
            deliveredAt(Set.of(Sink.WEBHOOK, Sink.RABBITMQ), AT);
        }
        int nodes = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> purged = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(nodes)) {
            for (int n = 0; n < nodes; n++) {
                purged.add(pool.submit(() -> {
                    start.await();
                    int total = 0;
                    for (int round = 0; round < 100; round++) {
                        int batch = outbox.purgeDelivered(AT.plusSeconds(1), 7);
                        total += batch;
                        if (batch == 0 && pushRows() == 0) {
                            break;
                        }
                    }
                    return total;
                }));
            }
            start.countDown();
        }

        int total = 0;
        for (Future<Integer> node : purged) {
            total += node.get();
        }
        assertThat(total).isEqualTo(pushes);
        assertThat(pushRows()).isZero();
    }

    /**
     * A push whose deliveries to {@code sinks} were all delivered at {@code at}: one held as for an inline attempt,
     * the others claimed (with whatever else is due: call it before storing pushes meant to stay pending).
     */
    private StoredPush deliveredAt(Set<Sink> sinks, Instant at) {
        StoredPush push = push(APP, at);
        Instant leaseEnd = at.plusSeconds(1);
        Sink held = Sink.WEBHOOK;
        assertThat(outbox.store(push, sinks, Optional.of(new Lease("node-x", leaseEnd, held)), at))
                .isTrue();
        assertThat(outbox.delivered(new Claim(push, held, 1, "node-x", leaseEnd), at))
                .isTrue();
        for (Claim claim : outbox.claim("node-x", 100, LEASE, at)) {
            assertThat(outbox.delivered(claim, at)).isTrue();
        }
        return push;
    }

    private Claim claimOf(StoredPush push, Instant now) {
        return outbox.claim("node-a", 100, LEASE, now).stream()
                .filter(claim -> claim.push().equals(push))
                .findFirst()
                .orElseThrow();
    }

    private long pushRows(StoredPush push) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_push WHERE delivery_id = ?")
                .param(push.id().value())
                .query(Long.class)
                .single();
    }

    private long pushRows() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_push").query(Long.class).single();
    }

    @Test
    void theInlineAttemptRecordsItsOutcomeUnderTheLeaseItWasStoredWith() {
        StoredPush push = push(APP, AT);
        // Finer than the microseconds a database keeps: the claim is still the one stored.
        Instant leaseEnd = AT.plusSeconds(10).plusNanos(789);
        outbox.store(push, WEBHOOK, Optional.of(new Lease("node-a", leaseEnd, Sink.WEBHOOK)), AT);

        assertThat(outbox.delivered(new Claim(push, Sink.WEBHOOK, 1, "node-a", leaseEnd), AT.plusSeconds(2)))
                .isTrue();

        Delivery delivery = onlyDelivery();
        assertThat(delivery.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.deliveredAt()).contains(AT.plusSeconds(2));
        assertThat(outbox.claim("node-b", 10, LEASE, leaseEnd.plusSeconds(60))).isEmpty();
    }

    @Test
    void concurrentClaimersClaimEveryDeliveryExactlyOnce() throws Exception {
        int deliveries = 200;
        for (int i = 0; i < deliveries; i++) {
            stored(WEBHOOK, AT);
        }
        int claimers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Claim> claimed = new ConcurrentLinkedQueue<>();
        List<Callable<Integer>> nodes = new ArrayList<>();
        for (int n = 0; n < claimers; n++) {
            String owner = "node-" + n;
            nodes.add(() -> {
                start.await();
                int rounds = 0;
                while (rounds++ < 1_000) {
                    List<Claim> claims = outbox.claim(owner, 5, Duration.ofMinutes(5), AT);
                    claimed.addAll(claims);
                    if (claims.isEmpty() && unclaimed() == 0) {
                        break; // a claim that lost every race returns nothing too: stop only once all are taken
                    }
                }
                return rounds;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(claimers)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> node : nodes) {
                futures.add(pool.submit(node));
            }
            start.countDown();
            for (Future<Integer> future : futures) {
                assertThat(future.get()).isLessThan(1_000);
            }
        }

        assertThat(claimed).hasSize(deliveries);
        assertThat(claimed.stream().map(claim -> claim.push().id()).distinct()).hasSize(deliveries);
        assertThat(claimed).extracting(Claim::attempt).containsOnly(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE attempts = 1 AND lease_owner IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(deliveries);
    }

    private long unclaimed() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_delivery WHERE lease_owner IS NULL")
                .query(Long.class)
                .single();
    }

    @Test
    void anOutcomeUnderALostClaimChangesNothing() {
        stored(WEBHOOK, AT);
        Claim lost = outbox.claim("node-a", 1, LEASE, AT).getFirst();
        Claim current = outbox.claim("node-b", 1, LEASE, lost.leaseUntil()).getFirst();

        assertThat(outbox.delivered(lost, AT.plusSeconds(40))).isFalse();
        assertThat(outbox.retryLater(lost, AT.plusSeconds(60), "HTTP 500")).isFalse();
        assertThat(outbox.dead(lost, "HTTP 500", AT.plusSeconds(40))).isFalse();

        Delivery delivery = onlyDelivery();
        assertThat(delivery.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(delivery.lastError()).isEmpty();
        assertThat(outbox.delivered(current, AT.plusSeconds(40))).isTrue();
        assertThat(onlyDelivery().state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void anOutcomeAfterTheLeaseEndedCountsWhileNoOtherNodeTookIt() {
        stored(WEBHOOK, AT);
        Claim claim = outbox.claim("node-a", 1, LEASE, AT).getFirst();

        assertThat(outbox.delivered(claim, claim.leaseUntil().plusSeconds(5))).isTrue();
        assertThat(outbox.delivered(claim, claim.leaseUntil().plusSeconds(5))).isFalse();
    }

    @Test
    void aFailedAttemptIsDueAgainAtItsNextAttempt() {
        stored(WEBHOOK, AT);
        Claim first = outbox.claim("node-a", 1, LEASE, AT).getFirst();
        Instant next = AT.plusSeconds(60);

        assertThat(outbox.retryLater(first, next, "HTTP 503")).isTrue();

        Delivery waiting = onlyDelivery();
        assertThat(waiting.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(waiting.nextAttemptAt()).contains(next);
        assertThat(waiting.lastError()).contains("HTTP 503");
        assertThat(outbox.claim("node-a", 1, LEASE, next.minusNanos(1_000))).isEmpty();
        assertThat(outbox.claim("node-b", 1, LEASE, next))
                .extracting(Claim::attempt, Claim::owner)
                .containsExactly(tuple(2, "node-b"));
    }

    @Test
    void aLongErrorIsCutToItsColumnWithoutSplittingACharacter() {
        // 499 units, then an emoji of two: keeping both halves would be 501, keeping one half a broken character.
        stored(WEBHOOK, AT);
        Claim claim = outbox.claim("node-a", 1, LEASE, AT).getFirst();
        String error = "x".repeat(499) + "😀" + "y".repeat(100);

        assertThat(outbox.retryLater(claim, AT.plusSeconds(1), error)).isTrue();

        assertThat(onlyDelivery().lastError()).contains("x".repeat(499));
    }

    @Test
    void deadDeliveriesAreCountedAndReplayedAfresh() {
        StoredPush dying = stored(WEBHOOK, AT);
        stored(WEBHOOK, AT.plusSeconds(1));
        stored(WEBHOOK, AT.plusSeconds(2));
        List<Claim> claims = outbox.claim("node-a", 3, LEASE, AT.plusSeconds(3));
        assertThat(outbox.dead(claims.get(0), "HTTP 500", AT.plusSeconds(4))).isTrue();
        assertThat(outbox.dead(claims.get(1), "timeout", AT.plusSeconds(4))).isTrue();
        Claim delivered = claims.get(2);
        assertThat(outbox.delivered(delivered, AT.plusSeconds(4))).isTrue();
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(0, 2));
        assertThat(outbox.claim("node-a", 3, LEASE, AT.plusSeconds(3600))).isEmpty();

        assertThat(outbox.replay(dying.id(), Sink.WEBHOOK, AT.plusSeconds(10))).isTrue();
        assertThat(outbox.replay(dying.id(), Sink.RABBITMQ, AT.plusSeconds(10))).isFalse();
        assertThat(outbox.replay(delivered.push().id(), Sink.WEBHOOK, AT.plusSeconds(10)))
                .isFalse();

        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(1, 1));
        assertThat(outbox.claim("node-a", 3, LEASE, AT.plusSeconds(9))).isEmpty();
        List<Claim> replayed = outbox.claim("node-a", 3, LEASE, AT.plusSeconds(10));
        assertThat(replayed).extracting(Claim::push).containsExactly(dying);
        assertThat(replayed.getFirst().attempt()).isEqualTo(1);
    }

    @Test
    void replayingDeadDeliveriesTakesOneAppOrAll() {
        for (AppId app : List.of(APP, APP, OTHER_APP)) {
            outbox.store(push(app, AT), WEBHOOK, Optional.empty(), AT);
        }
        for (Claim claim : outbox.claim("node-a", 10, LEASE, AT)) {
            outbox.dead(claim, "HTTP 500", AT);
        }

        assertThat(outbox.replayDead(Optional.of(OTHER_APP), AT.plusSeconds(1))).isEqualTo(1);
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(1, 2));
        assertThat(outbox.replayDead(Optional.empty(), AT.plusSeconds(2))).isEqualTo(2);
        assertThat(outbox.replayDead(Optional.empty(), AT.plusSeconds(3))).isZero();
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(3, 0));
        assertThat(outbox.claim("node-a", 10, LEASE, AT.plusSeconds(2)))
                .extracting(Claim::attempt)
                .containsOnly(1)
                .hasSize(3);
    }

    @Test
    void replayingAPendingDeliveryEndsItsLease() {
        StoredPush push = stored(WEBHOOK, AT);
        Claim held = outbox.claim("node-a", 1, LEASE, AT).getFirst();

        assertThat(outbox.replay(push.id(), Sink.WEBHOOK, AT.plusSeconds(1))).isTrue();

        assertThat(outbox.delivered(held, AT.plusSeconds(2))).isFalse();
        assertThat(outbox.claim("node-b", 1, LEASE, AT.plusSeconds(1)))
                .extracting(Claim::attempt)
                .containsExactly(1);
    }

    @Test
    void deliveriesAreListedNewestPushFirstInPagesAndFiltered() {
        List<StoredPush> pushes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            StoredPush push = push(APP, AT.plusSeconds(i));
            outbox.store(push, WEBHOOK, Optional.empty(), AT.plusSeconds(i));
            pushes.add(push);
        }
        StoredPush other = push(OTHER_APP, AT.plusSeconds(10));
        outbox.store(other, Set.of(Sink.WEBHOOK, Sink.RABBITMQ), Optional.empty(), AT.plusSeconds(10));
        Claim oldest = outbox.claim("node-a", 1, LEASE, AT.plusSeconds(20)).getFirst();
        outbox.dead(oldest, "HTTP 404", AT.plusSeconds(21));

        var all = outbox.list(query(Optional.empty(), Optional.empty(), PageRequest.of(0, 3)));
        assertThat(all.total()).isEqualTo(7);
        assertThat(all.items())
                .extracting(Delivery::id)
                .containsExactly(other.id(), other.id(), pushes.get(4).id());
        assertThat(all.items()).extracting(Delivery::sink).startsWith(Sink.RABBITMQ, Sink.WEBHOOK);
        var last = outbox.list(query(Optional.empty(), Optional.empty(), PageRequest.of(2, 3)));
        assertThat(last.items())
                .extracting(Delivery::id)
                .containsExactly(pushes.getFirst().id());
        assertThat(last.hasNext()).isFalse();
        assertThat(outbox.list(query(Optional.empty(), Optional.empty(), PageRequest.of(5, 3)))
                        .items())
                .isEmpty();

        var ofOtherApp = outbox.list(query(Optional.empty(), Optional.of(OTHER_APP), PageRequest.of(0, 10)));
        assertThat(ofOtherApp.total()).isEqualTo(2);
        assertThat(ofOtherApp.items()).extracting(Delivery::appId).containsOnly(OTHER_APP);

        var dead = outbox.list(query(Optional.of(DeliveryState.DEAD), Optional.empty(), PageRequest.of(0, 10)));
        assertThat(dead.total()).isEqualTo(1);
        Delivery gaveUp = dead.items().getFirst();
        assertThat(gaveUp.id()).isEqualTo(pushes.getFirst().id());
        assertThat(gaveUp.attempts()).isEqualTo(1);
        assertThat(gaveUp.lastError()).contains("HTTP 404");
        assertThat(gaveUp.nextAttemptAt()).isEmpty();
        assertThat(gaveUp.deliveredAt()).isEmpty();
        assertThat(gaveUp.msgType()).isEqualTo("text");
        assertThat(gaveUp.receivedAt()).isEqualTo(AT);
        assertThat(outbox.list(query(Optional.of(DeliveryState.DEAD), Optional.of(OTHER_APP), PageRequest.of(0, 10)))
                        .total())
                .isZero();
        assertThat(outbox.list(query(Optional.of(DeliveryState.PENDING), Optional.of(APP), PageRequest.of(0, 10)))
                        .total())
                .isEqualTo(4);
    }

    private static DeliveryQuery query(Optional<DeliveryState> state, Optional<AppId> app, PageRequest page) {
        return new DeliveryQuery(state, app, page);
    }

    @Test
    void aMessageOfOneMebibyteRoundTrips() {
        String content = "微信消息 with emoji 😀 and <markup> & \"quotes\"\n".repeat(1024 * 1024 / 40 + 1);
        String raw = "<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content + "]]></Content></xml>";
        assertThat(raw.length()).isGreaterThan(1024 * 1024);
        StoredPush big = new StoredPush(
                DeliveryId.random(),
                APP,
                "msg:1",
                "text",
                Optional.empty(),
                MessageFormat.XML,
                raw,
                "{\"MsgType\":\"text\",\"Content\":\""
                        + content.replace("\"", "\\\"").replace("\n", "\\n") + "\"}",
                AT);

        assertThat(outbox.store(big, WEBHOOK, Optional.empty(), AT)).isTrue();

        StoredPush read = outbox.claim("node-a", 1, LEASE, AT).getFirst().push();
        assertThat(read.raw()).isEqualTo(big.raw());
        assertThat(read.messageJson()).isEqualTo(big.messageJson());
    }
}
