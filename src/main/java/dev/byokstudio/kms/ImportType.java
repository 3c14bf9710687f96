package dev.byokstudio.kms;

/** AWS {@code ImportType}: whether ImportKeyMaterial brings new material (to rotate to) or reimports material the key already has. Symmetric keys only. */
public enum ImportType {
    NEW_KEY_MATERIAL,
    EXISTING_KEY_MATERIAL
}
