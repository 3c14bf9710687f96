package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;

/** The elliptic curves KMS accepts imported keys on, one per key spec. */
enum NamedCurve {
    P256(KeySpec.ECC_NIST_P256, SECObjectIdentifiers.secp256r1, "P-256", "secp256r1, prime256v1", "P-256"),
    P384(KeySpec.ECC_NIST_P384, SECObjectIdentifiers.secp384r1, "P-384", "secp384r1", "P-384"),
    P521(KeySpec.ECC_NIST_P521, SECObjectIdentifiers.secp521r1, "P-521", "secp521r1", "P-521"),
    SECP256K1(KeySpec.ECC_SECG_P256K1, SECObjectIdentifiers.secp256k1, "secp256k1", "", "secp256k1"),
    SM2(KeySpec.SM2, GMObjectIdentifiers.sm2p256v1, "the SM2 curve", "sm2p256v1", "SM2");

    private final KeySpec spec;
    private final ASN1ObjectIdentifier oid;
    private final String name;
    private final String aliases;
    private final String opensslName;
    private volatile X9ECParameters parameters;

    NamedCurve(KeySpec spec, ASN1ObjectIdentifier oid, String name, String aliases, String opensslName) {
        this.spec = spec;
        this.oid = oid;
        this.name = name;
        this.aliases = aliases;
        this.opensslName = opensslName;
    }

    KeySpec spec() {
        return spec;
    }

    ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** How a sentence names the curve: "P-256", "the SM2 curve (sm2p256v1)". */
    String phrase() {
        return this == SM2 ? name + " (" + aliases + ")" : name;
    }

    /** The curve with its other names and OID: "P-256 (secp256r1, prime256v1; OID 1.2.840.10045.3.1.7)". */
    String fullName() {
        return name + " (" + (aliases.isEmpty() ? "" : aliases + "; ") + "OID " + oid.getId() + ")";
    }

    /** The name OpenSSL's {@code ec_paramgen_curve} takes. */
    String opensslName() {
        return opensslName;
    }

    /** The curve's domain parameters, Bouncy Castle's optimised implementation. */
    X9ECParameters parameters() {
        X9ECParameters p = parameters;
        if (p == null) {
            p = CustomNamedCurves.getByOID(oid);
            if (p == null) {
                throw new IllegalStateException("Bouncy Castle has no custom curve for " + oid.getId());
            }
            parameters = p;
        }
        return p;
    }

    /** The size in bytes of a field element, and so of the private scalar in canonical form. */
    int fieldBytes() {
        return (parameters().getCurve().getFieldSize() + 7) / 8;
    }

    static Optional<NamedCurve> forSpec(KeySpec spec) {
        return Arrays.stream(values()).filter(c -> c.spec == spec).findFirst();
    }

    static Optional<NamedCurve> byOid(ASN1ObjectIdentifier oid) {
        return Arrays.stream(values()).filter(c -> c.oid.equals(oid)).findFirst();
    }

    /** A curve OID in words: a supported curve's full name, another known curve's name, or the OID. */
    static String describe(ASN1ObjectIdentifier oid) {
        Optional<NamedCurve> supported = byOid(oid);
        if (supported.isPresent()) {
            return supported.get().fullName();
        }
        String known = ECNamedCurveTable.getName(oid);
        return known != null ? known + " (OID " + oid.getId() + ")" : "an unknown curve (OID " + oid.getId() + ")";
    }

    /**
     * The supported curve whose parameters {@code explicit} spells out (SEC 1 ECParameters: version,
     * fieldID, curve, base, order, cofactor), compared field by field; empty when the shape is not
     * that of prime-field ECParameters or no supported curve has these values.
     */
    static Optional<NamedCurve> matchExplicit(ASN1Sequence explicit) {
        if (explicit.size() < 5 || explicit.size() > 6
                || !(explicit.getObjectAt(0) instanceof ASN1Integer)
                || !(explicit.getObjectAt(1) instanceof ASN1Sequence fieldId)
                || !(explicit.getObjectAt(2) instanceof ASN1Sequence curve)
                || !(explicit.getObjectAt(3) instanceof ASN1OctetString base)
                || !(explicit.getObjectAt(4) instanceof ASN1Integer order)) {
            return Optional.empty();
        }
        if (fieldId.size() != 2 || !X9ObjectIdentifiers.prime_field.equals(fieldId.getObjectAt(0))
                || !(fieldId.getObjectAt(1) instanceof ASN1Integer prime)) {
            return Optional.empty();
        }
        if (curve.size() < 2 || !(curve.getObjectAt(0) instanceof ASN1OctetString a)
                || !(curve.getObjectAt(1) instanceof ASN1OctetString b)) {
            return Optional.empty();
        }
        for (NamedCurve candidate : values()) {
            X9ECParameters p = candidate.parameters();
            ECCurve c = p.getCurve();
            boolean same = c.getField().getCharacteristic().equals(prime.getValue())
                    && c.getA().toBigInteger().equals(new BigInteger(1, a.getOctets()))
                    && c.getB().toBigInteger().equals(new BigInteger(1, b.getOctets()))
                    && p.getN().equals(order.getValue())
                    && (Arrays.equals(base.getOctets(), p.getG().getEncoded(false))
                            || Arrays.equals(base.getOctets(), p.getG().getEncoded(true)));
            if (same) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
