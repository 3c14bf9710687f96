package dev.byokstudio.embedded;

import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.GetPublicKeyRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519phSigner;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * Asymmetric keys for the Sign, Verify, GetPublicKey, DeriveSharedSecret and data key pair tests: the
 * committed fixture material, imports of it, and everything the tests compute on their own side with the
 * JDK and Bouncy Castle (digests, SM2's e = SM3(Z ‖ M), ML-DSA's μ, public keys derived from private keys,
 * signature checks) so that nothing is checked with the code under test.
 */
final class AsymmetricFixture {

    /** The test's own Bouncy Castle, not the one the model uses. */
    static final Provider BC = new BouncyCastleProvider();

    static final Path MATERIAL = Path.of("src", "test", "fixtures", "material");

    /** SM2's default distinguishing ID, which AWS uses. */
    static final byte[] SM2_DEFAULT_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private AsymmetricFixture() {
    }

    static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(MATERIAL.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed PKCS#8 DER private key of an asymmetric spec that supports import. */
    static byte[] fixtureMaterial(KeySpec spec) {
        return fixture(fixtureName(spec));
    }

    static String fixtureName(KeySpec spec) {
        switch (spec) {
            case RSA_2048:
                return "rsa2048.pkcs8.der";
            case RSA_3072:
                return "rsa3072.pkcs8.der";
            case RSA_4096:
                return "rsa4096.pkcs8.der";
            case ECC_NIST_P256:
                return "p256.pkcs8.der";
            case ECC_NIST_P384:
                return "p384.pkcs8.der";
            case ECC_NIST_P521:
                return "p521.pkcs8.der";
            case ECC_SECG_P256K1:
                return "secp256k1.pkcs8.der";
            case SM2:
                return "sm2.pkcs8.der";
            case ECC_NIST_EDWARDS25519:
                return "ed25519.pkcs8.der";
            default:
                throw new IllegalArgumentException("no fixture for " + spec);
        }
    }

    /** An asymmetric key whose material KMS generates. */
    static KeyMetadata createAwsKms(EmbeddedKms kms, KeySpec spec, KeyUsage usage) {
        return kms.createKey(CreateKeyRequest.builder().keySpec(spec).keyUsage(usage).build()).keyMetadata();
    }

    /** An EXTERNAL asymmetric key with {@code material} imported: Enabled. */
    static KeyMetadata createImported(EmbeddedKms kms, KeySpec spec, KeyUsage usage, byte[] material) {
        KeyMetadata key = EmbeddedKmsFixture.createExternal(kms, spec, usage);
        importAsymmetric(kms, key.keyId(), material);
        return key;
    }

    /** A key of either origin; EXTERNAL keys get the committed fixture material. */
    static KeyMetadata create(EmbeddedKms kms, KeySpec spec, KeyUsage usage, Origin origin) {
        return origin == Origin.EXTERNAL ? createImported(kms, spec, usage, fixtureMaterial(spec))
                : createAwsKms(kms, spec, usage);
    }

    /**
     * Imports a private key as a person would: RSA-AES key wrap under an RSA_2048 wrapping key, or, in the
     * China Regions (which have no RSA-AES key wrap), RSAES_OAEP_SHA_256, which carries SM2 and P-256 keys.
     */
    static void importAsymmetric(EmbeddedKms kms, String keyId, byte[] material) {
        WrappingAlgorithm algorithm = kms.account().isChinaRegion() ? WrappingAlgorithm.RSAES_OAEP_SHA_256
                : WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256;
        GetParametersForImportResponse p = ImportFixture.parameters(kms, keyId, algorithm, WrappingKeySpec.RSA_2048);
        kms.importKeyMaterial(ImportFixture.request(keyId, p, ImportFixture.wrap(p, material, algorithm)));
    }

    static byte[] publicKeyBytes(EmbeddedKms kms, String keyId) {
        return kms.getPublicKey(new GetPublicKeyRequest(keyId, null)).publicKey();
    }

    /** A DER SubjectPublicKeyInfo as a JCA key: the JDK's where it has the algorithm, Bouncy Castle's otherwise. */
    static PublicKey jcaPublicKey(KeySpec spec, byte[] spki) {
        try {
            return keyFactory(spec).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("KMS returned a public key that JCA cannot read", e);
        }
    }

    static KeyFactory keyFactory(KeySpec spec) throws GeneralSecurityException {
        switch (spec.family()) {
            case RSA:
                return KeyFactory.getInstance("RSA");
            case ECC_NIST:
                return KeyFactory.getInstance("EC");
            case ECC_SECG:
            case SM2:
                return KeyFactory.getInstance("EC", BC); // the JDK no longer has secp256k1, and never had SM2
            case EDWARDS:
                return KeyFactory.getInstance("Ed25519");
            case ML_DSA:
                return KeyFactory.getInstance("ML-DSA", BC);
            case ML_KEM:
                return KeyFactory.getInstance("ML-KEM", BC);
            default:
                throw new IllegalArgumentException(spec + " has no public key");
        }
    }

    /** The DER SubjectPublicKeyInfo derived here, with Bouncy Castle, from a PKCS#8 private key. */
    static byte[] derivedPublicKey(byte[] pkcs8) {
        try {
            AsymmetricKeyParameter privateKey = PrivateKeyFactory.createKey(pkcs8);
            AsymmetricKeyParameter publicKey;
            if (privateKey instanceof RSAPrivateCrtKeyParameters) {
                RSAPrivateCrtKeyParameters rsa = (RSAPrivateCrtKeyParameters) privateKey;
                publicKey = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
            } else if (privateKey instanceof ECPrivateKeyParameters) {
                ECPrivateKeyParameters ec = (ECPrivateKeyParameters) privateKey;
                publicKey = new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(),
                        ec.getParameters());
            } else if (privateKey instanceof Ed25519PrivateKeyParameters) {
                publicKey = ((Ed25519PrivateKeyParameters) privateKey).generatePublicKey();
            } else if (privateKey instanceof org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters) {
                publicKey = ((org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters) privateKey).getPublicKeyParameters();
            } else {
                throw new IllegalArgumentException("unexpected private key " + privateKey.getClass());
            }
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- digests the test computes itself

    /** SHA-256, SHA-384 or SHA-512, the hash of an RSA or ECDSA signing algorithm (or SHA-512 for Ed25519ph). */
    static byte[] sha(SigningAlgorithm algorithm, byte[] message) {
        String name = algorithm.name();
        String bits = name.startsWith("ED25519") ? "512" : name.substring(name.length() - 3);
        try {
            return MessageDigest.getInstance("SHA-" + bits).digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SM2's e = SM3(Z ‖ M), Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) with the default ID (GB/T 32918.2). */
    static byte[] sm2Digest(byte[] spki, byte[] message) {
        X9ECParameters sm2 = GMNamedCurves.getByName("sm2p256v1");
        ECPoint q = sm2.getCurve().decodePoint(SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getOctets())
                .normalize();
        ECPoint g = sm2.getG().normalize();
        SM3Digest sm3 = new SM3Digest();
        int entl = SM2_DEFAULT_ID.length * 8;
        sm3.update((byte) (entl >> 8));
        sm3.update((byte) entl);
        sm3.update(SM2_DEFAULT_ID, 0, SM2_DEFAULT_ID.length);
        for (BigInteger v : new BigInteger[] {sm2.getCurve().getA().toBigInteger(), sm2.getCurve().getB().toBigInteger(),
            g.getAffineXCoord().toBigInteger(), g.getAffineYCoord().toBigInteger(), q.getAffineXCoord().toBigInteger(),
            q.getAffineYCoord().toBigInteger()}) {
            byte[] b = BigIntegers.asUnsignedByteArray(32, v);
            sm3.update(b, 0, b.length);
        }
        byte[] z = new byte[32];
        sm3.doFinal(z, 0);
        sm3.update(z, 0, z.length);
        sm3.update(message, 0, message.length);
        byte[] e = new byte[32];
        sm3.doFinal(e, 0);
        return e;
    }

    /**
     * ML-DSA's message representative μ = SHAKE256(tr ‖ 0x00 ‖ 0x00 ‖ M, 64) for the empty context, with
     * tr = SHAKE256(pk, 64) (FIPS 204, algorithms 2 and 7).
     */
    static byte[] mlDsaMu(byte[] spki, byte[] message) {
        byte[] pk = SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getOctets();
        SHAKEDigest shake = new SHAKEDigest(256);
        shake.update(pk, 0, pk.length);
        byte[] tr = new byte[64];
        shake.doFinal(tr, 0, tr.length);
        shake.update(tr, 0, tr.length);
        shake.update((byte) 0); // pure ML-DSA, not HashML-DSA
        shake.update((byte) 0); // context length: empty context
        shake.update(message, 0, message.length);
        byte[] mu = new byte[64];
        shake.doFinal(mu, 0, mu.length);
        return mu;
    }

    // ---------------------------------------------------------------- verification outside KMS

    /**
     * Whether {@code signature} is a valid signature of {@code message} (the message itself, never a
     * digest) under the public key {@code spki}, checked with the JDK or Bouncy Castle with AWS's parameters.
     */
    static boolean verifiesOutsideKms(KeySpec spec, SigningAlgorithm algorithm, byte[] spki, byte[] message,
            byte[] signature) {
        try {
            PublicKey key = jcaPublicKey(spec, spki);
            switch (algorithm) {
                case RSASSA_PKCS1_V1_5_SHA_256:
                case RSASSA_PKCS1_V1_5_SHA_384:
                case RSASSA_PKCS1_V1_5_SHA_512:
                    return jca(Signature.getInstance("SHA" + bits(algorithm) + "withRSA"), key, message, signature);
                case RSASSA_PSS_SHA_256:
                case RSASSA_PSS_SHA_384:
                case RSASSA_PSS_SHA_512: {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    String hash = "SHA-" + bits(algorithm);
                    pss.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                            Integer.parseInt(bits(algorithm)) / 8, PSSParameterSpec.TRAILER_FIELD_BC));
                    return jca(pss, key, message, signature);
                }
                case ECDSA_SHA_256:
                case ECDSA_SHA_384:
                case ECDSA_SHA_512: {
                    String name = "SHA" + bits(algorithm) + "withECDSA";
                    return jca(spec == KeySpec.ECC_SECG_P256K1 ? Signature.getInstance(name, BC) : Signature.getInstance(name),
                            key, message, signature);
                }
                case SM2DSA: {
                    SM2Signer sm2 = new SM2Signer(); // default ID 1234567812345678, SM3, DER signatures
                    sm2.init(false, PublicKeyFactory.createKey(spki));
                    sm2.update(message, 0, message.length);
                    return sm2.verifySignature(signature);
                }
                case ED25519_SHA_512:
                    return jca(Signature.getInstance("Ed25519"), key, message, signature);
                case ED25519_PH_SHA_512: {
                    Ed25519phSigner ph = new Ed25519phSigner(new byte[0]);
                    ph.init(false, (Ed25519PublicKeyParameters) PublicKeyFactory.createKey(spki));
                    ph.update(message, 0, message.length);
                    return ph.verifySignature(signature);
                }
                case ML_DSA_SHAKE_256:
                    return jca(Signature.getInstance("ML-DSA", BC), key, message, signature);
                default:
                    throw new IllegalArgumentException("unhandled " + algorithm);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new AssertionError("verifying outside KMS failed to run", e);
        }
    }

    private static boolean jca(Signature signature, PublicKey key, byte[] message, byte[] bytes)
            throws GeneralSecurityException {
        signature.initVerify(key);
        signature.update(message);
        return signature.verify(bytes);
    }

    private static String bits(SigningAlgorithm algorithm) {
        return algorithm.name().substring(algorithm.name().length() - 3);
    }
}
