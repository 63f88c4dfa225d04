package dev.wxgate.adapters.web.internal;

import dev.wxgate.application.session.ClientScope;
import dev.wxgate.domain.app.AppId;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A backend allowed to read access tokens over the internal API: its id (for logs and the audit log), its keys (the
 * SHA-256 of each, the keys themselves are never configured on wxgate; several while one is being rotated, each with an
 * optional not-after), and the apps it may read ({@code allApps} for "*").
 */
public record InternalClient(String id, List<ClientKey> keys, Set<AppId> apps, boolean allApps) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public InternalClient {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("keys must hold at least one key (key-sha256 or keys[N].sha256)");
        }
        keys = List.copyOf(keys);
        if (Set.copyOf(keys).size() != keys.size()) {
            throw new IllegalArgumentException("keys must not list the same key twice");
        }
        apps = Set.copyOf(apps);
        if (!allApps && apps.isEmpty()) {
            throw new IllegalArgumentException("apps must name at least one app id, or \"*\"");
        }
    }

    /** Parses {@code keySha256Hex} (64 hex digits, the only key) and {@code apps} (app ids, or the single entry "*"). */
    public static InternalClient of(String id, String keySha256Hex, List<String> apps) {
        return of(id, List.of(ClientKey.of(keySha256Hex, null)), apps);
    }

    /** A client with {@code keys} and {@code apps} (app ids, or the single entry "*"). */
    public static InternalClient of(String id, List<ClientKey> keys, List<String> apps) {
        if (apps == null || apps.isEmpty()) {
            throw new IllegalArgumentException("apps must name at least one app id, or \"*\"");
        }
        boolean all = apps.contains("*");
        if (all && apps.size() > 1) {
            throw new IllegalArgumentException("apps is either \"*\" or a list of app ids, not both");
        }
        Set<AppId> ids =
                all ? Set.of() : Set.copyOf(apps.stream().map(AppId::of).toList());
        return new InternalClient(id, keys, ids, all);
    }

    /** The sessions this client may see, as the use cases take it. */
    public ClientScope scope() {
        return new ClientScope(id, apps, allApps);
    }

    public boolean mayRead(AppId appId) {
        return allApps || apps.contains(appId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InternalClient that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "InternalClient[" + id + ", apps=" + (allApps ? "*" : apps) + "]";
    }
}
