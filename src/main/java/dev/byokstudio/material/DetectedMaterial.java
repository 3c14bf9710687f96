package dev.byokstudio.material;

import java.util.List;
import java.util.Optional;

/**
 * What a file holds, as far as key material goes: how it is packaged (binary, PEM, hexadecimal or Base64
 * text) and the structure inside. A pure description: it never contains the file's bytes.
 *
 * @param container how the bytes are packaged
 * @param structure what the packaged bytes are
 * @param description what was found, in words, e.g. "PEM (-----BEGIN RSA PRIVATE KEY-----) holding a PKCS#1
 *        RSAPrivateKey of 2048 bits, not wrapped in PKCS#8"
 * @param pemLabel the label of the PEM block that was read, for PEM
 * @param notes what was tolerated or set aside on the way: a byte-order mark, CRLF line ends, indentation, an
 *        EC PARAMETERS block, further PEM blocks
 * @param size the file's size in bytes
 */
public record DetectedMaterial(Container container, Structure structure, String description, Optional<String> pemLabel,
        List<String> notes, int size) {

    /** How the bytes are packaged. */
    public enum Container {
        /** Binary bytes: DER, BER or raw key bytes. What KMS imports. */
        BINARY,
        /** PEM text (-----BEGIN …-----). */
        PEM,
        /** Hexadecimal digits as text. */
        HEX_TEXT,
        /** Base64 as text. */
        BASE64_TEXT,
        /** Other text, which is not an encoding of bytes that BYOK Studio recognises. */
        OTHER_TEXT,
        /** An empty file. */
        EMPTY,
        /** A file larger than any key material; it was not read past the limit. */
        OVERSIZED
    }

    /** What the packaged bytes are. */
    public enum Structure {
        PKCS8_PRIVATE_KEY,
        ENCRYPTED_PKCS8,
        PKCS1_RSA_PRIVATE_KEY,
        SEC1_EC_PRIVATE_KEY,
        SUBJECT_PUBLIC_KEY_INFO,
        PKCS1_RSA_PUBLIC_KEY,
        X509_CERTIFICATE,
        PKCS12,
        /** Bytes that are not ASN.1: raw symmetric or HMAC key bytes, or random data. */
        RAW_BYTES,
        TRUNCATED_ASN1,
        /** Well-formed ASN.1 that is not a key format. */
        OTHER_ASN1,
        /** Nothing could be read: empty, oversized, undecodable text or an unreadable PEM block. */
        NONE;

        /** Whether this holds only a public key (no private key, so nothing KMS can import). */
        public boolean isPublicOnly() {
            return this == SUBJECT_PUBLIC_KEY_INFO || this == PKCS1_RSA_PUBLIC_KEY || this == X509_CERTIFICATE;
        }
    }
}
