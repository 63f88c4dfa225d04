package dev.wxgate.domain.delivery;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.util.Map;
import java.util.Optional;

/** Every app's forward settings, as configured; an app without any keeps nothing (its pushes are only answered). */
public record Forwarding(Map<AppId, ForwardSettings> byApp) {
    public Forwarding {
        byApp = Map.copyOf(Require.present(byApp, "byApp"));
    }

    public static Forwarding none() {
        return new Forwarding(Map.of());
    }

    public Optional<ForwardSettings> of(AppId appId) {
        return Optional.ofNullable(byApp.get(appId))
                .filter(settings -> !settings.sinks().isEmpty());
    }
}
