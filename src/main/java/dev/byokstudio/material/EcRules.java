package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The rules for ECC_NIST_P256/P384/P521, ECC_SECG_P256K1 and SM2 material, after the PKCS#8 rules: a
 * PKCS#8 id-ecPublicKey key on the key spec's named curve, holding a SEC 1 ECPrivateKey.
 */
final class EcRules {

    static final Rule NAMED_CURVE = new Rule("ec.named-curve", "Named curve",
            "KMS identifies the curve by its name (an OBJECT IDENTIFIER in the AlgorithmIdentifier's parameters)."
                    + " Explicit curve parameters, or implicitlyCA (NULL), are refused: explicit parameters are a"
                    + " known source of curve-substitution attacks (CVE-2020-0601).");
    static final Rule CURVE = new Rule("ec.curve", "Curve matches the key spec",
            "Each elliptic-curve key spec is one curve: ECC_NIST_P256 is P-256, ECC_NIST_P384 is P-384, ECC_NIST_P521"
                    + " is P-521, ECC_SECG_P256K1 is secp256k1 and SM2 is sm2p256v1. A KMS key's key spec cannot change"
                    + " after it is created.");
    static final Rule PRIVATE_KEY = new Rule("ec.private-key", "ECPrivateKey structure",
            "Inside the PKCS#8, an EC key is a SEC 1 ECPrivateKey (RFC 5915): SEQUENCE { version 1, privateKey OCTET"
                    + " STRING, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }, the private key no longer than the"
                    + " curve order.");
    static final Rule PARAMETERS_AGREE = new Rule("ec.parameters-agree", "Inner parameters agree",
            "An ECPrivateKey may repeat the curve in its own [0] parameters; if it does, they must name the same curve"
                    + " as the PKCS#8 AlgorithmIdentifier, or it is unclear which curve the key is on.");
    static final Rule PRIVATE_SCALAR = new Rule("ec.private-scalar", "Private scalar in range",
            "The private key d must be in [1, n−1], n being the curve order; 0 or a value of n or more is not a valid"
                    + " private key.");
    static final Rule PUBLIC_POINT = new Rule("ec.public-point", "Public point valid",
            "If the ECPrivateKey carries its public point, it must be a compressed (02/03) or uncompressed (04) point"
                    + " on the curve. It is optional: KMS derives the public key from the private key.");
    static final Rule PUBLIC_POINT_MATCH = new Rule("ec.public-point-match", "Public point belongs to the key",
            "A public point carried with the key must equal d·G, the point derived from the private key; otherwise"
                    + " the key pair is inconsistent and signatures would not verify under the public key.");

    private static final String REEXPORT = "Export the key again from its source. If you are sure the private key is"
            + " the right one, drop the stored public point and let KMS derive it: openssl ec -inform DER -in key.der"
            + " -no_public | openssl pkcs8 -topk8 -nocrypt -outform DER -out key.pkcs8.der";

    private EcRules() {
    }

    static Optional<CanonicalKey> check(Checklist c, KeySpec spec, byte[] material) {
        return Pkcs8Rules.checkPkcs8(c, spec, material, EcRules::checkKey);
    }

