package dev.byokstudio.kms;

import java.time.Instant;

/** AWS {@code ScheduleKeyDeletionResponse}. */
public record ScheduleKeyDeletionResponse(String keyId, Instant deletionDate, KeyState keyState, Integer pendingWindowInDays) {
}
