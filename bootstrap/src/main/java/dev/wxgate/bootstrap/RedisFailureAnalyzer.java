package dev.wxgate.bootstrap;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's start-up report ("Description / Action") for a Redis configuration wxgate cannot start with: an
 * address that does not parse (the Redis client refuses it when it is created), or Sentinels that answer but know no
 * master of the configured name (found by {@link RedisStartupCheck}). A valid address nobody answers at is no
 * start-up failure: the node starts not ready and recovers when Redis answers. Registered in
 * {@code META-INF/spring.factories}.
 */
public class RedisFailureAnalyzer implements FailureAnalyzer {
    /** The Redisson client's bean, made by its Spring Boot starter from {@code spring.data.redis.*}. */
    private static final String CLIENT_BEAN = "redisson";

    private static final String[] SETTINGS = {
        "spring.data.redis.url",
        "spring.data.redis.host",
        "spring.data.redis.port",
        "spring.data.redis.sentinel.master",
        "spring.data.redis.sentinel.nodes",
        "spring.data.redis.cluster.nodes"
    };

    private final Environment environment;

    public RedisFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Throwable unknown = RedisStartupCheck.unknownMaster(failure);
        if (unknown != null) {
            return unknownMaster(unknown);
        }
        if (!madeTheClientFail(failure)) {
            return null;
        }
        String description = "wxgate cannot create its Redis client from the Redis settings: " + rootMessage(failure)
                + System.lineSeparator() + "The Redis settings are:" + System.lineSeparator() + settings();
        String action =
                "Correct the Redis address: spring.data.redis.url as redis://[[user]:password@]host:port[/database]"
                        + " (rediss:// for TLS), or spring.data.redis.host and spring.data.redis.port; for Sentinel,"
                        + " spring.data.redis.sentinel.master and spring.data.redis.sentinel.nodes (host:port,"
                        + " comma-separated); for a Cluster, spring.data.redis.cluster.nodes. A Redis that is only down"
                        + " at start is no error: the node starts not ready and recovers when it answers.";
        return new FailureAnalysis(description, action, failure);
    }

    private FailureAnalysis unknownMaster(Throwable unknown) {
        String master = environment.getProperty("spring.data.redis.sentinel.master", "");
        String description = "The Redis Sentinels answer, but none of them monitors a master named '" + master
                + "' (spring.data.redis.sentinel.master): " + unknown.getMessage() + System.lineSeparator()
                + "The Redis settings are:" + System.lineSeparator() + settings();
        String action = "Set spring.data.redis.sentinel.master to the name the Sentinels monitor (the name in"
                + " sentinel.conf's 'sentinel monitor <name> <host> <port> <quorum>'; 'redis-cli -p <sentinel port>"
                + " SENTINEL MASTERS' lists them), or point spring.data.redis.sentinel.nodes at the Sentinels that"
                + " monitor it.";
        return new FailureAnalysis(description, action, unknown);
    }

    private static boolean madeTheClientFail(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BeanCreationException creation && CLIENT_BEAN.equals(creation.getBeanName())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The settings that are set, a URL's password masked. */
    private String settings() {
        List<String> lines = new ArrayList<>();
        for (String setting : SETTINGS) {
            String value = environment.getProperty(setting);
            if (value != null) {
                lines.add("  " + setting + "=" + maskPassword(value));
            }
        }
        return lines.isEmpty() ? "  (none: localhost:6379)" : String.join(System.lineSeparator(), lines);
    }

    /** {@code redis://user:secret@host} → {@code redis://****@host}: a URL may carry the password. */
    static String maskPassword(String value) {
        return value.replaceAll("//[^/@]*@", "//****@");
    }
}