    private static Optional<CanonicalKey> checkKey(Checklist c, KeySpec spec, Optional<Pkcs8Key> pkcs8) {
        NamedCurve want = KeyTexts.curveOf(spec);

        // ec.named-curve: which curve the AlgorithmIdentifier gives, and how.
        String namedExpected = "a named curve: the OID of " + want.fullName();
        ASN1ObjectIdentifier curveOid = null;
        NamedCurve explicitMatch = null;
        if (!c.skip(NAMED_CURVE, namedExpected)) {
            ASN1Encodable parameters = pkcs8.orElseThrow().parameters();
            String noCurve = "Not checked: the key's curve is not known (rule ec.named-curve failed)";
            if (parameters instanceof ASN1ObjectIdentifier oid) {
                curveOid = oid;
                c.pass(NAMED_CURVE, namedExpected, "a named curve: " + NamedCurve.describe(oid));
            } else if (parameters instanceof ASN1Sequence explicit) {
                explicitMatch = NamedCurve.matchExplicit(explicit).orElse(null);
                String which = explicitMatch == null ? "they match no curve KMS supports"
                        : "they are the parameters of " + explicitMatch.phrase();
                c.fail(NAMED_CURVE, namedExpected,
                        "Curve given by explicit parameters; KMS accepts named curves only (" + which + ")",
                        "Re-encode the key with the curve's name: openssl ec -inform DER -in key.der -param_enc"
                                + " named_curve | openssl pkcs8 -topk8 -nocrypt -outform DER -out key.pkcs8.der");
                if (explicitMatch == null) {
                    c.block(noCurve);
                }
            } else if (parameters instanceof ASN1Null) {
                c.failAndBlock(NAMED_CURVE, namedExpected,
                        "implicitlyCA (NULL): the key does not say which curve it is on",
                        "Export the key again with a named curve, e.g.: " + KeyTexts.generateCommand(spec, false),
                        noCurve);
            } else {
                c.failAndBlock(NAMED_CURVE, namedExpected,
                        parameters == null ? "no curve parameters at all" : "curve parameters of an unexpected type",
                        "Export the key again with a named curve, e.g.: " + KeyTexts.generateCommand(spec, false),
                        noCurve);
            }
        }

        // ec.curve: the key's curve is the key spec's. When it is another supported curve the remaining rules
        // are still evaluated on that curve, so the report is complete.
        String curveExpected = want.fullName() + " for key spec " + spec;
        NamedCurve curve = null;
        if (!c.skip(CURVE, curveExpected)) {
            Optional<NamedCurve> actual = explicitMatch != null ? Optional.of(explicitMatch) : NamedCurve.byOid(curveOid);
            String found = explicitMatch != null ? explicitMatch.fullName() + ", given by explicit parameters"
                    : NamedCurve.describe(curveOid);
            if (actual.isPresent() && actual.get() == want) {
                c.pass(CURVE, curveExpected, found);
            } else if (actual.isPresent()) {
                c.fail(CURVE, curveExpected, found, "This key fits a KMS key with key spec " + actual.get().spec()
                        + (actual.get().spec().chinaRegionsOnly() ? " (China Regions only)" : "")
                        + ": import it into one of those. For this KMS key, supply " + KeyTexts.expectedKey(spec)
                        + "; to make test material: " + KeyTexts.generateCommand(spec, false));
            } else {
                c.failAndBlock(CURVE, curveExpected, found + ", which KMS does not support",
                        "KMS supports P-256, P-384, P-521, secp256k1 and (in the China Regions) SM2. Supply "
                                + KeyTexts.expectedKey(spec) + "; to make test material: "
                                + KeyTexts.generateCommand(spec, false),
                        "Not checked: the key is on a curve KMS does not support (rule ec.curve failed)");
            }
            curve = actual.orElse(null);
        }

        // The curve the remaining rules are evaluated on, and named in their expectations.
        NamedCurve on = curve == null ? want : curve;

        // ec.private-key: the SEC 1 structure inside the PKCS#8.
        String structureExpected = "an ECPrivateKey: SEQUENCE { INTEGER 1, privateKey OCTET STRING of at most "
                + on.fieldBytes() + " bytes, [0] parameters OPTIONAL, [1] publicKey"
                + " OPTIONAL }";
        ASN1Sequence ecKey = null;
        if (!c.skip(PRIVATE_KEY, structureExpected)) {
            Asn1.Read read = Asn1.readOne(pkcs8.orElseThrow().privateKey());
            String problem = structureProblem(read, curve);
            if (problem != null) {
                c.failAndBlock(PRIVATE_KEY, structureExpected, problem,
                        "Export the key again from its source, or let OpenSSL rewrite it (if it can read it): openssl"
                                + " pkcs8 -topk8 -inform DER -outform DER -nocrypt -in key.der -out key.pkcs8.der",
                        "Not checked: the ECPrivateKey inside the PKCS#8 cannot be read (rule ec.private-key failed)");
            } else {
                ecKey = (ASN1Sequence) read.object();
                c.pass(PRIVATE_KEY, structureExpected, "a well-formed ECPrivateKey, version 1, "
                        + (tagged(ecKey, 1) != null ? "with" : "without") + " a public point");
            }
        }

        String agreeExpected = "no [0] parameters, or parameters naming " + on.phrase();
        if (!c.skip(PARAMETERS_AGREE, agreeExpected)) {
            ASN1TaggedObject inner = tagged(ecKey, 0);
            if (inner == null) {
                c.pass(PARAMETERS_AGREE, agreeExpected,
                        "no parameters inside the ECPrivateKey; the AlgorithmIdentifier's curve applies");
            } else {
                ASN1Encodable innerParameters = inner.getExplicitBaseObject();
                Optional<NamedCurve> innerCurve = innerParameters instanceof ASN1ObjectIdentifier oid
                        ? NamedCurve.byOid(oid)
                        : innerParameters instanceof ASN1Sequence explicit ? NamedCurve.matchExplicit(explicit)
                        : Optional.empty();
                if (innerCurve.isPresent() && innerCurve.get() == curve) {
                    c.pass(PARAMETERS_AGREE, agreeExpected, "parameters naming " + curve.phrase() + ", as the"
                            + " AlgorithmIdentifier does");
                } else {
                    c.fail(PARAMETERS_AGREE, agreeExpected, "the ECPrivateKey's own parameters give "
                            + KeyTexts.curveWords(innerParameters).replaceFirst("^on ", "")
                            + ", the AlgorithmIdentifier gives " + curve.phrase(),
                            "Export the key again from its source; the two curve fields of this file contradict each"
                                    + " other.");
                }
            }
        }

        // ec.private-scalar: d in [1, n-1].
        X9ECParameters domain = curve == null ? null : curve.parameters();
        String scalarExpected = "a private scalar d with 1 ≤ d ≤ n−1, n being the order of "
                + on.phrase();
        BigInteger d = null;
        if (!c.skip(PRIVATE_SCALAR, scalarExpected)) {
            byte[] octets = ((ASN1OctetString) ecKey.getObjectAt(1)).getOctets();
            BigInteger candidate = new BigInteger(1, octets);
            if (candidate.signum() == 0) {
                c.failAndBlock(PRIVATE_SCALAR, scalarExpected, "the private scalar is zero",
                        "Generate a new key: " + KeyTexts.generateCommand(spec, false),
                        "Not checked: there is no valid private scalar (rule ec.private-scalar failed)");
            } else if (candidate.compareTo(domain.getN()) >= 0) {
                c.failAndBlock(PRIVATE_SCALAR, scalarExpected, "the private scalar is not less than the curve order n",
                        "Generate a new key: " + KeyTexts.generateCommand(spec, false),
                        "Not checked: there is no valid private scalar (rule ec.private-scalar failed)");
            } else {
                d = candidate;
                c.pass(PRIVATE_SCALAR, scalarExpected, "a private scalar within [1, n−1]");
            }
        }

        // ec.public-point and ec.public-point-match.
        String pointExpected = "absent, or a compressed or uncompressed point on " + on.phrase();
        ECPoint derived = null;
        ECPoint stored = null;
        String pointUnusable = null;
        if (!c.skip(PUBLIC_POINT, pointExpected)) {
            derived = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
            ASN1TaggedObject publicField = tagged(ecKey, 1);
            if (publicField == null) {
                c.pass(PUBLIC_POINT, pointExpected, "absent: KMS derives the public point from the private key");
            } else {
                ASN1BitString bits = (ASN1BitString) publicField.getExplicitBaseObject();
                PointDecoding decoded = decodePoint(domain.getCurve(), bits, curve);
                if (decoded.point() == null) {
                    c.fail(PUBLIC_POINT, pointExpected, decoded.description(), REEXPORT);
                    pointUnusable = "Not checked: the stored public point is not a valid point (rule ec.public-point"
                            + " failed)";
                } else {
                    stored = decoded.point();
                    c.pass(PUBLIC_POINT, pointExpected, decoded.description());
                }
            }
        }
        String matchExpected = "the public point equals d·G";
        if (!c.skip(PUBLIC_POINT_MATCH, matchExpected, pointUnusable)) {
            if (stored == null) {
                c.pass(PUBLIC_POINT_MATCH, matchExpected, "no stored public point; KMS uses d·G");
            } else if (stored.equals(derived)) {
                c.pass(PUBLIC_POINT_MATCH, matchExpected, "the stored public point equals d·G");
            } else {
                c.fail(PUBLIC_POINT_MATCH, matchExpected, "the stored public point is a valid point on "
                        + curve.phrase() + " but not d·G: it belongs to a different private key", REEXPORT);
            }
        }

        if (c.anyFailed() || derived == null) {
            return Optional.empty();
        }
        return Optional.of(canonical(curve, d, derived));
    }

