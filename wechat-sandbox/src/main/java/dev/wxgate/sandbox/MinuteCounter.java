package dev.wxgate.sandbox;

import java.time.Instant;

/**
 * State: calls counted against a per-minute limit that starts again with each clock minute. Not thread-safe: the
 * owning app's lock guards it.
 */
final class MinuteCounter {
    private long minute = Long.MIN_VALUE;
    private int count;

    /** Counts the call and answers true while this minute's count stays within {@code limit}. */
    boolean tryAcquire(Instant now, int limit) {
        long current = Math.floorDiv(now.getEpochSecond(), 60);
        if (current != minute) {
            minute = current;
            count = 0;
        }
        if (count >= limit) {
            return false;
        }
        count++;
        return true;
    }
}
