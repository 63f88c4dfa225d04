package dev.wxgate.adapters.web.internal;

import dev.wxgate.application.session.ClientScope;
import dev.wxgate.domain.app.AppId;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A backend allowed to read access tokens over the internal API: its id (for logs and the audit log), the SHA-256 of
 * its key (the key itself is never configured on wxgate), and the apps it may read ({@code allApps} for "*").
 */
public record InternalClient(String id, byte[] keySha256, Set<AppId> apps, boolean allApps) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    public InternalClient {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (keySha256 == null || keySha256.length != 32) {
            throw new IllegalArgumentException("key-sha256 must be the 32-byte SHA-256 of the key");
        }
        keySha256 = keySha256.clone();
        apps = Set.copyOf(apps);
        if (!allApps && apps.isEmpty()) {
            throw new IllegalArgumentException("apps must name at least one app id, or \"*\"");
        }
    }

    /** Parses {@code keySha256Hex} (64 hex digits) and {@code apps} (app ids, or the single entry "*"). */
    public static InternalClient of(String id, String keySha256Hex, java.util.List<String> apps) {
        if (keySha256Hex == null || !HEX_SHA256.matcher(keySha256Hex).matches()) {
            throw new IllegalArgumentException("key-sha256 must be 64 hex digits (the SHA-256 of the key)");
        }
        if (apps == null || apps.isEmpty()) {
            throw new IllegalArgumentException("apps must name at least one app id, or \"*\"");
        }
        boolean all = apps.contains("*");
        if (all && apps.size() > 1) {
            throw new IllegalArgumentException("apps is either \"*\" or a list of app ids, not both");
        }
        Set<AppId> ids =
                all ? Set.of() : Set.copyOf(apps.stream().map(AppId::of).toList());
        return new InternalClient(id, HexFormat.of().parseHex(keySha256Hex), ids, all);
    }

    /** The sessions this client may see, as the use cases take it. */
    public ClientScope scope() {
        return new ClientScope(id, apps, allApps);
    }

    public boolean mayRead(AppId appId) {
        return allApps || apps.contains(appId);
    }

    @Override
    public byte[] keySha256() {
        return keySha256.clone();
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