    /** Why the privateKey octets are not an ECPrivateKey, or null when they are. */
    private static String structureProblem(Asn1.Read read, NamedCurve curve) {
        if (!read.ok()) {
            return "the PKCS#8 privateKey field does not hold ASN.1: " + read.problem();
        }
        if (read.trailingBytes() != 0) {
            return "the ECPrivateKey is followed by " + read.trailingBytes() + " stray bytes inside the privateKey field";
        }
        if (!(read.object() instanceof ASN1Sequence seq)) {
            return "the privateKey field holds an ASN.1 " + Asn1.typeName(read.object()) + ", not an ECPrivateKey";
        }
        if (seq.size() < 2 || seq.size() > 4) {
            return "a SEQUENCE of " + seq.size() + " elements; an ECPrivateKey has 2 to 4";
        }
        if (!Asn1.isIntegerEqualTo(seq.getObjectAt(0), 1)) {
            return "the ECPrivateKey's version is not the INTEGER 1";
        }
        if (!(seq.getObjectAt(1) instanceof ASN1OctetString privateKey)) {
            return "the ECPrivateKey's privateKey field is not an OCTET STRING";
        }
        int nextTag = 0;
        for (int i = 2; i < seq.size(); i++) {
            ASN1Encodable element = seq.getObjectAt(i);
            boolean parameters = nextTag == 0 && Asn1.isExplicitContextTag(element, 0);
            boolean publicKey = Asn1.isExplicitContextTag(element, 1);
            if (!parameters && !publicKey) {
                return "an unexpected element after the private key (only [0] parameters and [1] publicKey, explicitly"
                        + " tagged and in that order, may follow)";
            }
            if (publicKey && !(((ASN1TaggedObject) element).getExplicitBaseObject() instanceof ASN1BitString)) {
                return "a [1] publicKey field that is not a BIT STRING";
            }
            nextTag = publicKey ? 2 : 1;
            if (publicKey && i != seq.size() - 1) {
                return "an element after the [1] publicKey field";
            }
        }
        int maximum = curve.fieldBytes();
        int length = privateKey.getOctets().length;
        if (length == 0 || length > maximum) {
            return "a private key of " + length + " bytes; on " + curve.phrase() + " it is at most " + maximum + " bytes";
        }
        return null;
    }

