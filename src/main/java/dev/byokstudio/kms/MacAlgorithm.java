package dev.byokstudio.kms;

/** AWS {@code MacAlgorithmSpec}. */
public enum MacAlgorithm {
    HMAC_SHA_224,
    HMAC_SHA_256,
    HMAC_SHA_384,
    HMAC_SHA_512
}
