package dev.byokstudio.kms;

import java.time.Instant;

/** AWS {@code GetKeyRotationStatusResponse}. */
public record GetKeyRotationStatusResponse(boolean keyRotationEnabled, String keyId, Integer rotationPeriodInDays, Instant nextRotationDate, Instant onDemandRotationStartDate) {
}
