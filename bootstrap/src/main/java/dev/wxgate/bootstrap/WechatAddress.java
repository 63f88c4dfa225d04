package dev.wxgate.bootstrap;

import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.net.URI;
import java.util.OptionalInt;
import org.springframework.core.env.Environment;

/**
 * Where WeChat is for this process: the configured {@code wxgate.wechat.base-url}, or the embedded sandbox on this
 * server's own port, which is known only once the server listens (tests use a random port).
 */
final class WechatAddress {
    private final URI configured;
    private final Environment environment;
    private final boolean sandbox;
    // The sandbox's address once the server listens: the port does not change, and looking it up in the Environment
    // (every property source, relaxed names) cost a tenth of a login's own CPU in a profile.
    private volatile URI sandboxUrl;

    WechatAddress(URI configured, Environment environment, boolean sandbox) {
        this.configured = configured;
        this.environment = environment;
        this.sandbox = sandbox;
    }

    boolean isSandbox() {
        return sandbox;
    }

    URI baseUrl() {
        if (!sandbox) {
            return configured;
        }
        URI known = sandboxUrl;
        if (known != null) {
            return known;
        }
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            throw new WechatException(
                    WechatFailure.UPSTREAM_UNAVAILABLE,
                    OptionalInt.empty(),
                    "the embedded WeChat sandbox is not serving yet");
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        known = URI.create("http://127.0.0.1:" + port + contextPath + SandboxConfiguration.WECHAT_PATH);
        sandboxUrl = known;
        return known;
    }
}
