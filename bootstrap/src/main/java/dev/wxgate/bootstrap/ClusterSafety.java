package dev.wxgate.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Refuses, before any bean (the datasource, Redisson) is created, a {@code wxgate.store=redis} configuration whose
 * nodes would not share what they must: users numbered in each node's own embedded H2 while sessions in Redis carry a
 * user id (users would read and write each other's rows), or one embedded WeChat sandbox per node (each with its own
 * tokens and codes). {@link ClusterFailureAnalyzer} turns the refusal into Spring Boot's start-up report.
 */
final class ClusterSafety implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {
    static final String ALLOW_SANDBOX = "wxgate.sandbox.allow-in-cluster";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    /** Throws {@link UnsafeClusterException} naming every problem of a redis-store configuration; else nothing. */
    static void check(Environment environment) {
        Binder binder = Binder.get(environment);
        WxgateProperties.Store store =
                binder.bind("wxgate.store", WxgateProperties.Store.class).orElse(WxgateProperties.Store.MEMORY);
        if (store != WxgateProperties.Store.REDIS) {
            return;
        }
        List<UnsafeClusterException.Problem> problems = new ArrayList<>();
        String url = environment.getProperty("spring.datasource.url", "");
        if (isEmbedded(url)) {
            problems.add(UnsafeClusterException.Problem.EMBEDDED_DATABASE);
        }
        if (SandboxConfiguration.isWanted(environment)
                && !binder.bind(ALLOW_SANDBOX, Boolean.class).orElse(false)) {
            problems.add(UnsafeClusterException.Problem.EMBEDDED_SANDBOX);
        }
        if (!problems.isEmpty()) {
            throw new UnsafeClusterException(problems, describe(url));
        }
    }

    /**
     * An H2 inside this process (file or memory; a URL without a subprotocol is a file), or no URL at all (Boot
     * would then embed one). H2 reached over TCP is a server the nodes could share.
     */
    static boolean isEmbedded(String url) {
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            return true;
        }
        if (!lower.startsWith("jdbc:h2:")) {
            return false;
        }
        return !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    }

    /** The URL without credentials or options, for the report: the H2 path is what the operator recognises. */
    private static String describe(String url) {
        if (url.isBlank()) {
            return "(none)";
        }
        int options = url.indexOf(';');
        return options < 0 ? url : url.substring(0, options);
    }
}
