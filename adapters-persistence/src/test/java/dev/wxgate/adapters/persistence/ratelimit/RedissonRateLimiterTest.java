package dev.wxgate.adapters.persistence.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.ratelimit.RateLimiter;
import dev.wxgate.domain.ratelimit.RateLimiter.RateLimit;
import dev.wxgate.testfixtures.RedisFixture;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.Redisson;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.Config;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedissonRateLimiterTest extends AbstractRateLimiterTest {
    /** Standalone, Cluster or Sentinel: every test runs on each. */
    @Parameter
    RedisTopology topology;

    private static RedissonClient client;
    private static RedissonClient otherNode;

    /** A prefix of this test's own under the run's prefix, so tests never see each other's limiters. */
    private final String prefix = RedisFixture.get().freshPrefix();

    private final RedissonRateLimiter limiter = new RedissonRateLimiter(RedisStores.of(client), prefix);

    @BeforeParameterizedClassInvocation
    static void connect(RedisTopology topology) {
        client = topology.client();
        otherNode = topology.client();
    }

    @AfterParameterizedClassInvocation
    static void disconnect() {
        client.shutdown();
        otherNode.shutdown();
    }

    @Override
    RateLimiter limiter() {
        return limiter;
    }

    @Override
    Duration shortPeriod() {
        return Duration.ofSeconds(1);
    }

    /** Redis keeps real time: wait, bounded, until the limiter reports its whole allowance back. */
    @Override
    void letPeriodPass(String key, RateLimit limit) {
        String name = limiter.name(key);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                // Gone altogether (idle past its time to live) is refilled too.
                .until(() -> client.getKeys().countExists(name) == 0
                        || client.getRateLimiter(name).availablePermits() == limit.permits());
    }

    @Test
    void nodesShareOneAllowance() {
        RedissonRateLimiter secondNode = new RedissonRateLimiter(RedisStores.of(otherNode), prefix);
        RateLimit three = new RateLimit(3, HOUR);

        assertThat(limiter.tryAcquire(key, three)).isEmpty();
        assertThat(secondNode.tryAcquire(key, three)).isEmpty();
        assertThat(limiter.tryAcquire(key, three)).isEmpty();

        assertThat(secondNode.tryAcquire(key, three)).isPresent();
        assertThat(limiter.tryAcquire(key, three)).isPresent();
    }

    @Test
    void aLargeLimitIsTakenFromRedisInBatches() {
        RateLimit large = new RateLimit(100_000, HOUR);

        for (int i = 0; i < 1_001; i++) {
            assertThat(limiter.tryAcquire(key, large)).isEmpty();
        }

        // Eleven batches of 100 taken from the cluster's window: 1,001 spent, 99 held by this node.
        assertThat(client.getRateLimiter(limiter.name(key)).availablePermits()).isEqualTo(100_000 - 1_100);
        assertThat(limiter.heldPermits(key)).isEqualTo(99);
    }

    @Test
    void batchesNeverLetTheClusterExceedItsLimit() {
        RedissonRateLimiter secondNode = new RedissonRateLimiter(RedisStores.of(otherNode), prefix);
        RateLimit limit = new RateLimit(PermitBatches.BATCHED_FROM, HOUR);
        int batch = PermitBatches.size(limit);
        assertThat(batch).isGreaterThan(1);

        int allowed = 0;
        boolean firstRefused = false;
        boolean secondRefused = false;
        while (!(firstRefused && secondRefused)) {
            if (!firstRefused) {
                boolean taken = limiter.tryAcquire(key, limit).isEmpty();
                allowed += taken ? 1 : 0;
                firstRefused = !taken;
            }
            if (!secondRefused) {
                boolean taken = secondNode.tryAcquire(key, limit).isEmpty();
                allowed += taken ? 1 : 0;
                secondRefused = !taken;
            }
        }

        // Never more than the limit; at most what one node held unspent when the other ran out is refused early.
        assertThat(allowed).isBetween(limit.permits() - (batch - 1), limit.permits());
    }

    @Test
    void smallLimitsAreNeverBatched() {
        assertThat(PermitBatches.size(new RateLimit(PermitBatches.BATCHED_FROM - 1, HOUR)))
                .isOne();
        limiter.tryAcquire(key, new RateLimit(1_999, HOUR));

        assertThat(limiter.heldPermits(key)).isZero();
        assertThat(client.getRateLimiter(limiter.name(key)).availablePermits()).isEqualTo(1_998);
    }

    @Test
    void aNodeWithANewLimitImposesItOnTheOthers() {
        RedissonRateLimiter upgraded = new RedissonRateLimiter(RedisStores.of(otherNode), prefix);
        RateLimit three = new RateLimit(3, HOUR);
        RateLimit five = new RateLimit(5, HOUR);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(key, three);
        }

        assertThat(upgraded.tryAcquire(key, five)).isEmpty();
        // The first node still believes in three, but counts against what Redis holds: this is the fifth of five.
        assertThat(limiter.tryAcquire(key, three)).isEmpty();
        assertThat(upgraded.tryAcquire(key, five)).isPresent();
    }

    @Test
    void limiterKeysExpireWhenIdle() {
        RateLimit limit = new RateLimit(5, Duration.ofMinutes(1));
        limiter.tryAcquire(key, limit);
        limiter.tryAcquire(otherKey, limit);

        List<String> keys = keysUnderPrefix();
        assertThat(keys).hasSize(6); // per limiter: configuration, permits left, permits taken
        for (String redisKey : keys) {
            long ttl = client.getKeys().remainTimeToLive(redisKey);
            assertThat(ttl)
                    .as("time to live of %s", redisKey)
                    .isBetween(1L, Duration.ofMinutes(2).toMillis());
        }
    }

    @Test
    void aLimiterThatExpiredIsCreatedAgain() {
        RateLimit two = new RateLimit(2, HOUR);
        limiter.tryAcquire(key, two);
        limiter.tryAcquire(key, two);
        assertThat(limiter.tryAcquire(key, two)).isPresent();

        // As if it had been idle past its time to live, while this node still remembers configuring it.
        for (String redisKey : keysUnderPrefix()) {
            client.getKeys().delete(redisKey);
        }

        assertThat(limiter.tryAcquire(key, two)).isEmpty();
        assertThat(limiter.tryAcquire(key, two)).isEmpty();
        assertThat(limiter.tryAcquire(key, two)).isPresent();
        assertThat(keysUnderPrefix()).hasSize(3);
    }

    @Test
    void retryAfterIsWhenTheOldestPermitLeavesTheWindow() {
        RateLimit two = new RateLimit(2, HOUR);
        limiter.tryAcquire(key, two);
        limiter.tryAcquire(key, two);

        // Both permits were taken moments ago: the wait is nearly the whole hour, and never more.
        assertThat(limiter.tryAcquire(key, two))
                .hasValueSatisfying(wait ->
                        assertThat(wait).isGreaterThan(HOUR.minusMinutes(5)).isLessThanOrEqualTo(HOUR));
    }

    @Test
    void retryAfterCountsFromTheOldestPermitInTheWindow() {
        RateLimit two = new RateLimit(2, HOUR);
        limiter.tryAcquire(key, two);
        limiter.tryAcquire(key, two);
        // Date the permits back half an hour, as if taken then: the window frees one in half an hour.
        RScoredSortedSet<byte[]> permits =
                client.getScoredSortedSet(limiter.name(key) + ":permits", ByteArrayCodec.INSTANCE);
        long halfAnHourAgo = System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();
        for (byte[] permit : permits.readAll()) {
            permits.add(halfAnHourAgo, permit);
        }

        assertThat(limiter.tryAcquire(key, two))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30)));
    }

    @Test
    void everyKeyOfALimiterSharesItsHashTag() {
        limiter.tryAcquire(key, new RateLimit(1, HOUR));

        assertThat(keysUnderPrefix()).hasSize(3).allSatisfy(redisKey -> assertThat(redisKey)
                .startsWith(prefix + "{wxgate:ratelimit:" + key + "}"));
    }

    @Test
    void readableKeysAreKeptAndOthersHashed() {
        assertThat(limiter.name("login:ip:203.0.113.7")).isEqualTo(prefix + "{wxgate:ratelimit:login:ip:203.0.113.7}");
        assertThat(limiter.name("login:ip:2001:db8::1")).isEqualTo(prefix + "{wxgate:ratelimit:login:ip:2001:db8::1}");

        String hashed = limiter.name("login:ip:}{evil key\n");
        assertThat(hashed).matches(Pattern.quote(prefix + "{wxgate:ratelimit:#") + "[0-9a-f]{64}\\}");
        assertThat(limiter.name("x".repeat(1000))).hasSizeLessThan(prefix.length() + 100);
        assertThat(limiter.name("a b")).isNotEqualTo(limiter.name("a_b"));
    }

    @Test
    void hashedKeysAreLimitedLikeOthers() {
        String odd = "login:ip:{weird} key";
        RateLimit one = new RateLimit(1, HOUR);

        assertThat(limiter.tryAcquire(odd, one)).isEmpty();
        assertThat(limiter.tryAcquire(odd, one)).isPresent();
        assertThat(limiter.tryAcquire(key, one)).isEmpty();
    }

    @Test
    void aPrefixThatWouldBreakTheHashTagIsRefused() {
        for (String bad : Arrays.asList("wx{gate}:", "wx gate:", "wx\ngate:", null)) {
            assertThatIllegalArgumentException().isThrownBy(() -> new RedissonRateLimiter(RedisStores.of(client), bad));
        }
    }

    @Test
    void aPeriodBelowAMillisecondIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> limiter.tryAcquire(key, new RateLimit(1, Duration.ofNanos(500_000))));
    }

    @Test
    void anUnreachableRedisIsReportedAsTheStoreBeingUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Config config = new Config().setLazyInitialization(true);
        config.useSingleServer()
                .setAddress("redis://127.0.0.1:" + closedPort)
                .setConnectTimeout(200)
                .setTimeout(200)
                .setRetryAttempts(0);
        RedissonClient unreachable = Redisson.create(config);
        try {
            RedissonRateLimiter down = new RedissonRateLimiter(RedisStores.of(unreachable), prefix);

            assertThatThrownBy(() -> down.tryAcquire(key, new RateLimit(1, HOUR)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining(key);
        } finally {
            unreachable.shutdown();
        }
    }

    private List<String> keysUnderPrefix() {
        return client.getKeys().getKeysStreamByPattern(prefix + "*").sorted().toList();
    }
}
