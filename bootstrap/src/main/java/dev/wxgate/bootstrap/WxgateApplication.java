package dev.wxgate.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The wxgate application. Component scanning stops at this package: use cases and adapters are created or imported
 * explicitly by the configuration classes here, so the wiring is readable in one place.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WxgateApplication {

    public static void main(String[] args) {
        SpringApplication.run(WxgateApplication.class, args);
    }

    /** Static: it must run before any bean, the datasource and Redisson included, is created. */
    @Bean
    static ClusterSafety clusterSafety() {
        return new ClusterSafety();
    }

    /** Static, for the same reason: the data directory is owner-only before the datasource opens it. */
    @Bean
    static DataDirectory dataDirectory() {
        return new DataDirectory();
    }
}
