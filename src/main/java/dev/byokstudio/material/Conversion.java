package dev.byokstudio.material;

/**
 * A lossless change of form that turns a file into what KMS imports. Each is offered only where it
 * applies and done only when asked; the result is new bytes in memory, never written anywhere by
 * BYOK Studio unless the person saves it.
 */
public enum Conversion {
    PEM_TO_DER("PEM to DER", "Decode the PEM block to the binary DER it holds."),
    TEXT_TO_BYTES("Text to bytes", "Decode the hexadecimal or Base64 text to the bytes it spells."),
    PKCS1_TO_PKCS8("PKCS#1 to PKCS#8", "Wrap the PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (rsaEncryption)."),
    SEC1_TO_PKCS8("SEC 1 to PKCS#8",
            "Wrap the SEC 1 ECPrivateKey in a PKCS#8 PrivateKeyInfo that names its curve."),
    EXPLICIT_CURVE_TO_NAMED("Explicit curve to named curve",
            "Replace curve parameters spelled out in full by the name of the curve they exactly are."),
    DECRYPT_PKCS8("Decrypt PKCS#8", "Decrypt the encrypted PKCS#8 with its password to an unencrypted PKCS#8."),
    HMAC_DIGEST("Hash oversized HMAC material",
            "Replace HMAC material longer than 1024 bits by its digest under the key spec's hash, as AWS's own example"
                    + " does; the digest is the key KMS will use.");

    private final String title;
    private final String description;

    Conversion(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** Whether the conversion needs the file's password. */
    public boolean needsPassword() {
        return this == DECRYPT_PKCS8;
    }
}
