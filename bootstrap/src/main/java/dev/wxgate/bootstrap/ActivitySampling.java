package dev.wxgate.bootstrap;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ActivitySampler} every interval, and once more when the node stops, so that its last partial minute
 * is not lost. It stops after the web server has (a lower phase stops later), so the requests it drained are counted
 * too, and before the Redis client closes (beans are destroyed after every lifecycle stopped).
 */
class ActivitySampling extends PeriodicTask {
    private static final Logger log = LoggerFactory.getLogger(ActivitySampling.class);

    /** Below the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and stop ({@code - 2048}). */
    static final int PHASE = DEFAULT_PHASE - 4096;

    private final ActivitySampler sampler;

    ActivitySampling(ActivitySampler sampler, Duration interval) {
        super("wxgate-activity", "activity sample interval", interval, interval, sampler::sample);
        this.sampler = sampler;
    }

    @Override
    public synchronized void stop() {
        boolean wasRunning = isRunning();
        super.stop();
        if (wasRunning) {
            try {
                sampler.sample();
            } catch (RuntimeException unexpected) {
                log.error("the activity sample at stop failed unexpectedly", unexpected);
            }
        }
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
