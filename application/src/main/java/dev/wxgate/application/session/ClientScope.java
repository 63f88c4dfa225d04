package dev.wxgate.application.session;

import dev.wxgate.domain.app.AppId;
import java.util.Set;

/**
 * Which sessions a trusted backend or gateway may see: those of the apps in its list, or of every app.
 *
 * @param clientId the client's configured id, for rate limits and logs (never its key)
 * @param apps the apps it may see when not {@code allApps}
 * @param allApps every app ("*")
 */
public record ClientScope(String clientId, Set<AppId> apps, boolean allApps) {
    public ClientScope {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is required");
        }
        apps = Set.copyOf(apps);
    }

    public boolean covers(AppId appId) {
        return allApps || apps.contains(appId);
    }
}
