package dev.byokstudio.kms;

/** Role of a key in a multi-Region key set (AWS {@code MultiRegionKeyType}). */
public enum MultiRegionKeyType {
    PRIMARY,
    REPLICA
}
