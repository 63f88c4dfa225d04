package dev.wxgate.adapters.persistence;

import dev.wxgate.domain.StoreUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisNodeNotFoundException;
import org.redisson.client.RedisReconnectedException;
import org.redisson.client.RedisRetryException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Redisson adapters share: the client, behind one circuit breaker for all of them (sessions, tokens, quotas,
 * rate limits, callbacks). The first call that finds Redis unreachable (no connection, no answer in time, a node
 * loading or failing over) opens the breaker; while it is open every call fails at once with
 * {@link StoreUnavailableException}, without touching the network, and a single background probe asks Redis every
 * {@code probeInterval}. The probe's first answer closes the breaker. Errors Redis itself answers (a script error, a
 * wrong type) say nothing about reachability and leave the breaker as it is.
 */
public final class RedisStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisStore.class);

    private final RedissonClient client;
    private final String probeKey;
    private final Duration probeInterval;
    private final Clock clock;
    /** When the breaker opened; null while it is closed. */
    private final AtomicReference<Instant> downSince = new AtomicReference<>();

    private final LongAdder rejected = new LongAdder();
    private final LongAdder trips = new LongAdder();
    private final LongAdder probes = new LongAdder();
    private volatile Thread probe;
    private volatile boolean closed;

    /**
     * @param keyPrefix the adapters' key prefix; the probe reads (never writes) {@code <prefix>probe}
     * @param probeInterval how often the probe asks Redis while the breaker is open
     */
    public RedisStore(RedissonClient client, String keyPrefix, Duration probeInterval, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.probeKey = RedisKeyPrefix.check(keyPrefix) + "probe";
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("the Redis probe interval must be positive");
        }
        this.probeInterval = probeInterval;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The client, for the adapters to build their Redis objects with; call Redis only inside {@link #call}. */
    public RedissonClient client() {
        return client;
    }

    /**
     * Runs {@code work} unless the breaker is open. A Redis failure becomes "Redis could not {@code operation}" (the
     * operation names what was done, never a key's value or a token); an unreachable Redis also opens the breaker.
     *
     * @throws StoreUnavailableException at once while the breaker is open, or when {@code work} failed in Redis
     */
    public <T> T call(String operation, Supplier<T> work) {
        Instant since = downSince.get();
        if (since != null) {
            rejected.increment();
            throw new StoreUnavailableException(
                    "Redis could not " + operation + ": unreachable since " + since
                            + " (calls fail fast until a probe answers)",
                    null);
        }
        try {
            return work.get();
        } catch (RedisException failed) {
            throw failure(operation, failed);
        } catch (CompletionException wrapped) {
            // A batch's or an async call's result, joined: the same failure, one level down.
            if (wrapped.getCause() instanceof RedisException failed) {
                throw failure(operation, failed);
            }
            throw wrapped;
        }
    }

    /** Asks Redis once, through the breaker (for health checks): a failure opens it like any call's. */
    public void check() {
        call("answer a health check", this::ask);
    }

    /** Whether the breaker is open: Redis was found unreachable and no probe has answered since. */
    public boolean isDown() {
        return downSince.get() != null;
    }

    /** Since when the breaker is open, if it is. */
    public Optional<Instant> downSince() {
        return Optional.ofNullable(downSince.get());
    }

    /** Calls refused by the open breaker without trying Redis, since start. */
    public long rejectedCalls() {
        return rejected.sum();
    }

    /** Times the breaker opened, since start. */
    public long trips() {
        return trips.sum();
    }

    /** Probes sent to Redis while the breaker was open, since start. */
    public long probes() {
        return probes.sum();
    }

    @Override
    public void close() {
        closed = true;
        Thread running = probe;
        if (running != null) {
            running.interrupt();
        }
    }

    private StoreUnavailableException failure(String operation, RedisException failed) {
        if (unreachable(failed)) {
            open(failed);
        }
        return new StoreUnavailableException(
                "Redis could not " + operation + ": " + failed.getClass().getSimpleName(), failed);
    }

    /**
     * Failures that mean Redis cannot be reached or cannot serve now, as opposed to an answer it gave (which has no
     * cause). A refused connection comes as a plain {@link RedisException} whose cause is the socket's failure.
     */
    static boolean unreachable(RedisException failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RedisConnectionException
                    || cause instanceof RedisTimeoutException
                    || cause instanceof RedisRetryException
                    || cause instanceof RedisNodeNotFoundException
                    || cause instanceof RedisReconnectedException
                    || cause instanceof IOException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void open(RedisException cause) {
        if (closed || !downSince.compareAndSet(null, clock.instant())) {
            return;
        }
        trips.increment();
        log.warn(
                "Redis is unreachable ({}): calls that need it fail at once until a probe, every {} ms, gets an"
                        + " answer",
                cause.getClass().getSimpleName(),
                probeInterval.toMillis());
        probe = Thread.ofVirtual().name("wxgate-redis-probe").start(this::probeUntilAnswered);
    }

    /** One cheap round trip: reads whether a key that is never written exists. */
    private boolean ask() {
        return client.getBucket(probeKey, StringCodec.INSTANCE).isExists();
    }

    private void probeUntilAnswered() {
        while (!closed && downSince.get() != null) {
            try {
                Thread.sleep(probeInterval);
            } catch (InterruptedException stopping) {
                return;
            }
            probes.increment();
            try {
                ask();
            } catch (RedisException stillDown) {
                log.debug(
                        "Redis probe: still unreachable ({})",
                        stillDown.getClass().getSimpleName());
                continue;
            } catch (RuntimeException shutDown) {
                if (client.isShuttingDown() || client.isShutdown()) {
                    return;
                }
                log.debug("Redis probe failed: {}", shutDown.getClass().getSimpleName());
                continue;
            }
            Instant since = downSince.getAndSet(null);
            if (since != null) {
                log.info(
                        "Redis answers again, after {} s unreachable: calls go to it again",
                        Duration.between(since, clock.instant()).toSeconds());
            }
        }
    }
}
