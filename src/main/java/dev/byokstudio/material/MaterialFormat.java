package dev.byokstudio.material;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/**
 * What some bytes are, detected from their shape (in the manner of KeyStore Explorer's
 * {@code CryptoFileUtil.detectFileType}): PEM or other text first, then the ASN.1 structure. One pure
 * function with a typed result, so that the person is told what was found rather than asked to guess.
 * The caller has already limited the size; nothing here throws for malformed input.
 */
final class MaterialFormat {

    private MaterialFormat() {
    }

    /** The formats told apart. */
    enum Kind {
        /** PEM text; KMS takes binary DER. */
        PEM,
        /** Hexadecimal digits. */
        HEX_TEXT,
        /** Base64 text. */
        BASE64_TEXT,
        /** Other printable text. */
        TEXT,
        /** Bytes that are not ASN.1 at all: raw key bytes, random data. */
        NOT_ASN1,
        /** ASN.1 that ends before its outer element does. */
        TRUNCATED_ASN1,
        /** A PKCS#8 PrivateKeyInfo / OneAsymmetricKey (possibly with a problem, see {@link Detection#problem}). */
        PKCS8,
        ENCRYPTED_PKCS8,
        PKCS1_RSA_PRIVATE_KEY,
        SEC1_EC_PRIVATE_KEY,
        SUBJECT_PUBLIC_KEY_INFO,
        PKCS1_RSA_PUBLIC_KEY,
        X509_CERTIFICATE,
        PKCS12,
        /** Well-formed ASN.1 that is none of the above. */
        OTHER_ASN1;

        /** Whether this is a key structure (private or public) rather than raw bytes, text or unknown ASN.1. */
        boolean isKeyStructure() {
            return this != HEX_TEXT && this != BASE64_TEXT && this != TEXT && this != NOT_ASN1
                    && this != TRUNCATED_ASN1 && this != OTHER_ASN1;
        }
    }

    /**
     * The detected format.
     *
     * @param description what was found, in words, never containing content bytes
     * @param pkcs8 the PKCS#8 key when {@code kind} is PKCS8 and it has no problem
     * @param problem for PKCS8: why the structure breaks PKCS#8's rules; null otherwise
     * @param trailingBytes bytes after the end of the ASN.1 element
     */
    record Detection(Kind kind, String description, Optional<Pkcs8Key> pkcs8, String problem, int trailingBytes) {

        static Detection of(Kind kind, String description) {
            return new Detection(kind, description, Optional.empty(), null, 0);
        }
    }

