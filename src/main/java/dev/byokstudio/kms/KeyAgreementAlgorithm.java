package dev.byokstudio.kms;

/** AWS {@code KeyAgreementAlgorithmSpec}. */
public enum KeyAgreementAlgorithm {
    ECDH
}
