package dev.wxgate.sandbox;

import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Entry point: the sandbox on its own, WeChat's endpoints at the root and the control API under /_sandbox/. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WechatSandboxConfiguration.class)
public class WechatSandboxApplication {

    /** Defaults for the standalone process only; command-line arguments and the environment override them. */
    static final Map<String, Object> STANDALONE_DEFAULTS = Map.of(
            "server.port", "8090",
            "spring.threads.virtual.enabled", "true",
            "server.error.whitelabel.enabled", "false",
            "server.error.include-stacktrace", "never");

    public static void main(String[] args) {
        new SpringApplicationBuilder(WechatSandboxApplication.class)
                .properties(STANDALONE_DEFAULTS)
                .run(args);
    }

    /**
     * Standalone, the sandbox owns every path, so anything else is a WeChat-style 404 JSON. Not part of
     * {@link WechatSandboxConfiguration}: embedded, the host's other paths are not the sandbox's business.
     */
    /** Standalone, wxgate is another process on this host: its callback URLs on any local port are push targets. */
    @Bean
    PushTargets wechatSandboxPushTargets(SandboxProperties properties) {
        return PushTargets.anyLocalPort(properties.pushTargets());
    }

    @Bean
    StandaloneFallbackController wechatSandboxFallbackController(SandboxEngine wechatSandboxEngine) {
        return new StandaloneFallbackController(wechatSandboxEngine);
    }
}
