package dev.wxgate.bootstrap;

import dev.wxgate.domain.app.WechatApps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Once the application is ready: creates the first console operator when there is none (see
 * {@link AdminConsoleConfiguration.FirstAdminOnReady}) and prints the lines an operator needs: where wxgate listens, in
 * which mode, loudly when the built-in sandbox stands in for WeChat, and how to sign in.
 */
@Component
class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);
    private final WxgateProperties properties;
    private final WechatApps apps;
    private final WechatAddress wechat;
    private final AdminConsoleConfiguration.FirstAdminOnReady firstAdminOnReady;

    StartupBanner(
            WxgateProperties properties,
            WechatApps apps,
            WechatAddress wechat,
            AdminConsoleConfiguration.FirstAdminOnReady firstAdminOnReady) {
        this.properties = properties;
        this.apps = apps;
        this.wechat = wechat;
        this.firstAdminOnReady = firstAdminOnReady;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        AdminConsoleConfiguration.FirstAdminProvisioned firstAdmin = firstAdminOnReady.provision();
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : -1;
        log.info(
                "wxgate is up on http://localhost:{} (store: {}, apps: {}, WeChat: {}); health at /actuator/health",
                port,
                properties.store().name().toLowerCase(),
                apps.all().size(),
                wechat.isSandbox() ? "built-in sandbox, control API at /_sandbox/" : wechat.baseUrl());
        if (wechat.isSandbox()) {
            String controlFrom = event.getApplicationContext()
                    .getEnvironment()
                    .getProperty("wxgate.sandbox.control-from", "loopback");
            log.warn(
                    "WeChat is the BUILT-IN SANDBOX, an emulator standing in for WeChat: no real user, token or message"
                            + " passes through this wxgate. NOT FOR PRODUCTION: configure wxgate.apps (and"
                            + " wxgate.wechat.base-url) for real WeChat. Its control API and push tool answer {}.",
                    controlFrom.equalsIgnoreCase("any")
                            ? "ANY CLIENT (wxgate.sandbox.control-from=any)"
                            : "clients on this host only (wxgate.sandbox.control-from=loopback)");
        }
        log.info(
                "Admin console at http://localhost:{}/console; {}",
                port,
                !firstAdmin.created()
                        ? "sign in with a console operator (the first start created 'admin')"
                        : firstAdmin.generatedPassword()
                                ? "sign in as 'admin' with the password printed above"
                                : "sign in as 'admin' with the password from "
                                        + AdminConsoleConfiguration.ADMIN_PASSWORD_VARIABLE);
    }
}
