package dev.wxgate.adapters.persistence.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.adapters.persistence.RedisStores;
import dev.wxgate.adapters.persistence.RedisTopology;
import dev.wxgate.domain.activity.ActivityBucket;
import dev.wxgate.domain.activity.ActivityHistory;
import dev.wxgate.domain.activity.Series;
import dev.wxgate.testfixtures.RedisFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RedissonClient;

@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedissonActivityHistoryTest extends AbstractActivityHistoryTest {
    /** Standalone, Cluster or Sentinel: every test runs on each. */
    @Parameter
    RedisTopology topology;

    private static RedissonClient client;
    private static RedissonClient otherNode;

    /** A prefix of this test's own, so tests never see each other's buckets. */
    private final String prefix = RedisFixture.get().freshPrefix();

    private final RedissonActivityHistory history = new RedissonActivityHistory(RedisStores.of(client), prefix);

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
    ActivityHistory history() {
        return history;
    }

    /** Redis expires keys by real time. */
    @Override
    Instant now() {
        return Instant.now();
    }

    @Test
    void twoNodesCountsAreSummedAndTheirGaugeIsTheHigher() {
        RedissonActivityHistory secondNode = new RedissonActivityHistory(RedisStores.of(otherNode), prefix);
        Instant bucket = current();

        history.add(Series.PUSHES_RECEIVED, bucket, 3);
        secondNode.add(Series.PUSHES_RECEIVED, bucket, 4);
        history.raise(Series.ACTIVE_SESSIONS, bucket, 12);
        secondNode.raise(Series.ACTIVE_SESSIONS, bucket, 10);

        for (ActivityHistory node : List.of(history, secondNode)) {
            assertThat(node.read(Series.PUSHES_RECEIVED, bucket, bucket.plus(BUCKET)))
                    .containsExactly(new ActivityBucket(bucket, 7));
            assertThat(node.read(Series.ACTIVE_SESSIONS, bucket, bucket.plus(BUCKET)))
                    .containsExactly(new ActivityBucket(bucket, 12));
        }
    }

    @Test
    void aDaysHashExpiresWhatIsKeptAfterTheDayEnds() {
        Instant bucket = current();
        history.add(Series.LOGINS, bucket, 1);
        LocalDate day = LocalDate.ofInstant(bucket, ZoneOffset.UTC);
        String key = history.name(Series.LOGINS, day);

        long expiresAt = day.plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .plus(ActivityHistory.KEPT)
                .toEpochMilli();
        long ttl = client.getKeys().remainTimeToLive(key);
        assertThat(ttl)
                .as("time to live of %s", key)
                .isBetween(
                        expiresAt
                                - System.currentTimeMillis()
                                - Duration.ofMinutes(1).toMillis(),
                        expiresAt
                                - System.currentTimeMillis()
                                + Duration.ofMinutes(1).toMillis());
        assertThat(ttl)
                .isGreaterThanOrEqualTo(
                        ActivityHistory.KEPT.toMillis() - Duration.ofMinutes(1).toMillis());
    }

    @Test
    void everyKeySharesOneHashTag() {
        assertThat(history.name(Series.TOKEN_REFRESH_FAILURES, LocalDate.of(2026, 5, 1)))
                .isEqualTo(prefix + "{wxgate:activity}:token-refresh-failures:2026-05-01");
    }

    @Test
    void aPrefixThatWouldBreakTheHashTagIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedissonActivityHistory(RedisStores.of(client), "wx{gate}:"));
    }
}
