package dev.wxgate.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one task of this node on a fixed delay, on its own daemon thread, from start-up to shutdown. A task that throws
 * is logged and runs again at its next turn: a throwing task would otherwise be cancelled for good. Work that arrives
 * between turns may ask for a turn now ({@link #runSoon()}). At shutdown no turn starts any more and the one under way
 * may finish (see {@link GracefulStop}), so that it releases its locks and claims itself.
 */
class PeriodicTask implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration firstDelay;
    private final Duration interval;
    private final Consumer<BooleanSupplier> task;
    private volatile boolean stopping;
    private final AtomicBoolean soon = new AtomicBoolean();
    private volatile ScheduledExecutorService timer;

    /**
     * @param name the thread's name, and the task's in the log
     * @param setting the property {@code interval} comes from, named when it is not positive
     */
    PeriodicTask(String name, String setting, Duration firstDelay, Duration interval, Runnable task) {
        this(name, setting, firstDelay, interval, stopping -> task.run());
    }

    /**
     * A task that is told whether a stop was asked, so that a long turn (a drain of batch after batch) ends after the
     * step under way.
     */
    PeriodicTask(String name, String setting, Duration firstDelay, Duration interval, Consumer<BooleanSupplier> task) {
        if (interval.isZero() || interval.isNegative()) {
            throw new InvalidSettingException(setting, "must be positive");
        }
        this.name = name;
        this.firstDelay = firstDelay;
        this.interval = interval;
        this.task = task;
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        stopping = false;
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon().factory());
        timer.scheduleWithFixedDelay(this::tick, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks for an extra turn as soon as the current one (if any) ends. Requests that come while one is waiting are one
     * request; one that comes while it runs gets a turn after it, so no work asked for is left to the next interval.
     */
    void runSoon() {
        ScheduledExecutorService current = timer;
        if (current == null || !soon.compareAndSet(false, true)) {
            return;
        }
        try {
            current.execute(() -> {
                soon.set(false);
                tick();
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            soon.set(false);
        }
    }

    private void tick() {
        try {
            task.accept(() -> stopping);
        } catch (RuntimeException unexpected) {
            log.error("{} failed unexpectedly", name, unexpected);
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            stopping = true;
            GracefulStop.stop(timer, name);
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
