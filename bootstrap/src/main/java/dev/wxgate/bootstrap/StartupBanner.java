package dev.wxgate.bootstrap;

import dev.wxgate.domain.app.WechatApps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Prints the lines an operator needs after start-up: where wxgate listens, in which mode, and how to sign in. */
@Component
class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);
    private final WxgateProperties properties;
    private final WechatApps apps;
    private final WechatAddress wechat;
    private final AdminConsoleConfiguration.FirstAdminProvisioned firstAdmin;

    StartupBanner(
            WxgateProperties properties,
            WechatApps apps,
            WechatAddress wechat,
            AdminConsoleConfiguration.FirstAdminProvisioned firstAdmin) {
        this.properties = properties;
        this.apps = apps;
        this.wechat = wechat;
        this.firstAdmin = firstAdmin;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : -1;
        log.info(
                "wxgate is up on http://localhost:{} (store: {}, apps: {}, WeChat: {}); health at /actuator/health",
                port,
                properties.store().name().toLowerCase(),
                apps.all().size(),
                wechat.isSandbox() ? "built-in sandbox, control API at /_sandbox/" : wechat.baseUrl());
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
