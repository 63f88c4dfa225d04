package dev.wxgate.bootstrap;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps Spring Boot's RabbitMQ auto-configuration out, always: wxgate builds the RabbitMQ sink's connection itself,
 * only when an app forwards to RabbitMQ ({@link RabbitMqDeliveryConfiguration}). Boot's would create a connection
 * factory, a template and a health indicator on every node, so a node without a broker would report itself down.
 */
public class RabbitMqAutoConfigurationFilter implements AutoConfigurationImportFilter {
    static final String RABBIT_AUTO_CONFIGURATIONS = "org.springframework.boot.amqp.autoconfigure.";

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = candidate == null || !candidate.startsWith(RABBIT_AUTO_CONFIGURATIONS);
        }
        return matches;
    }
}
