package dev.byokstudio.kms;

/** AWS {@code ScheduleKeyDeletionRequest}. The waiting period is 7 to 30 days, 30 by default. */
public record ScheduleKeyDeletionRequest(String keyId, Integer pendingWindowInDays) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.range("pendingWindowInDays", pendingWindowInDays, 1, 365);
        return v;
    }
}
