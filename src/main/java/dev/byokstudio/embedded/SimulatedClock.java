package dev.byokstudio.embedded;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock that runs with real time but can be moved forward, for demonstrations: its time is the
 * base clock's plus an offset. Thread-safe.
 */
public final class SimulatedClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    public SimulatedClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    public static SimulatedClock systemUtc() {
        return new SimulatedClock(Clock.systemUTC());
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock keeps the base clock's zone");
    }

    public synchronized Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward; got " + amount);
        }
        offset = offset.plus(amount);
        return instant();
    }

    public synchronized Instant reset() {
        offset = Duration.ZERO;
        return instant();
    }

    public Duration offset() {
        return offset;
    }
}
