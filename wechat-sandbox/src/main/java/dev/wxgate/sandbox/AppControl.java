package dev.wxgate.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Engine part: the control API's apps: listing them with today's use, adding apps and changing their limits. */
final class AppControl {
    private static final Logger log = LoggerFactory.getLogger(AppControl.class);

    private final Secrets secrets;

    AppControl(Secrets secrets) {
        this.secrets = secrets;
    }

    List<SandboxEngine.AppView> apps(EngineState s, Instant now) {
        List<SandboxEngine.AppView> views = new ArrayList<>();
        s.apps.values().stream()
                .sorted((a, b) -> a.appId().compareTo(b.appId()))
                .forEach(app -> views.add(view(app, now)));
        return views;
    }

    SandboxEngine.AppView app(EngineState s, String appId, Instant now) {
        return view(s.requireApp(appId), now);
    }

    /** Adds an app at run time; a missing id or secret is generated. Reset drops it again. */
    AppConfig addApp(
            EngineState s,
            String appId,
            String secret,
            AppType type,
            String unionGroup,
            Long tokenExpiresIn,
            Integer dailyQuota,
            Integer stableDailyQuota) {
        AppConfig config;
        AppState added;
        do {
            config = new AppConfig(
                    appId != null ? appId : secrets.appId(),
                    secret != null ? secret : secrets.appSecret(),
                    type != null ? type : AppType.MINI_PROGRAM,
                    unionGroup,
                    tokenExpiresIn != null ? tokenExpiresIn : AppConfig.DEFAULT_TOKEN_EXPIRES_IN,
                    dailyQuota != null ? dailyQuota : AppConfig.DEFAULT_DAILY_QUOTA,
                    stableDailyQuota != null ? stableDailyQuota : AppConfig.DEFAULT_STABLE_DAILY_QUOTA);
            added = new AppState(config);
            AppState existing = s.apps.putIfAbsent(config.appId(), added);
            if (existing == null) {
                break;
            }
            if (appId != null) {
                throw new SandboxInputException(
                        SandboxInputException.Kind.CONFLICT, "app " + appId + " exists already");
            }
        } while (true); // a generated id collided: 2^-64, but cheap to handle
        log.info("added app {}", config);
        return config;
    }

    /** Changes an app's limits; tokens already issued keep their expiry, quotas apply from the next call. */
    AppConfig changeApp(
            EngineState s, String appId, Long tokenExpiresIn, Integer dailyQuota, Integer stableDailyQuota) {
        AppState app = s.requireApp(appId);
        AppConfig changed = app.reconfigure(c -> {
            AppConfig next = c;
            if (tokenExpiresIn != null) {
                next = next.withTokenExpiresIn(tokenExpiresIn);
            }
            if (dailyQuota != null) {
                next = next.withDailyQuota(dailyQuota);
            }
            if (stableDailyQuota != null) {
                next = next.withStableDailyQuota(stableDailyQuota);
            }
            return next;
        });
        log.info("changed app {}", changed);
        return changed;
    }

    private static SandboxEngine.AppView view(AppState app, Instant now) {
        return new SandboxEngine.AppView(
                app.config(),
                app.classicCallsOn(AppState.day(now)),
                app.stableCallsOn(AppState.day(now)),
                app.forceRefreshesOn(AppState.day(now)));
    }
}
