package dev.byokstudio.kms;

/** AWS {@code ReEncryptResponse}. */
public record ReEncryptResponse(byte[] ciphertextBlob, String sourceKeyId, String keyId,
        EncryptionAlgorithm sourceEncryptionAlgorithm, EncryptionAlgorithm destinationEncryptionAlgorithm) {
}
