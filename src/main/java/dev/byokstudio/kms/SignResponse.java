package dev.byokstudio.kms;

/** AWS {@code SignResponse}: the key ARN, the signature (DER for ECDSA and SM2) and the algorithm. */
public record SignResponse(String keyId, byte[] signature, SigningAlgorithm signingAlgorithm) {
}