    private static final byte[] PEM_BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);

    /** Detects the format of {@code bytes} (at most the size limit; the caller checks that first). */
    static Detection detect(byte[] bytes) {
        Optional<Detection> text = detectText(bytes);
        if (text.isPresent()) {
            return text.get();
        }
        Asn1.Read read = Asn1.readOne(bytes);
        if (!read.ok()) {
            // Every key structure starts with a SEQUENCE tag; other bytes are most likely raw key bytes.
            boolean startsLikeSequence = bytes.length > 0 && bytes[0] == 0x30;
            if (startsLikeSequence && read.truncated()) {
                return Detection.of(Kind.TRUNCATED_ASN1, bytes.length
                        + " bytes that start like an ASN.1 SEQUENCE but end before it does (a truncated file?)");
            }
            if (startsLikeSequence) {
                return Detection.of(Kind.NOT_ASN1, bytes.length
                        + " bytes that start like an ASN.1 SEQUENCE but are not valid DER or BER: " + read.problem());
            }
            return Detection.of(Kind.NOT_ASN1, bytes.length + " bytes that are not ASN.1 (raw bytes, such as a"
                    + " symmetric or HMAC key)");
        }
        Detection structure = detectStructure(read.object(), bytes, read.trailingBytes());
        if (structure.kind() == Kind.OTHER_ASN1 && (!(read.object() instanceof ASN1Sequence) || read.trailingBytes() > 0)) {
            // Random key bytes begin like some ASN.1 element often enough (04 10 …: an OCTET STRING); an element
            // that is no key structure, or does not fill the file, is most likely raw key bytes.
            return Detection.of(Kind.NOT_ASN1, bytes.length + " bytes that are not a key structure (raw bytes, such as a"
                    + " symmetric or HMAC key)");
        }
        return new Detection(structure.kind(), structure.description(), structure.pkcs8(), structure.problem(),
                read.trailingBytes());
    }

    private static Detection detectStructure(ASN1Primitive object, byte[] bytes, int trailingBytes) {
        if (!(object instanceof ASN1Sequence seq)) {
            return Detection.of(Kind.OTHER_ASN1, "an ASN.1 " + Asn1.typeName(object) + ", not a key structure");
        }
        if (Pkcs8Parser.hasShape(seq)) {
            String encoding = Asn1.encodingOf(object, bytes, trailingBytes);
            Pkcs8Parser.Parsed parsed = Pkcs8Parser.parse(seq, encoding);
            if (parsed.key().isEmpty()) {
                return new Detection(Kind.PKCS8, "a PKCS#8 PrivateKeyInfo (" + encoding + ") with " + parsed.problem(),
                        Optional.empty(), parsed.problem(), 0);
            }
            Pkcs8Key key = parsed.key().get();
            return new Detection(Kind.PKCS8, KeyTexts.describe(key) + " (" + encoding + ")", parsed.key(), null, 0);
        }
        if (seq.size() == 2 && Asn1.isAlgorithmIdentifier(seq.getObjectAt(0))
                && seq.getObjectAt(1) instanceof ASN1OctetString) {
            ASN1ObjectIdentifier scheme = algorithmOf(seq.getObjectAt(0));
            String name = scheme.equals(PKCSObjectIdentifiers.id_PBES2) ? "PBES2" : "OID " + scheme.getId();
            return Detection.of(Kind.ENCRYPTED_PKCS8,
                    "an encrypted PKCS#8 EncryptedPrivateKeyInfo (encryption scheme " + name + ")");
        }
        if (seq.size() == 2 && Asn1.isAlgorithmIdentifier(seq.getObjectAt(0))
                && seq.getObjectAt(1) instanceof ASN1BitString) {
            return Detection.of(Kind.SUBJECT_PUBLIC_KEY_INFO, "a SubjectPublicKeyInfo: only a public key, no private"
                    + " key; algorithm " + KeyTexts.algorithmName(algorithmOf(seq.getObjectAt(0))));
        }
        if (seq.size() == 2 && seq.getObjectAt(0) instanceof ASN1Integer
                && seq.getObjectAt(1) instanceof ASN1Integer) {
            return Detection.of(Kind.PKCS1_RSA_PUBLIC_KEY, "a PKCS#1 RSAPublicKey: only a public key, no private key");
        }
        if (seq.size() >= 9 && allIntegers(seq, 9)
                && (Asn1.isIntegerEqualTo(seq.getObjectAt(0), 0) || Asn1.isIntegerEqualTo(seq.getObjectAt(0), 1))) {
            int bits = ((ASN1Integer) seq.getObjectAt(1)).getValue().bitLength();
            return Detection.of(Kind.PKCS1_RSA_PRIVATE_KEY,
                    "a PKCS#1 RSAPrivateKey of " + bits + " bits, not wrapped in PKCS#8");
        }
        if (seq.size() >= 2 && seq.size() <= 4 && Asn1.isIntegerEqualTo(seq.getObjectAt(0), 1)
                && seq.getObjectAt(1) instanceof ASN1OctetString && allTagged(seq, 2)) {
            ASN1Encodable curve = null;
            if (seq.size() > 2 && Asn1.isExplicitContextTag(seq.getObjectAt(2), 0)) {
                curve = ((ASN1TaggedObject) seq.getObjectAt(2)).getExplicitBaseObject();
            }
            return Detection.of(Kind.SEC1_EC_PRIVATE_KEY, "a SEC 1 ECPrivateKey"
                    + (curve == null ? "" : " " + KeyTexts.curveWords(curve)) + ", not wrapped in PKCS#8");
        }
        if (seq.size() == 3 && seq.getObjectAt(0) instanceof ASN1Sequence
                && Asn1.isAlgorithmIdentifier(seq.getObjectAt(1)) && seq.getObjectAt(2) instanceof ASN1BitString) {
            return Detection.of(Kind.X509_CERTIFICATE, "an X.509 certificate: only a public key, no private key");
        }
        if ((seq.size() == 2 || seq.size() == 3) && Asn1.isIntegerEqualTo(seq.getObjectAt(0), 3)
                && seq.getObjectAt(1) instanceof ASN1Sequence) {
            return Detection.of(Kind.PKCS12, "a PKCS#12 key store (PFX)");
        }
        return Detection.of(Kind.OTHER_ASN1, "an ASN.1 " + Asn1.typeName(object) + " that is not a key format");
    }

    private static ASN1ObjectIdentifier algorithmOf(ASN1Encodable algorithmIdentifier) {
        return (ASN1ObjectIdentifier) ((ASN1Sequence) algorithmIdentifier).getObjectAt(0);
    }

    private static boolean allIntegers(ASN1Sequence seq, int count) {
        for (int i = 0; i < count; i++) {
            if (!(seq.getObjectAt(i) instanceof ASN1Integer)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allTagged(ASN1Sequence seq, int from) {
        for (int i = from; i < seq.size(); i++) {
            if (!(seq.getObjectAt(i) instanceof ASN1TaggedObject)) {
                return false;
            }
        }
        return true;
    }

    /** PEM, hexadecimal, Base64 or other printable text: every byte printable ASCII or whitespace. */
    private static Optional<Detection> detectText(byte[] bytes) {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            start = 3; // UTF-8 byte-order mark
        }
        while (start < bytes.length && isWhitespace(bytes[start])) {
            start++;
        }
        if (startsWith(bytes, start, PEM_BEGIN)) {
            return Optional.of(Detection.of(Kind.PEM, "PEM text (" + pemLabel(bytes, start + PEM_BEGIN.length)
                    + "), not binary DER"));
        }
        int significant = 0;
        boolean hex = true;
        boolean base64 = true;
        int padding = 0;
        for (int i = start; i < bytes.length; i++) {
            byte b = bytes[i];
            if (isWhitespace(b)) {
                continue;
            }
            if (b < 0x20 || b > 0x7e) {
                return Optional.empty();
            }
            significant++;
            boolean isHexDigit = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
            boolean isBase64 = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '+'
                    || b == '/';
            hex &= isHexDigit;
            if (b == '=') {
                padding++;
            } else {
                base64 &= isBase64 && padding == 0;
            }
        }
        if (significant < 16) {
            return significant == 0 ? Optional.empty()
                    : Optional.of(Detection.of(Kind.TEXT, bytes.length + " bytes of printable text"));
        }
        if (hex && significant % 2 == 0) {
            return Optional.of(Detection.of(Kind.HEX_TEXT, significant + " hexadecimal digits as text ("
                    + significant / 2 + " bytes once decoded)"));
        }
        if (base64 && padding <= 2 && significant % 4 == 0) {
            return Optional.of(Detection.of(Kind.BASE64_TEXT, "Base64 text (" + decodedBase64(bytes) + ")"));
        }
        return Optional.of(Detection.of(Kind.TEXT, bytes.length + " bytes of printable text, not binary key material"));
    }

    /** What Base64 text holds once decoded: its size, and its format when that is a key structure. */
    private static String decodedBase64(byte[] bytes) {
        byte[] decoded = Base64.getMimeDecoder().decode(bytes);
        try {
            String size = decoded.length + " bytes once decoded";
            if (decoded.length == 0) {
                return size;
            }
            Asn1.Read read = Asn1.readOne(decoded);
            if (!read.ok()) {
                return size;
            }
            Detection inner = detectStructure(read.object(), decoded, read.trailingBytes());
            return inner.kind().isKeyStructure() ? size + ": " + inner.description() : size;
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private static String pemLabel(byte[] bytes, int from) {
        StringBuilder label = new StringBuilder();
        for (int i = from; i < bytes.length && i < from + 64; i++) {
            byte b = bytes[i];
            if (b == '-') {
                return "-----BEGIN " + label + "-----";
            }
            if (!(b >= 'A' && b <= 'Z') && !(b >= '0' && b <= '9') && b != ' ') {
                break;
            }
            label.append((char) b);
        }
        return "a PEM header without a valid label";
    }

    private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
        if (bytes.length - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
