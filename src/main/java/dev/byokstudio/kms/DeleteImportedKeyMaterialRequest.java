package dev.byokstudio.kms;

/** AWS {@code DeleteImportedKeyMaterialRequest}. Without KeyMaterialId, deletes the current material. */
public record DeleteImportedKeyMaterialRequest(String keyId, String keyMaterialId) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        Constraints.keyMaterialId(v, keyMaterialId);
        return v;
    }
}
