package dev.byokstudio.kms;

import java.time.Instant;

/** AWS {@code ImportKeyMaterialRequest}. ExpirationModel defaults to KEY_MATERIAL_EXPIRES, which needs ValidTo; ImportType, KeyMaterialDescription and KeyMaterialId are for symmetric keys only. The import token is a secret: it never appears in a message. */
public record ImportKeyMaterialRequest(String keyId, byte[] importToken, byte[] encryptedKeyMaterial, Instant validTo, ExpirationModel expirationModel, ImportType importType, String keyMaterialDescription, String keyMaterialId) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.required("importToken", importToken).sensitiveLength("importToken", importToken, 1, 6144);
        v.required("encryptedKeyMaterial", encryptedKeyMaterial)
                .sensitiveLength("encryptedKeyMaterial", encryptedKeyMaterial, 1, 6144);
        v.length("keyMaterialDescription", keyMaterialDescription, 0, 256)
                .pattern("keyMaterialDescription", keyMaterialDescription, Constraints.MATERIAL_DESCRIPTION);
        Constraints.keyMaterialId(v, keyMaterialId);
        return v;
    }
}
