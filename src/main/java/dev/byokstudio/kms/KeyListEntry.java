package dev.byokstudio.kms;

/** AWS {@code KeyListEntry}. */
public record KeyListEntry(String keyId, String keyArn) {
}
