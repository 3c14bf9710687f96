package dev.byokstudio.kms;

/** AWS {@code ImportKeyMaterialResponse}. KeyMaterialId is present for symmetric keys only. */
public record ImportKeyMaterialResponse(String keyId, String keyMaterialId) {
}
