package dev.wxgate.bootstrap;

import java.util.List;

/** A {@code wxgate.store=redis} configuration that cannot be run as a cluster; see {@link ClusterSafety}. */
final class UnsafeClusterException extends RuntimeException {

    /** What one node of the cluster would keep to itself. */
    enum Problem {
        EMBEDDED_DATABASE,
        EMBEDDED_SANDBOX
    }

    private final List<Problem> problems;
    private final String datasourceUrl;

    UnsafeClusterException(List<Problem> problems, String datasourceUrl) {
        super("wxgate.store=redis with " + problems + " (see the start-up report)");
        this.problems = List.copyOf(problems);
        this.datasourceUrl = datasourceUrl;
    }

    List<Problem> problems() {
        return problems;
    }

    /** The datasource URL without its options; no credentials are ever part of it here. */
    String datasourceUrl() {
        return datasourceUrl;
    }
}
