package dev.byokstudio.kms;

/** The states of a KMS key (AWS {@code KeyState}); BYOK Studio reaches the ones its operations can produce. */
public enum KeyState {
    Creating,
    Enabled,
    Disabled,
    PendingDeletion,
    PendingImport,
    PendingReplicaDeletion,
    Unavailable,
    Updating
}
