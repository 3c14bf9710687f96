package dev.byokstudio.kms;

/** AWS {@code RotationType}: how a rotation happened. */
public enum RotationType {
    AUTOMATIC,
    ON_DEMAND
}
