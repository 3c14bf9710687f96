package dev.byokstudio.kms;

/** AWS {@code EnableKeyRequest}. KeyId is a key ID or key ARN. */
public record EnableKeyRequest(String keyId) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        return v;
    }
}
