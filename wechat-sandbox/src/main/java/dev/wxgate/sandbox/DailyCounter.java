package dev.wxgate.sandbox;

import java.time.LocalDate;

/**
 * State: calls counted against a daily quota that resets at midnight in WeChat's time zone. Not thread-safe: the
 * owning app's lock guards it.
 */
final class DailyCounter {
    private LocalDate day;
    private int count;

    /** Counts the call and answers true while the day's count stays within {@code limit}. */
    boolean tryAcquire(LocalDate today, int limit) {
        roll(today);
        if (count >= limit) {
            return false;
        }
        count++;
        return true;
    }

    int countOn(LocalDate today) {
        roll(today);
        return count;
    }

    /** Starts the day's count again (a quota clear). */
    void reset(LocalDate today) {
        day = today;
        count = 0;
    }

    private void roll(LocalDate today) {
        if (!today.equals(day)) {
            day = today;
            count = 0;
        }
    }
}
