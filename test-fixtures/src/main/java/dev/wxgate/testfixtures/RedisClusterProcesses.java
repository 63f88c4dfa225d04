package dev.wxgate.testfixtures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of a test's own: three masters and three replicas as local {@code redis-server} processes on free
 * ports, joined with {@code redis-cli --cluster create}. A node misses its peers after one second
 * ({@code cluster-node-timeout}), so killing a master fails its slots over to its replica within seconds. Always
 * {@link #close()} it: every process stops.
 */
public final class RedisClusterProcesses implements AutoCloseable {
    private static final Duration FORM_WAIT = Duration.ofSeconds(60);

    private final List<RedisServerProcess> nodes;

    private RedisClusterProcesses(List<RedisServerProcess> nodes) {
        this.nodes = nodes;
    }

    /** Starts six nodes and returns once the cluster is formed, every slot served and every replica in sync. */
    public static RedisClusterProcesses start() {
        List<RedisServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                nodes.add(RedisServerProcess.start(List.of(
                        "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "1000")));
            }
            List<String> create = new ArrayList<>(List.of(RedisBinaries.cli(), "--cluster", "create"));
            nodes.forEach(node -> create.add(node.host() + ":" + node.port()));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            RedisCli.exec(create);
            RedisClusterProcesses cluster = new RedisClusterProcesses(List.copyOf(nodes));
            cluster.awaitHealthy(FORM_WAIT);
            return cluster;
        } catch (RuntimeException failed) {
            nodes.forEach(RedisServerProcess::close);
            throw failed;
        }
    }

    public List<RedisServerProcess> nodes() {
        return nodes;
    }

    /** Every node's {@code redis://} address: Redisson's and Spring's cluster seed list. */
    public List<String> seedUrls() {
        return nodes.stream().map(RedisServerProcess::url).toList();
    }

    /** The running nodes that are masters now (after a failover, a former replica is one). */
    public List<RedisServerProcess> masters() {
        return nodes.stream()
                .filter(RedisServerProcess::running)
                .filter(node -> "master".equals(RedisCli.infoField(node.cli("INFO", "replication"), "role")))
                .toList();
    }

    /** The master that serves {@code key}'s slot now. */
    public RedisServerProcess masterOf(String key) {
        RedisServerProcess any = anyRunning();
        int slot = Integer.parseInt(any.cli("CLUSTER", "KEYSLOT", key).trim());
        for (String line : any.cli("CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                if (range[0].startsWith("[")) {
                    continue; // a slot being migrated
                }
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    int port =
                            Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                    return nodes.stream()
                            .filter(node -> node.port() == port)
                            .findFirst()
                            .orElseThrow();
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /**
     * Kills {@code master} ({@code SIGKILL}) and returns once its replica has taken its slots and the cluster is
     * healthy again; the killed node stays down until {@link RedisServerProcess#restart()}.
     */
    public void failOver(RedisServerProcess master, Duration timeout) {
        master.kill();
        awaitHealthy(timeout);
    }

    /**
     * Moves {@code slots} hash slots, with their keys, from one master to another while clients go on using them (the
     * clients follow {@code MOVED} and {@code ASK} redirections), as {@code redis-cli --cluster reshard} does for an
     * operator adding capacity; returns once the move is done and the cluster is healthy.
     */
    public void migrateSlots(RedisServerProcess from, RedisServerProcess to, int slots, Duration timeout) {
        RedisCli.exec(List.of(
                RedisBinaries.cli(),
                "--cluster",
                "reshard",
                from.host() + ":" + from.port(),
                "--cluster-from",
                nodeId(from),
                "--cluster-to",
                nodeId(to),
                "--cluster-slots",
                Integer.toString(slots),
                "--cluster-yes"));
        awaitHealthy(timeout);
    }

    private static String nodeId(RedisServerProcess node) {
        return node.cli("CLUSTER", "MYID").trim();
    }

    /** Waits until every running node sees the cluster as ok and every running replica is in sync with a master. */
    public void awaitHealthy(Duration timeout) {
        Waits.until(timeout, "the Redis Cluster to be healthy", () -> nodes.stream()
                .filter(RedisServerProcess::running)
                .allMatch(this::healthy));
    }

    private boolean healthy(RedisServerProcess node) {
        String info = node.cli("CLUSTER", "INFO");
        if (!"ok".equals(RedisCli.infoField(info, "cluster_state"))
                || !"16384".equals(RedisCli.infoField(info, "cluster_slots_ok"))) {
            return false;
        }
        String replication = node.cli("INFO", "replication");
        return "master".equals(RedisCli.infoField(replication, "role"))
                || "up".equals(RedisCli.infoField(replication, "master_link_status"));
    }

    private RedisServerProcess anyRunning() {
        return nodes.stream()
                .filter(RedisServerProcess::running)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of the cluster is running"));
    }

    @Override
    public void close() {
        nodes.forEach(RedisServerProcess::close);
    }
}
