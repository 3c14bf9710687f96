package dev.byokstudio.kms;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Secret bytes: key material, plaintext. Nothing about the bytes leaks through {@code toString},
 * {@code equals} or {@code hashCode}; comparison is constant-time; reading them takes the deliberately
 * named {@link #revealCopy()}, easy to find in a review. {@link #destroy()} overwrites them.
 */
public final class SecretBytes {

    private final byte[] bytes;
    private volatile boolean destroyed;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}; the caller should clear its own array when done. */
    public static SecretBytes copyOf(byte[] bytes) {
        return new SecretBytes(bytes.clone());
    }

    /** Takes ownership of {@code bytes} without copying; the caller must not use the array afterwards. */
    public static SecretBytes wrap(byte[] bytes) {
        return new SecretBytes(bytes);
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the secret. The caller clears it (Arrays.fill) as soon as it is done with it. */
    public byte[] revealCopy() {
        if (destroyed) {
            throw new IllegalStateException("secret bytes were destroyed");
        }
        return bytes.clone();
    }

    /** Constant-time comparison of the secret contents. */
    public boolean equalsConstantTime(SecretBytes other) {
        return other != null && MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Overwrites the bytes with zeros; further reads fail. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes]";
    }
}
