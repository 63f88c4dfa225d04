package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A node's periodic work at shutdown: the turn under way finishes (releasing what it holds), no new turn starts. */
class PeriodicTaskTest {

    @Test
    void stopLetsTheTurnUnderWayFinishAndStartsNoOther() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger turns = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("test-task", "test.interval", Duration.ZERO, Duration.ofMillis(1), () -> {
            turns.incrementAndGet();
            started.countDown();
            try {
                release.await();
                finished.incrementAndGet();
            } catch (InterruptedException cutOff) {
                interrupted.incrementAndGet();
            }
        });
        task.start();
        started.await();

        Thread stopping = Thread.ofPlatform().start(task::stop);
        // stop() now waits for the turn under way.
        await().atMost(Duration.ofSeconds(10)).until(() -> stopping.getState() == Thread.State.TIMED_WAITING);
        release.countDown();
        stopping.join();

        assertThat(finished).hasValue(1);
        assertThat(interrupted).hasValue(0);
        assertThat(task.isRunning()).isFalse();
        task.runSoon();
        assertThat(turns).as("no turn after the stop").hasValue(1);
    }

    @Test
    void aLongTurnIsToldOfTheStopAndEndsAfterItsStep() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        PeriodicTask task =
                new PeriodicTask("test-drain", "test.interval", Duration.ZERO, Duration.ofHours(1), stopping -> {
                    started.countDown();
                    // A drain: one more step (batch) while no stop was asked.
                    while (!stopping.getAsBoolean()) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException cutOff) {
                            interrupted.incrementAndGet();
                            return;
                        }
                    }
                    finished.incrementAndGet();
                });
        task.start();
        started.await();

        task.stop();

        assertThat(finished).hasValue(1);
        assertThat(interrupted).hasValue(0);
    }
}
