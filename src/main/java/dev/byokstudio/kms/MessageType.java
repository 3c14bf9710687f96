package dev.byokstudio.kms;

/**
 * AWS {@code MessageType}: whether Sign and Verify hash the message (RAW), take it as the digest the
 * algorithm would have made (DIGEST), or, for ML-DSA only, as the 64-byte representative μ (EXTERNAL_MU).
 */
public enum MessageType {
    RAW,
    DIGEST,
    EXTERNAL_MU
}
