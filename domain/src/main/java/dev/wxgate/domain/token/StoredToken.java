package dev.wxgate.domain.token;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/**
 * An app's token as the token store holds it: the token, the version the store gave it (1 for the first write, one
 * more for each write after) and which wxgate node fetched it. Versions only grow, so a higher version is newer.
 */
public record StoredToken(AccessToken token, long version, String fetchedBy) {
    private static final Pattern NODE = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public StoredToken {
        Require.present(token, "token");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        Require.matches(fetchedBy, NODE, "fetchedBy", "1 to 128 printable characters");
    }

    public boolean isNewerThan(StoredToken other) {
        return version > other.version;
    }
}
