package dev.byokstudio.kms;

/** AWS {@code EnableKeyRotationRequest}. The rotation period is 90 to 2560 days, 365 by default. */
public record EnableKeyRotationRequest(String keyId, Integer rotationPeriodInDays) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.range("rotationPeriodInDays", rotationPeriodInDays, 90, 2560);
        return v;
    }
}
