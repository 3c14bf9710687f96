package dev.byokstudio.kms;

/** AWS {@code ExpirationModelType}: whether imported key material expires. */
public enum ExpirationModel {
    KEY_MATERIAL_EXPIRES,
    KEY_MATERIAL_DOES_NOT_EXPIRE
}
