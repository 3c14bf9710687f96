package dev.byokstudio.kms;

/** AWS {@code ImportState}: whether imported key material is present. */
public enum ImportState {
    IMPORTED,
    PENDING_IMPORT
}
