package dev.byokstudio.kms;

/** AWS {@code GenerateDataKeyResponse}; {@code plaintext} is null for GenerateDataKeyWithoutPlaintext. */
public record GenerateDataKeyResponse(byte[] ciphertextBlob, SecretBytes plaintext, String keyId) {
}
