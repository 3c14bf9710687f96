package dev.byokstudio.kms;

/** AWS {@code IncludeKeyMaterial}: what ListKeyRotations lists. */
public enum IncludeKeyMaterial {
    ALL_KEY_MATERIAL,
    ROTATIONS_ONLY
}
