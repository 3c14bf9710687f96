package dev.byokstudio.material;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Reads a PKCS#8 PrivateKeyInfo / OneAsymmetricKey from a parsed SEQUENCE, checking each element's type
 * before touching it:
 *
 * <pre>
 * OneAsymmetricKey ::= SEQUENCE {
 *   version                   INTEGER { v1(0), v2(1) },
 *   privateKeyAlgorithm       AlgorithmIdentifier,
 *   privateKey                OCTET STRING,
 *   attributes            [0] IMPLICIT Attributes OPTIONAL,
 *   publicKey             [1] IMPLICIT BIT STRING OPTIONAL }  -- v2 only
 * </pre>
 */
final class Pkcs8Parser {

    private Pkcs8Parser() {
    }

    /** The outcome: a key, or (when the SEQUENCE has PKCS#8's shape but breaks its rules) a problem. */
    record Parsed(Optional<Pkcs8Key> key, String problem) {
    }

    /** Whether {@code seq} starts like a PrivateKeyInfo: INTEGER, AlgorithmIdentifier, OCTET STRING. */
    static boolean hasShape(ASN1Sequence seq) {
        return seq.size() >= 3 && seq.size() <= 5 && seq.getObjectAt(0) instanceof ASN1Integer
                && Asn1.isAlgorithmIdentifier(seq.getObjectAt(1)) && seq.getObjectAt(2) instanceof ASN1OctetString;
    }

    /** Parses a SEQUENCE for which {@link #hasShape} holds. */
    static Parsed parse(ASN1Sequence seq, String encoding) {
        ASN1Integer versionField = (ASN1Integer) seq.getObjectAt(0);
        if (!versionField.hasValue(0) && !versionField.hasValue(1)) {
            return problem("version " + Asn1.smallNumber(versionField.getValue()) + "; PKCS#8 defines only v1 (0) and v2 (1)");
        }
        int version = versionField.intValueExact();
        AlgorithmIdentifier algorithm = AlgorithmIdentifier.getInstance(seq.getObjectAt(1));
        byte[] privateKey = ((ASN1OctetString) seq.getObjectAt(2)).getOctets();
        ASN1BitString publicKey = null;
        int expectedTag = 0;
        for (int i = 3; i < seq.size(); i++) {
            ASN1Encodable element = seq.getObjectAt(i);
            if (!(element instanceof ASN1TaggedObject tagged) || tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC
                    || tagged.getTagNo() < expectedTag || tagged.getTagNo() > 1) {
                return problem("an unexpected element after the privateKey field (only [0] attributes and [1]"
                        + " publicKey may follow, in that order)");
            }
            expectedTag = tagged.getTagNo() + 1;
            if (tagged.getTagNo() == 1) {
                publicKey = Asn1.implicitBitString(tagged);
                if (publicKey == null) {
                    return problem("a [1] publicKey field that is not a valid BIT STRING");
                }
            }
        }
        if (publicKey != null && version == 0) {
            return problem("a [1] publicKey field in a version v1 (0) structure; a public key needs v2 (1)");
        }
        return new Parsed(Optional.of(new Pkcs8Key(version, algorithm.getAlgorithm(), algorithm.getParameters(),
                privateKey, publicKey, encoding)), null);
    }

    private static Parsed problem(String problem) {
        return new Parsed(Optional.empty(), problem);
    }
}
