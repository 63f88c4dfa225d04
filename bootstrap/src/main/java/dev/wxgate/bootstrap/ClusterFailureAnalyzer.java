package dev.wxgate.bootstrap;

import java.util.StringJoiner;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Spring Boot's start-up report ("Description / Action") for a refused cluster configuration, instead of a stack
 * trace. Registered in {@code META-INF/spring.factories}.
 */
public class ClusterFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeClusterException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeClusterException cause) {
        StringJoiner description = new StringJoiner(System.lineSeparator());
        StringJoiner action = new StringJoiner(System.lineSeparator());
        description.add("wxgate.store=redis runs wxgate as one node of a cluster, but this node would keep to itself"
                + " what every node must share:");
        for (UnsafeClusterException.Problem problem : cause.problems()) {
            switch (problem) {
                case EMBEDDED_DATABASE -> {
                    description.add("  - its users are in an embedded H2 database (spring.datasource.url: "
                            + cause.datasourceUrl() + "). Each node would number users on its own while the"
                            + " sessions in Redis carry a user id, so a user served by another node would read and"
                            + " write someone else's row.");
                    action.add("Point spring.datasource.url (with spring.datasource.username and"
                            + " spring.datasource.password) of every node at one shared PostgreSQL, MariaDB or MySQL"
                            + " database, or run a single node with wxgate.store=memory.");
                }
                case EMBEDDED_SANDBOX -> {
                    description.add("  - the built-in WeChat sandbox is on (no wxgate.apps configured, or"
                            + " wxgate.sandbox.enabled=true). Every node would run its own WeChat with its own"
                            + " access tokens and login codes, which the other nodes do not know.");
                    action.add("Give every node the same wxgate.apps and one WeChat: the real one, or one standalone"
                            + " sandbox that wxgate.wechat.base-url points at (with its apps in wxgate.apps). For a"
                            + " demo where each node may run its own sandbox, set "
                            + ClusterSafety.ALLOW_SANDBOX + "=true.");
                }
            }
        }
        action.add("The README's cluster section lists what every node needs.");
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }
}
