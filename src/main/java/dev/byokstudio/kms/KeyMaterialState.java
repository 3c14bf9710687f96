package dev.byokstudio.kms;

/** AWS {@code KeyMaterialState}: the role of one key material of a key. */
public enum KeyMaterialState {
    NON_CURRENT,
    CURRENT,
    PENDING_ROTATION,
    PENDING_MULTI_REGION_IMPORT_AND_ROTATION
}
