package dev.byokstudio.material;

import java.util.Objects;

/**
 * Bytes that are not the key or structure they were supposed to be. The message says what was expected
 * and what was found, in words ("an RSA or SM2 SubjectPublicKeyInfo" / "algorithm OID 1.2.840.10040.4.1
 * (DSA)"); it never contains the bytes themselves, which may be secret.
 */
public final class MaterialFormatException extends Exception {

    private final String expected;
    private final String found;

    public MaterialFormatException(String expected, String found) {
        super("Expected " + Objects.requireNonNull(expected, "expected") + "; found "
                + Objects.requireNonNull(found, "found") + ".");
        this.expected = expected;
        this.found = found;
    }

    /** What the input should have been, e.g. {@code "a DER SubjectPublicKeyInfo"}. */
    public String expected() {
        return expected;
    }

    /** What it was instead, described without its contents, e.g. {@code "17 bytes that are not ASN.1"}. */
    public String found() {
        return found;
    }
}
