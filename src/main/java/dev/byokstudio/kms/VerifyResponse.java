package dev.byokstudio.kms;

/** AWS {@code VerifyResponse}: always valid; an invalid signature is KMSInvalidSignatureException. */
public record VerifyResponse(String keyId, boolean signatureValid, SigningAlgorithm signingAlgorithm) {
}
