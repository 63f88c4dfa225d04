package dev.wxgate.adapters.persistence.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** A write of a number whose result is the number doubled. */
    static final class Doubling extends GroupCommit.Write<Integer> {
        final int value;

        Doubling(int value) {
            this.value = value;
        }
    }

    @Test
    void aWriteAloneIsWrittenAtOnceInABatchOfOne() {
        List<Integer> sizes = new ArrayList<>();
        GroupCommit<Doubling> group = new GroupCommit<>(8, batch -> {
            sizes.add(batch.size());
            batch.forEach(write -> write.done(write.value * 2));
        });

        assertThat(group.<Integer>write(new Doubling(21))).isEqualTo(42);
        assertThat(group.<Integer>write(new Doubling(5))).isEqualTo(10);
        assertThat(sizes).containsExactly(1, 1);
    }

    @Test
    void concurrentWritesShareBatchesAndEachGetsItsOwnResult() throws Exception {
        int writes = 2_000;
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger writing = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        GroupCommit<Doubling> group = new GroupCommit<>(16, batch -> {
            if (writing.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            sizes.add(batch.size());
            Thread.onSpinWait();
            batch.forEach(write -> write.done(write.value * 2));
            writing.decrementAndGet();
        });
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            int value = i;
            calls.add(() -> group.write(new Doubling(value)));
        }
        List<Integer> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (Future<Integer> result : pool.invokeAll(calls)) {
                results.add(result.get());
            }
        }

        for (int i = 0; i < writes; i++) {
            assertThat(results.get(i)).isEqualTo(2 * i);
        }
        assertThat(overlaps).as("one batch at a time").hasValue(0);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(writes);
        assertThat(sizes).allMatch(size -> size >= 1 && size <= 16);
    }

    @Test
    void aFailedBatchFailsEachOfItsWritesAndTheNextBatchRunsAnyway() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch secondQueued = new CountDownLatch(1);
        AtomicInteger batches = new AtomicInteger();
        GroupCommit<Doubling> group = new GroupCommit<>(8, batch -> {
            if (batches.incrementAndGet() == 1) {
                firstBatchStarted.countDown();
                await(secondQueued);
                throw new IllegalStateException("database down");
            }
            batch.forEach(write -> write.done(write.value * 2));
        });
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Integer> first = pool.submit(() -> group.write(new Doubling(1)));
            firstBatchStarted.await();
            Future<Integer> second = pool.submit(() -> group.write(new Doubling(2)));
            while (batches.get() == 1 && !second.isDone()) {
                secondQueued.countDown(); // the second is queued or about to be: the first batch may fail now
                Thread.onSpinWait();
            }
            assertThatThrownBy(first::get).hasCauseInstanceOf(IllegalStateException.class);
            assertThat(second.get()).isEqualTo(4);
        }
    }

    @Test
    void aWriteTheBatchLeftUnsettledFails() {
        GroupCommit<Doubling> group = new GroupCommit<>(8, batch -> {});

        assertThatThrownBy(() -> group.write(new Doubling(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unsettled");
        // The lead was handed on: the group still writes.
        GroupCommit<Doubling> working = new GroupCommit<>(8, batch -> batch.forEach(write -> write.done(0)));
        assertThat(working.<Integer>write(new Doubling(1))).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
