package dev.byokstudio.material;

import dev.byokstudio.kms.WrappingKeySpec;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * The wrapping key pairs GetParametersForImport hands out (reference §3.1, §3.2): RSA of 2048, 3072 or
 * 4096 bits with e = 65537, or SM2 (an EC key on the curve sm2p256v1, China Regions only), and their
 * encodings: the public key as the DER SubjectPublicKeyInfo KMS returns in {@code PublicKey}, the
 * private key as PKCS#8.
 *
 * <p>Every decoder here accepts only what {@link #specOf} accepts: a key that can be a KMS wrapping key.
 */
public final class WrappingKeys {

    /** KMS's limit on the {@code PublicKey} blob. */
    static final int MAX_SPKI_LENGTH = 4096;
    /** Generous for an RSA-4096 PKCS#8 (about 2.4 KB); a size limit before any parsing. */
    static final int MAX_PKCS8_LENGTH = 8192;

    private static final BigInteger F4 = BigInteger.valueOf(65537);
    private static final X9ECParameters SM2_CURVE = GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
    private static final ECDomainParameters SM2_DOMAIN =
            new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, SM2_CURVE);
    private static final String EXPECTED_KEY = "an RSA_2048, RSA_3072, RSA_4096 or SM2 wrapping key";
    private static final Map<String, String> KNOWN_ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10040.4.1", "DSA",
            "1.2.840.10046.2.1", "DH",
            "1.3.101.110", "X25519",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.2.156.10197.1.301", "SM2 (as algorithm OID)");

    private WrappingKeys() {
    }

    /** A new wrapping key pair. RSA_4096 takes about a second. */
    public static KeyPair generate(WrappingKeySpec spec, SecureRandom random) {
        try {
            KeyPairGenerator generator;
            if (spec == WrappingKeySpec.SM2) {
                generator = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
                generator.initialize(new ECGenParameterSpec("sm2p256v1"), random);
            } else {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(rsaBits(spec), F4), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + spec + " wrapping key pair", e);
        }
    }

    /**
     * The public key as KMS returns it: a DER SubjectPublicKeyInfo, RSA as {@code rsaEncryption} with NULL
     * parameters (base64 {@code MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A…} for RSA_2048), SM2 as
     * {@code id-ecPublicKey} on the named curve sm2p256v1 with an uncompressed point — the form OpenSSL
     * writes too.
     *
     * @throws IllegalArgumentException if the key is neither RSA nor SM2
     */
    public static byte[] subjectPublicKeyInfo(PublicKey key) {
        SubjectPublicKeyInfo info;
        if (key instanceof RSAPublicKey) {
            RSAPublicKey rsa = (RSAPublicKey) key;
            try {
                info = new SubjectPublicKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        new org.bouncycastle.asn1.pkcs.RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent()));
            } catch (IOException e) {
                throw new IllegalStateException("DER encoding of an RSA public key failed", e);
            }
        } else if (key instanceof ECPublicKey && isSm2((ECPublicKey) key)) {
            info = new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1),
                    sm2Point((ECPublicKey) key).getEncoded(false));
        } else {
            throw new IllegalArgumentException("Expected an RSA or SM2 public key; found " + describe(key) + ".");
        }
        return der(info);
    }

    /**
     * Decodes a DER SubjectPublicKeyInfo of a KMS wrapping key: RSA of 2048, 3072 or 4096 bits, or SM2.
     *
     * @throws MaterialFormatException if the bytes are larger than 4096 bytes, not DER, not a
     *     SubjectPublicKeyInfo, or a key of another type or size
     */
    public static PublicKey publicKey(byte[] spki) throws MaterialFormatException {
        String expected = "a DER SubjectPublicKeyInfo of " + EXPECTED_KEY;
        checkSize(spki, MAX_SPKI_LENGTH, expected);
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(asn1(spki, expected));
        } catch (IllegalArgumentException e) {
            throw new MaterialFormatException(expected, "ASN.1 that is not a SubjectPublicKeyInfo");
        }
        if (!Arrays.equals(der(info), spki)) {
            throw new MaterialFormatException(expected, "a SubjectPublicKeyInfo that is not DER-encoded");
        }
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        PublicKey key;
        try {
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                org.bouncycastle.asn1.pkcs.RSAPublicKey rsa =
                        org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(info.parsePublicKey());
                key = KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } else if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                requireSm2Curve(info.getAlgorithm().getParameters(), expected);
                key = KeyFactory.getInstance("EC", Providers.bouncyCastle())
                        .generatePublic(new X509EncodedKeySpec(spki));
            } else {
                throw new MaterialFormatException(expected, "a key with algorithm " + describe(algorithm));
            }
        } catch (IOException | IllegalArgumentException | InvalidKeySpecException e) {
            throw new MaterialFormatException(expected, "an invalid " + describe(algorithm) + " key value");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the RSA and EC key factories are missing", e);
        }
        try {
            specOf(key);
        } catch (MaterialFormatException e) {
            throw new MaterialFormatException(expected, e.found());
        }
        return key;
    }

    /**
     * Decodes an unencrypted PKCS#8 PrivateKeyInfo of a KMS wrapping key: RSA of 2048, 3072 or 4096 bits,
     * or SM2. The caller keeps (and clears) the input array.
     *
     * @throws MaterialFormatException if the bytes are larger than 8192 bytes, not ASN.1, not a
     *     PrivateKeyInfo (an encrypted PKCS#8, say), or a key of another type or size
     */
    public static PrivateKey privateKey(byte[] pkcs8) throws MaterialFormatException {
        String expected = "an unencrypted PKCS#8 PrivateKeyInfo of " + EXPECTED_KEY;
        checkSize(pkcs8, MAX_PKCS8_LENGTH, expected);
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(asn1(pkcs8, expected));
        } catch (IllegalArgumentException e) {
            throw new MaterialFormatException(expected,
                    "ASN.1 that is not a PrivateKeyInfo (an encrypted PKCS#8 or a certificate, perhaps)");
        }
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        PrivateKey key;
        try {
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                int bits = ((RSAKey) key).getModulus().bitLength();
                if (bits != 2048 && bits != 3072 && bits != 4096) {
                    throw new MaterialFormatException(expected, "a " + bits + "-bit RSA key");
                }
            } else if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                requireSm2Curve(info.getPrivateKeyAlgorithm().getParameters(), expected);
                key = KeyFactory.getInstance("EC", Providers.bouncyCastle())
                        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } else {
                throw new MaterialFormatException(expected, "a key with algorithm " + describe(algorithm));
            }
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            throw new MaterialFormatException(expected, "an invalid " + describe(algorithm) + " key value");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the RSA and EC key factories are missing", e);
        }
        return key;
    }

    /**
     * The wrapping key spec of a public key: its RSA modulus size, or SM2 for an EC key on sm2p256v1.
     *
     * @throws MaterialFormatException for any other key: RSA of another size, EC on another curve, other
     *     algorithms
     */
    public static WrappingKeySpec specOf(PublicKey key) throws MaterialFormatException {
        if (key instanceof RSAPublicKey) {
            return rsaSpec(((RSAPublicKey) key).getModulus().bitLength());
        }
        if (key instanceof ECPublicKey && isSm2((ECPublicKey) key)) {
            return WrappingKeySpec.SM2;
        }
        throw new MaterialFormatException(EXPECTED_KEY, describe(key));
    }

    /** Whether an EC key (public or private) lies on the SM2 curve, whichever provider made it. */
    static boolean isSm2(ECKey key) {
        ECParameterSpec params = key.getParams();
        if (params == null || !(params.getCurve().getField() instanceof ECFieldFp)) {
            return false;
        }
        ECPoint g = SM2_CURVE.getG().normalize();
        return ((ECFieldFp) params.getCurve().getField()).getP().equals(SM2_CURVE.getCurve().getField().getCharacteristic())
                && params.getCurve().getA().equals(SM2_CURVE.getCurve().getA().toBigInteger())
                && params.getCurve().getB().equals(SM2_CURVE.getCurve().getB().toBigInteger())
                && params.getGenerator().getAffineX().equals(g.getAffineXCoord().toBigInteger())
                && params.getGenerator().getAffineY().equals(g.getAffineYCoord().toBigInteger())
                && params.getOrder().equals(SM2_CURVE.getN());
    }

    /** The SM2 curve's domain parameters, for Bouncy Castle's lightweight SM2 engine. */
    static ECDomainParameters sm2Domain() {
        return SM2_DOMAIN;
    }

    /** The public point of an SM2 key, checked to lie on the curve. */
    static ECPoint sm2Point(ECPublicKey key) {
        return SM2_CURVE.getCurve().validatePoint(key.getW().getAffineX(), key.getW().getAffineY());
    }

    /** Length of the RSA modulus in bytes: the length of one RSA-OAEP block. */
    static int modulusLength(RSAKey key) {
        return BigIntegers.getUnsignedByteLength(key.getModulus());
    }

    /** How a person would name a key: "a 1024-bit RSA key", "an EC key on secp256r1". */
    static String describe(java.security.Key key) {
        if (key instanceof RSAKey) {
            return "a " + ((RSAKey) key).getModulus().bitLength() + "-bit RSA key";
        }
        if (key instanceof ECKey) {
            return isSm2((ECKey) key) ? "an SM2 key" : "an EC key on a curve other than SM2";
        }
        return key == null ? "no key" : "a key of type " + key.getAlgorithm();
    }

    private static int rsaBits(WrappingKeySpec spec) {
        switch (spec) {
            case RSA_2048:
                return 2048;
            case RSA_3072:
                return 3072;
            case RSA_4096:
                return 4096;
            default:
                throw new IllegalArgumentException("not an RSA wrapping key spec: " + spec);
        }
    }

    private static WrappingKeySpec rsaSpec(int bits) throws MaterialFormatException {
        switch (bits) {
            case 2048:
                return WrappingKeySpec.RSA_2048;
            case 3072:
                return WrappingKeySpec.RSA_3072;
            case 4096:
                return WrappingKeySpec.RSA_4096;
            default:
                throw new MaterialFormatException(EXPECTED_KEY, "a " + bits + "-bit RSA key");
        }
    }

    private static void requireSm2Curve(ASN1Encodable parameters, String expected) throws MaterialFormatException {
        if (parameters instanceof ASN1ObjectIdentifier) {
            ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) parameters;
            if (!curve.equals(GMObjectIdentifiers.sm2p256v1)) {
                String name = ECNamedCurveTable.getName(curve);
                throw new MaterialFormatException(expected,
                        "an EC key on " + (name == null ? "the curve " + curve.getId() : name));
            }
        } else {
            throw new MaterialFormatException(expected,
                    "an EC key without a named curve (explicit or implicit parameters)");
        }
    }

    private static void checkSize(byte[] bytes, int max, String expected) throws MaterialFormatException {
        if (bytes.length == 0) {
            throw new MaterialFormatException(expected, "no bytes");
        }
        if (bytes.length > max) {
            throw new MaterialFormatException(expected + " (at most " + max + " bytes)", bytes.length + " bytes");
        }
    }

    private static ASN1Primitive asn1(byte[] bytes, String expected) throws MaterialFormatException {
        try {
            return ASN1Primitive.fromByteArray(bytes);
        } catch (IOException e) {
            throw new MaterialFormatException(expected, bytes.length + " bytes that are not one ASN.1 structure");
        }
    }

    private static String describe(ASN1ObjectIdentifier algorithm) {
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "RSA";
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "EC";
        }
        String name = KNOWN_ALGORITHMS.get(algorithm.getId());
        return name == null ? "OID " + algorithm.getId() : name + " (" + algorithm.getId() + ")";
    }

    private static byte[] der(SubjectPublicKeyInfo info) {
        try {
            return info.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a SubjectPublicKeyInfo failed", e);
        }
    }
}
