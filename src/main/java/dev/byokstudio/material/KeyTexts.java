package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The words the rules use for key specs and keys: what a key spec expects, how OpenSSL makes such a
 * key, and what a PKCS#8 key is ("a PKCS#8 EC private key on P-256"). Never reads secret values
 * beyond a key's size.
 */
final class KeyTexts {

    private KeyTexts() {
    }

    private static final Map<ASN1ObjectIdentifier, String> ALGORITHMS = Map.ofEntries(
            Map.entry(PKCSObjectIdentifiers.rsaEncryption, "RSA"),
            Map.entry(PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS"),
            Map.entry(X9ObjectIdentifiers.id_ecPublicKey, "EC"),
            Map.entry(X9ObjectIdentifiers.id_dsa, "DSA"),
            Map.entry(PKCSObjectIdentifiers.dhKeyAgreement, "Diffie-Hellman"),
            Map.entry(X9ObjectIdentifiers.dhpublicnumber, "X9.42 Diffie-Hellman"),
            Map.entry(EdECObjectIdentifiers.id_Ed25519, "Ed25519"),
            Map.entry(EdECObjectIdentifiers.id_Ed448, "Ed448"),
            Map.entry(EdECObjectIdentifiers.id_X25519, "X25519"),
            Map.entry(EdECObjectIdentifiers.id_X448, "X448"),
            Map.entry(GMObjectIdentifiers.sm2p256v1, "SM2 (the curve OID used as the algorithm)"),
            Map.entry(NISTObjectIdentifiers.id_ml_dsa_44, "ML-DSA-44"),
            Map.entry(NISTObjectIdentifiers.id_ml_dsa_65, "ML-DSA-65"),
            Map.entry(NISTObjectIdentifiers.id_ml_dsa_87, "ML-DSA-87"),
            Map.entry(NISTObjectIdentifiers.id_alg_ml_kem_512, "ML-KEM-512"),
            Map.entry(NISTObjectIdentifiers.id_alg_ml_kem_768, "ML-KEM-768"),
            Map.entry(NISTObjectIdentifiers.id_alg_ml_kem_1024, "ML-KEM-1024"));

    private static final Map<ASN1ObjectIdentifier, KeySpec> POST_QUANTUM = Map.of(
            NISTObjectIdentifiers.id_ml_dsa_44, KeySpec.ML_DSA_44,
            NISTObjectIdentifiers.id_ml_dsa_65, KeySpec.ML_DSA_65,
            NISTObjectIdentifiers.id_ml_dsa_87, KeySpec.ML_DSA_87,
            NISTObjectIdentifiers.id_alg_ml_kem_512, KeySpec.ML_KEM_512,
            NISTObjectIdentifiers.id_alg_ml_kem_768, KeySpec.ML_KEM_768,
            NISTObjectIdentifiers.id_alg_ml_kem_1024, KeySpec.ML_KEM_1024);

    /** The modulus size of an RSA key spec in bits. */
    static int rsaBits(KeySpec spec) {
        switch (spec) {
            case RSA_2048:
                return 2048;
            case RSA_3072:
                return 3072;
            case RSA_4096:
                return 4096;
            default:
                throw new IllegalArgumentException(spec + " is not an RSA key spec");
        }
    }

    /** The key an asymmetric key spec takes: "a PKCS#8 RSA private key of 2048 bits". */
    static String expectedKey(KeySpec spec) {
        switch (spec.family()) {
            case RSA:
                return "a PKCS#8 RSA private key of " + rsaBits(spec) + " bits";
            case ECC_NIST:
            case ECC_SECG:
            case SM2:
                return "a PKCS#8 EC private key on " + curveOf(spec).phrase();
            case EDWARDS:
                return "a PKCS#8 Ed25519 private key";
            default:
                throw new IllegalArgumentException(spec + " material is not a private key");
        }
    }

    static NamedCurve curveOf(KeySpec spec) {
        return NamedCurve.forSpec(spec).orElseThrow(() -> new IllegalArgumentException(spec + " has no curve"));
    }

    /** The OpenSSL command line, as AWS documents it, that makes test material for {@code spec}. */
    static String generateCommand(KeySpec spec, boolean chinaRegion) {
        switch (spec.family()) {
            case SYMMETRIC:
                return "openssl rand -out PlaintextKeyMaterial.bin " + (chinaRegion ? 16 : 32);
            case HMAC:
                return "openssl rand -out " + spec + "_PlaintextKey.bin " + KeyMaterialGenerator.rawLength(spec, false);
            case RSA:
                return "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:" + rsaBits(spec)
                        + " | openssl pkcs8 -topk8 -outform DER -nocrypt > " + spec + "_PrivateKey.der";
            case ECC_NIST:
            case ECC_SECG:
            case SM2:
                return "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:" + curveOf(spec).opensslName()
                        + " | openssl pkcs8 -topk8 -outform DER -nocrypt > " + spec + "_PrivateKey.der";
            case EDWARDS:
                return "openssl genpkey -algorithm ED25519 | openssl pkcs8 -topk8 -outform DER -nocrypt > "
                        + spec + "_PrivateKey.der";
            default:
                throw new IllegalArgumentException("KMS cannot import material for " + spec);
        }
    }

    /** An algorithm OID in words: "rsaEncryption (1.2.840.113549.1.1.1)" style, or the bare OID. */
    static String algorithmName(ASN1ObjectIdentifier oid) {
        String name = ALGORITHMS.get(oid);
        return name == null ? "algorithm OID " + oid.getId() : name + " (OID " + oid.getId() + ")";
    }

    /** What a PKCS#8 key is: "a PKCS#8 EC private key on P-256", "a PKCS#8 RSA private key of 3072 bits". */
    static String describe(Pkcs8Key key) {
        ASN1ObjectIdentifier oid = key.algorithm();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            String kind = oid.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "RSASSA-PSS";
            return rsaModulusBits(key.privateKey())
                    .map(bits -> "a PKCS#8 " + kind + " private key of " + bits + " bits")
                    .orElse("a PKCS#8 " + kind + " private key whose RSAPrivateKey does not parse");
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "a PKCS#8 EC private key " + curveWords(key.parameters());
        }
        String name = ALGORITHMS.get(oid);
        if (name != null) {
            return "a PKCS#8 " + name + " private key";
        }
        return "a PKCS#8 private key with algorithm OID " + oid.getId() + ", which KMS does not know";
    }

