package dev.wxgate.bootstrap;

import dev.wxgate.application.jwt.RotateSigningKeys;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the JWT signing-key rotation on this node at start-up (so a first start creates the first key) and then every
 * {@code wxgate.jwt.check-interval}. Every node runs one; the store's one-winner generation makes one key the next.
 */
final class SigningKeyRotationScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SigningKeyRotationScheduler.class);

    private final RotateSigningKeys rotate;
    private final Duration interval;
    private volatile ScheduledExecutorService timer;

    SigningKeyRotationScheduler(RotateSigningKeys rotate, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalStateException("wxgate.jwt.check-interval must be positive");
        }
        this.rotate = rotate;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("wxgate-jwt-key-rotation").daemon().factory());
        timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            RotateSigningKeys.Rotation rotation = rotate.rotate(RotateSigningKeys.Command.WHEN_DUE);
            if (rotation.created()) {
                log.info("JWT signing key {} now signs", rotation.signing());
            }
            if (rotation.dropped() > 0) {
                log.info("dropped {} retired JWT signing key(s) no live token can need", rotation.dropped());
            }
        } catch (RuntimeException failed) {
            // A throwing task would be cancelled for good: log (the message names no key material) and keep going.
            log.warn("JWT signing key rotation failed: {}", failed.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
