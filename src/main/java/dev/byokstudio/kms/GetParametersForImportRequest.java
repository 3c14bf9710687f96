package dev.byokstudio.kms;

/** AWS {@code GetParametersForImportRequest}. KeyId is a key ID or key ARN (not an alias). */
public record GetParametersForImportRequest(String keyId, WrappingAlgorithm wrappingAlgorithm, WrappingKeySpec wrappingKeySpec) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.required("wrappingAlgorithm", wrappingAlgorithm);
        v.required("wrappingKeySpec", wrappingKeySpec);
        return v;
    }
}
