package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.adapters.persistence.RedisStore;
import dev.wxgate.adapters.persistence.activity.RedissonActivityHistory;
import dev.wxgate.application.activity.SeriesDay;
import dev.wxgate.application.activity.ViewActivity;
import dev.wxgate.domain.activity.Series;
import dev.wxgate.testfixtures.RedisFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Two nodes on one Redis, each with its own meters, client and sampler, as {@link ActivityConfiguration} wires them in
 * redis mode: the console of either sees both nodes' counts summed, and the sessions gauge (a cluster-wide figure
 * every node reads) at its highest, not doubled.
 */
class ActivityOnRedisTest {
    private final String prefix = RedisFixture.get().freshPrefix();
    private final RedissonClient firstClient = client();
    private final RedissonClient secondClient = client();
    private final Node first = new Node(firstClient);
    private final Node second = new Node(secondClient);

    @AfterEach
    void disconnect() {
        firstClient.shutdown();
        secondClient.shutdown();
    }

    @Test
    void eitherNodesConsoleSeesBothNodesCountsSummed() {
        first.registry.counter("wxgate.pushes.received", "app", "wx1").increment(3);
        second.registry.counter("wxgate.pushes.received", "app", "wx1").increment(4);
        first.registry
                .counter("wxgate.token.refreshes", "app", "wx1", "outcome", "refreshed")
                .increment();
        second.registry
                .counter("wxgate.token.refreshes", "app", "wx1", "outcome", "failed")
                .increment(2);
        first.sessions.set(10);
        second.sessions.set(11);

        first.sampler.sample();
        second.sampler.sample();
        first.sampler.sample();

        for (Node node : new Node[] {first, second}) {
            assertThat(node.day(Series.PUSHES_RECEIVED).total()).isEqualTo(7);
            assertThat(node.day(Series.TOKEN_REFRESHES).total()).isEqualTo(1);
            assertThat(node.day(Series.TOKEN_REFRESH_FAILURES).total()).isEqualTo(2);
            assertThat(node.day(Series.ACTIVE_SESSIONS).peak()).isEqualTo(11);
        }
    }

    private final class Node {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final AtomicLong sessions = registry.gauge("wxgate.sessions.active", new AtomicLong());
        final ActivitySampler sampler;
        final ViewActivity view;

        Node(RedissonClient client) {
            RedissonActivityHistory history = new RedissonActivityHistory(
                    new RedisStore(client, prefix, Duration.ofMillis(100), Clock.systemUTC()), prefix);
            sampler = new ActivitySampler(registry, history, Clock.systemUTC());
            view = new ViewActivity(history, Clock.systemUTC());
        }

        SeriesDay day(Series series) {
            return view.lastDay().get(series.ordinal());
        }
    }

    private static RedissonClient client() {
        Config config = new Config();
        config.useSingleServer().setAddress(RedisFixture.get().url());
        return Redisson.create(config);
    }
}
