package dev.byokstudio.kms;

import java.time.Duration;
import java.time.Instant;

/**
 * BYOK Studio's own addition to KMS: a clock a trainer can move forward, so that waiting periods,
 * token validity and material expiry can be shown in minutes. Whatever falls due when the clock moves
 * takes effect at once.
 */
public interface ClockControl {

    /** The model's current time. */
    Instant now();

    /**
     * Moves the clock forward and applies whatever fell due. Returns the new time.
     *
     * @throws ValidationException if {@code amount} is negative
     */
    Instant advance(Duration amount);

    /** Returns to real time. What took effect while the clock was ahead stays in effect. */
    Instant returnToRealTime();

    /** Whether the clock is ahead of real time. */
    boolean isSimulated();
}
