package dev.byokstudio.kms;

/** AWS {@code EncryptResponse}. */
public record EncryptResponse(byte[] ciphertextBlob, String keyId, EncryptionAlgorithm encryptionAlgorithm) {
}
