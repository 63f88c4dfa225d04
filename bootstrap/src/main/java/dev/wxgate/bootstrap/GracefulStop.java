package dev.wxgate.bootstrap;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this node's own threads end when it is stopped: no new work is taken, work under way (a token refresh holding
 * its cluster lock, a batch of deliveries holding their claims) gets {@link #GRACE} to finish, so that it releases what
 * it holds and writes what it has, and only what is still running after that is interrupted. A delivery cut off then
 * keeps its claim until the claim's lease ends, when another node delivers it (at least once).
 */
final class GracefulStop {
    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    /** Longer than a WeChat call may take (its read timeout), shorter than Boot's 30 s per shutdown phase. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private GracefulStop() {}

    /** Stops {@code executor} as described above; returns once its threads are done or {@link #GRACE} has passed. */
    static void stop(ExecutorService executor, String name) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: work still running {} s after the stop was asked: interrupted", name, GRACE.toSeconds());
                executor.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
