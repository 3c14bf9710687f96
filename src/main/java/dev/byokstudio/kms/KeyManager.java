package dev.byokstudio.kms;

/** Who manages a KMS key (AWS {@code KeyManagerType}). Every key created through CreateKey is CUSTOMER. */
public enum KeyManager {
    AWS,
    CUSTOMER
}
