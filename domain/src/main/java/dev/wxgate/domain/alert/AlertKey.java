package dev.wxgate.domain.alert;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.util.Optional;

/** Which alert: its kind, and the app for per-app kinds (none for the cluster-wide ones). */
public record AlertKey(AlertKind kind, Optional<AppId> app) {

    public AlertKey {
        Require.present(kind, "kind");
        Require.present(app, "app");
        if (kind.perApp() != app.isPresent()) {
            throw new IllegalArgumentException(
                    "alert " + kind.wireName() + (kind.perApp() ? " needs an app" : " is not per app"));
        }
    }

    public static AlertKey of(AlertKind kind, AppId app) {
        return new AlertKey(kind, Optional.of(app));
    }

    public static AlertKey global(AlertKind kind) {
        return new AlertKey(kind, Optional.empty());
    }

    /** {@code bad_credentials:wx0123456789abcdef} or {@code push_backlog}: unique, stable, for stores and logs. */
    public String id() {
        return app.map(appId -> kind.wireName() + ":" + appId.value()).orElse(kind.wireName());
    }

    /** Reads {@link #id()} back. */
    public static AlertKey parse(String id) {
        int colon = id.indexOf(':');
        String kind = colon < 0 ? id : id.substring(0, colon);
        AlertKind parsed = AlertKind.fromWireName(kind)
                .orElseThrow(() -> new IllegalArgumentException("unknown alert kind " + kind));
        return new AlertKey(parsed, colon < 0 ? Optional.empty() : Optional.of(AppId.of(id.substring(colon + 1))));
    }

    @Override
    public String toString() {
        return id();
    }
}
