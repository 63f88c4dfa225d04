package dev.wxgate.bootstrap;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.domain.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Redis once at start-up (redis mode), through the store's breaker, before any adapter uses it. The Redis client
 * connects lazily (see {@link RedisClientConfiguration}), so a Redis that does not answer yet is no start-up failure:
 * the breaker opens, the node starts not ready, and it recovers when a probe gets an answer. A configuration no waiting
 * can fix is one: Sentinels that answer but monitor no master of the configured name ({@link UnknownSentinelMaster},
 * reported by {@link RedisFailureAnalyzer}).
 */
final class RedisStartupCheck {
    private static final Logger log = LoggerFactory.getLogger(RedisStartupCheck.class);
    /** What Redisson says when the Sentinels answer {@code SENTINEL GET-MASTER-ADDR-BY-NAME} with nothing. */
    private static final String NO_SUCH_MASTER = "GET-MASTER-ADDR-BY-NAME";

    private RedisStartupCheck() {}

    /** Logs a Redis that does not answer (the breaker is then open); throws {@link UnknownSentinelMaster} only. */
    static void ask(RedisStore redis) {
        try {
            redis.check();
        } catch (StoreUnavailableException unavailable) {
            Throwable unknownMaster = unknownMaster(unavailable);
            if (unknownMaster != null) {
                redis.close();
                throw new UnknownSentinelMaster(unknownMaster);
            }
            log.warn(
                    "Redis does not answer at start-up ({}): this node starts NOT READY, answers 503"
                            + " store_unavailable to what needs Redis, and recovers without a restart once Redis"
                            + " answers",
                    unavailable.getMessage());
        }
    }

    /** Among {@code failure}'s causes, Redisson's report of Sentinels that know no such master; or null. */
    static Throwable unknownMaster(Throwable failure) {
        Throwable deepest = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // The deepest: wrappers (bean creation) repeat the message inside their own.
            if (cause.getMessage() != null && cause.getMessage().contains(NO_SUCH_MASTER)) {
                deepest = cause;
            }
        }
        return deepest;
    }

    /** Sentinels that answered but know no master of the configured name: waiting will not fix it. */
    static final class UnknownSentinelMaster extends IllegalStateException {
        UnknownSentinelMaster(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
