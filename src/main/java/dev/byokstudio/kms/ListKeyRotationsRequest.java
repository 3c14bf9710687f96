package dev.byokstudio.kms;

/** AWS {@code ListKeyRotationsRequest}. IncludeKeyMaterial (symmetric keys only) defaults to ROTATIONS_ONLY. */
public record ListKeyRotationsRequest(String keyId, IncludeKeyMaterial includeKeyMaterial, Integer limit, String marker) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        Constraints.paging(v, limit, 1000, marker);
        return v;
    }
}
