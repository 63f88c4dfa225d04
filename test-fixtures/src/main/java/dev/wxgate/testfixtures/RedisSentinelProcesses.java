package dev.wxgate.testfixtures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sentinel topology of a test's own: one master, one replica and three sentinels (quorum two) as local {@code
 * redis-server} processes on free ports. A sentinel calls a master down after one second without an answer, so a
 * killed master is replaced by its replica within seconds. Always {@link #close()} it: every process stops.
 */
public final class RedisSentinelProcesses implements AutoCloseable {
    /** The master's name the sentinels monitor ({@code spring.data.redis.sentinel.master}). */
    public static final String MASTER_NAME = "wxgate-master";

    private static final Duration FORM_WAIT = Duration.ofSeconds(60);

    private final List<RedisServerProcess> servers;
    private final List<RedisServerProcess> sentinels;

    private RedisSentinelProcesses(List<RedisServerProcess> servers, List<RedisServerProcess> sentinels) {
        this.servers = servers;
        this.sentinels = sentinels;
    }

    /** Starts the five processes and returns once the replica is in sync and every sentinel knows the others. */
    public static RedisSentinelProcesses start() {
        List<RedisServerProcess> started = new ArrayList<>();
        try {
            RedisServerProcess master = RedisServerProcess.start();
            started.add(master);
            RedisServerProcess replica =
                    RedisServerProcess.start(List.of("--replicaof", master.host(), Integer.toString(master.port())));
            started.add(replica);
            Waits.until(FORM_WAIT, "the replica to sync", () -> "up"
                    .equals(RedisCli.infoField(replica.cli("INFO", "replication"), "master_link_status")));
            List<RedisServerProcess> sentinels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RedisServerProcess sentinel = RedisServerProcess.startSentinel(MASTER_NAME, master.port(), 2);
                started.add(sentinel);
                sentinels.add(sentinel);
            }
            RedisSentinelProcesses topology =
                    new RedisSentinelProcesses(List.of(master, replica), List.copyOf(sentinels));
            topology.awaitSentinelsAgree(FORM_WAIT);
            return topology;
        } catch (RuntimeException failed) {
            started.forEach(RedisServerProcess::close);
            throw failed;
        }
    }

    /** The sentinels' {@code redis://} addresses. */
    public List<String> sentinelUrls() {
        return sentinels.stream().map(RedisServerProcess::url).toList();
    }

    /** The sentinels' {@code host:port} pairs ({@code spring.data.redis.sentinel.nodes}). */
    public List<String> sentinelNodes() {
        return sentinels.stream().map(s -> s.host() + ":" + s.port()).toList();
    }

    public List<RedisServerProcess> sentinels() {
        return sentinels;
    }

    /** The master and the replica (in the order they were started; {@link #master()} says which is master now). */
    public List<RedisServerProcess> servers() {
        return servers;
    }

    /** The server the sentinels name as master now. */
    public RedisServerProcess master() {
        int port = masterPort(sentinels.stream()
                .filter(RedisServerProcess::running)
                .findFirst()
                .orElseThrow());
        return servers.stream().filter(s -> s.port() == port).findFirst().orElseThrow();
    }

    /**
     * Kills the master ({@code SIGKILL}) and returns the replica once the sentinels have promoted it and it answers as
     * a master; the old master stays down until {@link RedisServerProcess#restart()} (the sentinels then make it a
     * replica of the new one).
     */
    public RedisServerProcess failOver(Duration timeout) {
        RedisServerProcess old = master();
        old.kill();
        RedisServerProcess promoted =
                servers.stream().filter(s -> s != old).findFirst().orElseThrow();
        Waits.until(
                timeout,
                "the sentinels to promote the replica",
                () -> sentinels.stream()
                                .filter(RedisServerProcess::running)
                                .allMatch(sentinel -> masterPort(sentinel) == promoted.port())
                        && "master".equals(RedisCli.infoField(promoted.cli("INFO", "replication"), "role")));
        return promoted;
    }

    private void awaitSentinelsAgree(Duration timeout) {
        Waits.until(timeout, "the sentinels to see each other and the replica", () -> sentinels.stream()
                .allMatch(sentinel -> {
                    String info = sentinel.cli("INFO", "sentinel");
                    // master0:name=wxgate-master,status=ok,address=127.0.0.1:p,slaves=1,sentinels=3
                    return info.contains("name=" + MASTER_NAME + ",status=ok")
                            && info.contains("slaves=1,")
                            && info.contains("sentinels=3");
                }));
    }

    private static int masterPort(RedisServerProcess sentinel) {
        String[] answer = sentinel.cli("SENTINEL", "get-master-addr-by-name", MASTER_NAME)
                .trim()
                .split("\n");
        return Integer.parseInt(answer[answer.length - 1].trim());
    }

    @Override
    public void close() {
        sentinels.forEach(RedisServerProcess::close);
        servers.forEach(RedisServerProcess::close);
    }
}