    /** The KMS key spec a PKCS#8 key belongs to, if there is one. */
    static Optional<KeySpec> specFor(Pkcs8Key key) {
        ASN1ObjectIdentifier oid = key.algorithm();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return rsaModulusBits(key.privateKey()).flatMap(bits -> {
                switch (bits) {
                    case 2048:
                        return Optional.of(KeySpec.RSA_2048);
                    case 3072:
                        return Optional.of(KeySpec.RSA_3072);
                    case 4096:
                        return Optional.of(KeySpec.RSA_4096);
                    default:
                        return Optional.empty();
                }
            });
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey) && key.parameters() instanceof ASN1ObjectIdentifier curve) {
            return NamedCurve.byOid(curve).map(NamedCurve::spec);
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return Optional.of(KeySpec.ECC_NIST_EDWARDS25519);
        }
        return Optional.ofNullable(POST_QUANTUM.get(oid));
    }

    /** "on P-256", "with explicit curve parameters (those of P-256)", "with no curve parameters". */
    static String curveWords(ASN1Encodable parameters) {
        if (parameters instanceof ASN1ObjectIdentifier curve) {
            return "on " + NamedCurve.byOid(curve).map(NamedCurve::phrase).orElseGet(() -> NamedCurve.describe(curve));
        }
        if (parameters instanceof ASN1Sequence explicit) {
            return NamedCurve.matchExplicit(explicit)
                    .map(c -> "with explicit curve parameters (those of " + c.phrase() + ")")
                    .orElse("with explicit curve parameters of a curve KMS does not support");
        }
        if (parameters instanceof ASN1Null) {
            return "with implicitlyCA parameters (NULL: the curve is not given)";
        }
        return "with no curve parameters";
    }

    /** The modulus size of an RSAPrivateKey, read only as far as the modulus. */
    static Optional<Integer> rsaModulusBits(byte[] rsaPrivateKey) {
        Asn1.Read read = Asn1.readOne(rsaPrivateKey);
        if (read.complete() && read.object() instanceof ASN1Sequence seq && seq.size() >= 2
                && seq.getObjectAt(1) instanceof ASN1Integer modulus) {
            return Optional.of(modulus.getValue().bitLength());
        }
        return Optional.empty();
    }

    /** "32 bytes (256 bits)". */
    static String size(int bytes) {
        return bytes + (bytes == 1 ? " byte" : " bytes") + " (" + bytes * 8L + " bits)";
    }
}
