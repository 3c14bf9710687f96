package dev.byokstudio.kms;

/** AWS {@code RotateKeyOnDemandResponse}. */
public record RotateKeyOnDemandResponse(String keyId) {
}
