package dev.wxgate.adapters.persistence.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackDeduplication.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The contract of {@link CallbackDeduplication}, run against every adapter. */
abstract class AbstractCallbackDeduplicationTest {
    static final Duration HOUR = Duration.ofHours(1);

    final AppId app = AppId.of("wx0123456789abcdef");
    final AppId otherApp = AppId.of("wxfedcba9876543210");
    final String id = "msg:" + UUID.randomUUID();

    abstract CallbackDeduplication deduplication();

    /** Returns once something kept for {@code keep} has expired: the adapter's time moves on. */
    abstract void letExpire(Duration keep);

    /** A lifetime the adapter can see end within a test. */
    abstract Duration shortKeep();

    @Test
    void onlyTheFirstCallerSeesItFirst() {
        assertThat(deduplication().seen(app, Kind.DELIVERY, id)).isFalse();
        assertThat(deduplication().firstSeen(app, Kind.DELIVERY, id, HOUR)).isTrue();
        assertThat(deduplication().firstSeen(app, Kind.DELIVERY, id, HOUR)).isFalse();
        assertThat(deduplication().seen(app, Kind.DELIVERY, id)).isTrue();
    }

    @Test
    void aForgottenIdIsFirstSeenAgain() {
        assertThat(deduplication().firstSeen(app, Kind.DELIVERY, id, HOUR)).isTrue();
        assertThat(deduplication().firstSeen(app, Kind.NONCE, id, HOUR)).isTrue();

        deduplication().forget(app, Kind.DELIVERY, id);

        assertThat(deduplication().seen(app, Kind.DELIVERY, id)).isFalse();
        assertThat(deduplication().seen(app, Kind.NONCE, id))
                .as("only the kind named")
                .isTrue();
        assertThat(deduplication().firstSeen(app, Kind.DELIVERY, id, HOUR)).isTrue();
        assertThat(deduplication().firstSeen(app, Kind.DELIVERY, id, HOUR)).isFalse();
    }

    @Test
    void forgettingWhatWasNeverSeenChangesNothing() {
        deduplication().forget(otherApp, Kind.DELIVERY, id);

        assertThat(deduplication().firstSeen(otherApp, Kind.DELIVERY, id, HOUR)).isTrue();
    }

    @Test
    void aDeliverysReplyIsRememberedAsLongAsTheDelivery() {
        Duration keep = shortKeep();
        assertThat(deduplication().replyTo(app, id)).isEmpty();
        deduplication().firstSeen(app, Kind.DELIVERY, id, keep);

        deduplication().rememberReply(app, id, "<xml><Content>echo</Content></xml>", keep);

        assertThat(deduplication().replyTo(app, id)).contains("<xml><Content>echo</Content></xml>");
        assertThat(deduplication().replyTo(otherApp, id)).isEmpty();
        letExpire(keep);
        assertThat(deduplication().replyTo(app, id)).isEmpty();
    }

    @Test
    void appsAndKindsAreSeparate() {
        deduplication().firstSeen(app, Kind.DELIVERY, id, HOUR);

        assertThat(deduplication().firstSeen(otherApp, Kind.DELIVERY, id, HOUR)).isTrue();
        assertThat(deduplication().firstSeen(app, Kind.NONCE, id, HOUR)).isTrue();
        assertThat(deduplication().seen(app, Kind.NONCE, "1715943329:1")).isFalse();
    }

    @Test
    void anEntryIsForgottenAfterItsTime() {
        Duration keep = shortKeep();
        assertThat(deduplication().firstSeen(app, Kind.NONCE, id, keep)).isTrue();

        letExpire(keep);

        assertThat(deduplication().seen(app, Kind.NONCE, id)).isFalse();
        assertThat(deduplication().firstSeen(app, Kind.NONCE, id, HOUR)).isTrue();
    }

    @Test
    void oddIdsAreKeptApart() {
        assertThat(deduplication().firstSeen(app, Kind.DELIVERY, "event:}{o\n:1", HOUR))
                .isTrue();
        assertThat(deduplication().firstSeen(app, Kind.DELIVERY, "event:}{o :1", HOUR))
                .isTrue();
        assertThat(deduplication().firstSeen(app, Kind.DELIVERY, "event:}{o\n:1", HOUR))
                .isFalse();
    }

    @Test
    void concurrentDeliveriesHaveExactlyOneFirst() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 32; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return deduplication().firstSeen(app, Kind.DELIVERY, id, HOUR);
                }));
            }
            start.countDown();
            int firsts = 0;
            for (Future<Boolean> answer : answers) {
                firsts += answer.get() ? 1 : 0;
            }
            assertThat(firsts).isEqualTo(1);
        }
    }
}
