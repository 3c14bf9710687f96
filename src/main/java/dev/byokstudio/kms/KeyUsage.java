package dev.byokstudio.kms;

/** What a KMS key may be used for (AWS {@code KeyUsageType}). Immutable after CreateKey. */
public enum KeyUsage {
    SIGN_VERIFY,
    ENCRYPT_DECRYPT,
    GENERATE_VERIFY_MAC,
    KEY_AGREEMENT,
    ENCAPSULATE_DECAPSULATE
}
