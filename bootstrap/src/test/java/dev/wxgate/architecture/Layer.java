package dev.wxgate.architecture;

import java.util.Set;

/**
 * The hexagon's layers and what each may depend on. Every top-level package of wxgate must be one of these (see
 * {@link ArchitectureTest#everyPackageBelongsToALayer}); a layer may use only the layers it names.
 */
enum Layer {
    DOMAIN("dev.wxgate.domain"),
    APPLICATION("dev.wxgate.application", DOMAIN),
    ADAPTERS_WECHAT("dev.wxgate.adapters.wechat", DOMAIN, APPLICATION),
    ADAPTERS_WEB("dev.wxgate.adapters.web", DOMAIN, APPLICATION),
    ADAPTERS_PERSISTENCE("dev.wxgate.adapters.persistence", DOMAIN, APPLICATION),
    /** Delivery of stored pushes to the team's systems: signed webhooks and RabbitMQ. */
    ADAPTERS_DELIVERY("dev.wxgate.adapters.delivery", DOMAIN, APPLICATION),
    /** The WeChat emulator: independent of wxgate, so teams can run it on its own. */
    SANDBOX("dev.wxgate.sandbox"),
    /** Consumers of wxgate's sessions, as a team writes them: they use nothing of wxgate's code. */
    EXAMPLES("dev.wxgate.examples"),
    /**
     * bootstrap's wiring of the embedded sandbox (module embedded-sandbox, on bootstrap's runtime classpath only):
     * bootstrap imports it by name, so that a jar can be built without the sandbox.
     */
    EMBEDDED_SANDBOX("dev.wxgate.embeddedsandbox", DOMAIN, SANDBOX),
    /** Uses neither the sandbox nor its wiring: both are only on its runtime classpath. */
    BOOTSTRAP(
            "dev.wxgate.bootstrap",
            DOMAIN,
            APPLICATION,
            ADAPTERS_WECHAT,
            ADAPTERS_WEB,
            ADAPTERS_PERSISTENCE,
            ADAPTERS_DELIVERY);

    final String packageName;
    final Set<Layer> mayUse;

    Layer(String packageName, Layer... mayUse) {
        this.packageName = packageName;
        this.mayUse = Set.of(mayUse);
    }

    String packages() {
        return packageName + "..";
    }

    /** The core: plain Java that speaks WeChat's language and nothing else. */
    boolean isCore() {
        return this == DOMAIN || this == APPLICATION;
    }

    boolean isAdapter() {
        return packageName.startsWith("dev.wxgate.adapters.");
    }
}
