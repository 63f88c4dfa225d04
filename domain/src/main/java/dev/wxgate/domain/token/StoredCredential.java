package dev.wxgate.domain.token;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/**
 * A credential as a store holds it: the version the store gave it (1 for the first write, one more for each write
 * after; a higher version is newer) and which wxgate node fetched it.
 */
public record StoredCredential<C extends Credential>(C credential, long version, String fetchedBy) {
    private static final Pattern NODE = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public StoredCredential {
        Require.present(credential, "credential");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        Require.matches(fetchedBy, NODE, "fetchedBy", "1 to 128 printable characters");
    }
}
