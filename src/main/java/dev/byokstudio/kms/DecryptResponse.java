package dev.byokstudio.kms;

/** AWS {@code DecryptResponse}. The plaintext is secret: the caller destroys it when done. */
public record DecryptResponse(String keyId, SecretBytes plaintext, EncryptionAlgorithm encryptionAlgorithm) {
}
