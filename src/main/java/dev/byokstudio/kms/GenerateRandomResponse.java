package dev.byokstudio.kms;

/** AWS {@code GenerateRandomResponse}. */
public record GenerateRandomResponse(SecretBytes plaintext) {
}
