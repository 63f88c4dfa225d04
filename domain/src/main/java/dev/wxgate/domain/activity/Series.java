package dev.wxgate.domain.activity;

import java.util.Locale;

/**
 * What the console charts over the last day. A counter adds up what every node counted in a bucket; a gauge keeps the
 * highest value any node saw in it (each node sees the same cluster-wide figure, so adding would multiply it).
 */
public enum Series {
    LOGINS(false),
    ACTIVE_SESSIONS(true),
    TOKEN_REFRESHES(false),
    TOKEN_REFRESH_FAILURES(false),
    PUSHES_RECEIVED(false),
    PUSHES_DELIVERED(false);

    private final boolean gauge;

    Series(boolean gauge) {
        this.gauge = gauge;
    }

    /** True when a bucket holds the highest value seen in it, false when it holds a sum. */
    public boolean isGauge() {
        return gauge;
    }

    /** The lowercase, dash-separated name used in keys, ids and message codes ({@code token-refreshes}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
