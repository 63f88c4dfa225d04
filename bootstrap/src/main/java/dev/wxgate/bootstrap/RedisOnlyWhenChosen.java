package dev.wxgate.bootstrap;

import java.util.Arrays;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Redisson's, Spring Data Redis's and Spring Session's auto-configuration out unless {@code wxgate.store=redis}.
 * Redisson connects eagerly, so in the embedded default merely having it on the classpath would make start-up fail
 * without a Redis; console sessions are then the servlet container's own, as on any single node.
 */
public class RedisOnlyWhenChosen implements AutoConfigurationImportFilter, EnvironmentAware {
    private static final String[] REDIS_AUTO_CONFIGURATIONS = {
        "org.redisson.spring.starter.",
        "org.springframework.boot.data.redis.autoconfigure.",
        "org.springframework.boot.session."
    };

    private boolean redisChosen;

    @Override
    public void setEnvironment(Environment environment) {
        redisChosen = Binder.get(environment)
                        .bind("wxgate.store", WxgateProperties.Store.class)
                        .orElse(WxgateProperties.Store.MEMORY)
                == WxgateProperties.Store.REDIS;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = candidate == null
                    || redisChosen
                    || Arrays.stream(REDIS_AUTO_CONFIGURATIONS).noneMatch(candidate::startsWith);
        }
        return matches;
    }
}
