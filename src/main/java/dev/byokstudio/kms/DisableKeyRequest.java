package dev.byokstudio.kms;

/** AWS {@code DisableKeyRequest}. KeyId is a key ID or key ARN. */
public record DisableKeyRequest(String keyId) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        return v;
    }
}
