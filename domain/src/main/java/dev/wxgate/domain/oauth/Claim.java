package dev.wxgate.domain.oauth;

import dev.wxgate.domain.Require;

/**
 * What claiming a single-use entry found: the entry, and whether an earlier claim had taken it already (a replay).
 *
 * @param <T> the entry
 */
public record Claim<T>(T entry, boolean claimedBefore) {
    public Claim {
        Require.present(entry, "entry");
    }
}
