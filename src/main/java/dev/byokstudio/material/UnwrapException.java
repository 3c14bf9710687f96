package dev.byokstudio.material;

import java.util.Objects;

/**
 * Encrypted key material that could not be unwrapped. {@link #reason()} is for code (the embedded KMS
 * turns every reason into AWS's {@code InvalidCiphertextException}); the message is for a person.
 *
 * <p>Messages never contain key material, plaintext or ciphertext bytes, and a decryption failure is
 * reported the same way whatever step failed (no padding-oracle detail).
 */
public final class UnwrapException extends Exception {

    /** Why unwrapping failed. */
    public enum Reason {
        /** The algorithm is not one KMS accepts (RSAES_PKCS1_V1_5 since 2023-10-10). */
        UNSUPPORTED_ALGORITHM,
        /** The private key does not belong to the algorithm: an SM2 key for an RSA algorithm, or the reverse. */
        WRONG_KEY_TYPE,
        /** The encrypted material, or a part of it, has a length the algorithm cannot produce. */
        WRONG_LENGTH,
        /** The encrypted material does not have the structure of the algorithm's output (SM2PKE's ASN.1). */
        MALFORMED,
        /** The bytes do not decrypt under this private key and algorithm. */
        DECRYPTION_FAILED
    }

    private final Reason reason;

    public UnwrapException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