    /** The explicitly tagged [tagNo] element of an ECPrivateKey, or null. */
    private static ASN1TaggedObject tagged(ASN1Sequence ecKey, int tagNo) {
        if (ecKey == null) {
            return null;
        }
        for (int i = 2; i < ecKey.size(); i++) {
            if (Asn1.isExplicitContextTag(ecKey.getObjectAt(i), tagNo)) {
                return (ASN1TaggedObject) ecKey.getObjectAt(i);
            }
        }
        return null;
    }

    /** A decoded public point, or null with the reason in {@code description}. */
    private record PointDecoding(ECPoint point, String description) {
    }

    /**
     * Decodes a SEC 1 point explicitly (prefix, length, coordinates below p, on the curve), using the field
     * arithmetic rather than relying on a decoder's exceptions.
     */
    private static PointDecoding decodePoint(ECCurve ec, ASN1BitString bits, NamedCurve curve) {
        if (bits.getPadBits() != 0) {
            return new PointDecoding(null, "a public key BIT STRING with " + bits.getPadBits() + " unused bits");
        }
        byte[] encoded = bits.getOctets();
        int size = curve.fieldBytes();
        int prefix = encoded.length == 0 ? -1 : encoded[0] & 0xff;
        BigInteger p = ec.getField().getCharacteristic();
        if ((prefix == 0x02 || prefix == 0x03) && encoded.length == 1 + size) {
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, encoded.length));
            String what = "a compressed point (" + encoded.length + " bytes)";
            if (x.compareTo(p) >= 0) {
                return new PointDecoding(null, what + " whose x coordinate is not below the field prime");
            }
            ECFieldElement fx = ec.fromBigInteger(x);
            ECFieldElement rhs = fx.square().add(ec.getA()).multiply(fx).add(ec.getB());
            ECFieldElement fy = rhs.sqrt();
            if (fy == null) {
                return new PointDecoding(null, what + " that is not on " + curve.phrase());
            }
            if (fy.testBitZero() != (prefix == 0x03)) {
                fy = fy.negate();
            }
            return valid(ec.createPoint(x, fy.toBigInteger()), what, curve);
        }
        if (prefix == 0x04 && encoded.length == 1 + 2 * size) {
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + size));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + size, encoded.length));
            String what = "an uncompressed point (" + encoded.length + " bytes)";
            if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
                return new PointDecoding(null, what + " with a coordinate that is not below the field prime");
            }
            return valid(ec.createPoint(x, y), what, curve);
        }
        if (prefix == 0x06 || prefix == 0x07) {
            return new PointDecoding(null, "a point in hybrid form (prefix 0" + prefix + "); KMS expects compressed"
                    + " (02/03) or uncompressed (04)");
        }
        return new PointDecoding(null, "a public key of " + encoded.length + " bytes that is not a compressed ("
                + (1 + size) + " bytes, 02/03) or uncompressed (" + (1 + 2 * size) + " bytes, 04) point");
    }

    private static PointDecoding valid(ECPoint point, String what, NamedCurve curve) {
        if (point.isInfinity() || !point.isValid()) {
            return new PointDecoding(null, what + " that is not on " + curve.phrase());
        }
        return new PointDecoding(point.normalize(), what + " on " + curve.phrase());
    }

    private static CanonicalKey canonical(NamedCurve curve, BigInteger d, ECPoint publicPoint) {
        byte[] point = publicPoint.getEncoded(false);
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid());
        try {
            ECPrivateKey privateKey = new ECPrivateKey(curve.parameters().getCurve().getFieldSize(), d,
                    new DERBitString(point), null);
            byte[] pkcs8 = new PrivateKeyInfo(algorithm, privateKey).getEncoded(ASN1Encoding.DER);
            byte[] spki = new SubjectPublicKeyInfo(algorithm, point).getEncoded(ASN1Encoding.DER);
            return new CanonicalKey(pkcs8, Optional.of(spki));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a freshly built EC PrivateKeyInfo failed", e);
        }
    }
}
