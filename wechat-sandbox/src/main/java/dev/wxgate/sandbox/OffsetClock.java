package dev.wxgate.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clock: a base clock shifted forward by an offset that only grows, so black-box tests can make tokens and codes
 * expire without sleeping, and time never runs backwards for clients.
 */
final class OffsetClock extends Clock {
    private final Clock base;
    private final AtomicLong offsetMillis;

    OffsetClock(Clock base) {
        this(base, new AtomicLong());
    }

    private OffsetClock(Clock base, AtomicLong offsetMillis) {
        this.base = base;
        this.offsetMillis = offsetMillis;
    }

    void advance(Duration by) {
        if (by.isNegative() || by.isZero()) {
            throw SandboxInputException.invalid("the clock only moves forward: give a positive number of seconds");
        }
        offsetMillis.addAndGet(by.toMillis());
    }

    Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public long millis() {
        return base.millis() + offsetMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Shares the offset, so a zoned view still follows every advance.
        return new OffsetClock(base.withZone(zone), offsetMillis);
    }
}
