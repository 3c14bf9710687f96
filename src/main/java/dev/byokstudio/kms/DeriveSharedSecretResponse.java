package dev.byokstudio.kms;

/** AWS {@code DeriveSharedSecretResponse}: the raw ECDH shared secret (the x coordinate), which is secret. */
public record DeriveSharedSecretResponse(String keyId, SecretBytes sharedSecret, KeyAgreementAlgorithm keyAgreementAlgorithm,
        Origin keyOrigin) {
}
