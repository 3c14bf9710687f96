package dev.byokstudio.kms;

/** AWS {@code DeleteImportedKeyMaterialResponse}. KeyMaterialId is present for symmetric keys that had material. */
public record DeleteImportedKeyMaterialResponse(String keyId, String keyMaterialId) {
}
