package dev.byokstudio.kms;

/** AWS {@code CreateKeyResponse}. */
public record CreateKeyResponse(KeyMetadata keyMetadata) {
}
