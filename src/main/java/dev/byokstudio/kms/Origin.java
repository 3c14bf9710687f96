package dev.byokstudio.kms;

/** Where a KMS key's material comes from (AWS {@code OriginType}). Immutable after CreateKey. */
public enum Origin {
    AWS_KMS,
    EXTERNAL,
    AWS_CLOUDHSM,
    EXTERNAL_KEY_STORE
}
