package dev.byokstudio.kms;

/** AWS {@code CancelKeyDeletionResponse}. */
public record CancelKeyDeletionResponse(String keyId) {
}
