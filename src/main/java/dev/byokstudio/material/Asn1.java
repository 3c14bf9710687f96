package dev.byokstudio.material;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * Reading ASN.1 with Bouncy Castle's {@link ASN1InputStream} (BER and DER), bounded by the input's
 * length, and the few shape tests the parsers share. The texts produced here never contain content
 * octets.
 */
final class Asn1 {

    private Asn1() {
    }

    /**
     * One ASN.1 element read from the start of some bytes.
     *
     * @param object the element, or null when the bytes do not start with a complete element
     * @param trailingBytes how many bytes follow the element
     * @param problem why nothing could be read, or null
     * @param truncated whether the bytes end before the element does
     */
    record Read(ASN1Primitive object, int trailingBytes, String problem, boolean truncated) {

        boolean ok() {
            return object != null;
        }

        /** Whether the bytes hold exactly one complete element. */
        boolean complete() {
            return object != null && trailingBytes == 0;
        }
    }

    /** Reads the first ASN.1 element of {@code bytes}; never throws for malformed input. */
    static Read readOne(byte[] bytes) {
        ByteArrayInputStream source = new ByteArrayInputStream(bytes);
        // The limit keeps a declared length from exceeding the input; Bouncy Castle also caps nesting.
        try (ASN1InputStream in = new ASN1InputStream(source, bytes.length)) {
            ASN1Primitive object = in.readObject();
            if (object == null) {
                return new Read(null, 0, "no data", false);
            }
            return new Read(object, source.available(), null, false);
        } catch (EOFException e) {
            return new Read(null, 0, "the data ends before the ASN.1 element does", true);
        } catch (IOException e) {
            // ASN1InputStream reports every malformed encoding as an IOException (ASN1Exception).
            String message = e.getMessage() == null ? "" : e.getMessage();
            boolean truncated = message.contains("truncated") || message.contains("out of bounds length");
            return new Read(null, 0, truncated ? "the data ends before the ASN.1 element does" : "malformed ASN.1 ("
                    + safeMessage(message) + ")", truncated);
        }
    }

    /** Bouncy Castle's parser messages name tags and lengths only; keep them short and printable. */
    private static String safeMessage(String message) {
        String printable = message.replaceAll("[^\\x20-\\x7e]", "?");
        if (printable.isBlank()) {
            return "no detail";
        }
        return printable.length() > 120 ? printable.substring(0, 120) + "..." : printable;
    }

    /** How {@code original} (without trailing bytes) is encoded: "DER" or a description of its BER. */
    static String encodingOf(ASN1Primitive object, byte[] original, int trailingBytes) {
        byte[] der = derOf(object);
        byte[] given = Arrays.copyOf(original, original.length - trailingBytes);
        try {
            if (MessageDigest.isEqual(der, given)) {
                return "DER";
            }
            if (given.length > 1 && (given[1] & 0xff) == 0x80) {
                return "BER with an indefinite-length outer SEQUENCE";
            }
            return "BER (valid, but not the DER encoding)";
        } finally {
            Arrays.fill(der, (byte) 0);
            Arrays.fill(given, (byte) 0);
        }
    }

    static byte[] derOf(ASN1Primitive object) {
        try {
            return object.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("re-encoding a parsed ASN.1 element as DER failed", e);
        }
    }

    /** An AlgorithmIdentifier's shape: SEQUENCE { OBJECT IDENTIFIER, parameters OPTIONAL }. */
    static boolean isAlgorithmIdentifier(Object element) {
        return element instanceof ASN1Sequence seq && (seq.size() == 1 || seq.size() == 2)
                && seq.getObjectAt(0) instanceof ASN1ObjectIdentifier;
    }

    /** An EXPLICIT context-specific tag {@code [tagNo]}. */
    static boolean isExplicitContextTag(Object element, int tagNo) {
        return element instanceof ASN1TaggedObject tagged && tagged.hasContextTag(tagNo) && tagged.isExplicit();
    }

    static boolean isIntegerEqualTo(Object element, int value) {
        return element instanceof ASN1Integer integer && integer.hasValue(value);
    }

    /** An implicitly tagged BIT STRING, or null when the tagged content is not a valid BIT STRING. */
    static ASN1BitString implicitBitString(ASN1TaggedObject tagged) {
        try {
            return ASN1BitString.getInstance(tagged, false);
        } catch (IllegalArgumentException e) {
            // Bouncy Castle's documented signal that the tagged content is not a BIT STRING.
            return null;
        }
    }

    /** The ASN.1 type of an element in words, for "found" texts. */
    static String typeName(ASN1Primitive object) {
        if (object instanceof ASN1Sequence seq) {
            return "SEQUENCE of " + seq.size() + (seq.size() == 1 ? " element" : " elements");
        }
        if (object instanceof ASN1Set) {
            return "SET";
        }
        if (object instanceof ASN1Integer) {
            return "INTEGER";
        }
        if (object instanceof ASN1OctetString) {
            return "OCTET STRING";
        }
        if (object instanceof ASN1BitString) {
            return "BIT STRING";
        }
        if (object instanceof ASN1ObjectIdentifier) {
            return "OBJECT IDENTIFIER";
        }
        if (object instanceof ASN1Null) {
            return "NULL";
        }
        if (object instanceof ASN1Boolean) {
            return "BOOLEAN";
        }
        if (object instanceof ASN1String) {
            return "character string";
        }
        if (object instanceof ASN1TaggedObject tagged) {
            return "tagged element [" + tagged.getTagNo() + "]";
        }
        return "ASN.1 element";
    }

    /**
     * A number as text when it is small (at most 32 bits); otherwise only its size. A field that should hold
     * a small number may hold anything, secret bytes included, and must not be printed in full.
     */
    static String smallNumber(java.math.BigInteger value) {
        return value.bitLength() <= 32 ? value.toString() : "a " + value.bitLength() + "-bit number";
    }
}
