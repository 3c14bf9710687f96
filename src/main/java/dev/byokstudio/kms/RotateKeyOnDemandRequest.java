package dev.byokstudio.kms;

/** AWS {@code RotateKeyOnDemandRequest}. KeyId is a key ID or key ARN. */
public record RotateKeyOnDemandRequest(String keyId) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        return v;
    }
}
