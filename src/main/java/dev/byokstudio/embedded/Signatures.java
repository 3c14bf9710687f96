package dev.byokstudio.embedded;

import dev.byokstudio.kms.MessageType;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.material.Providers;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The signature schemes behind KMS's signing algorithms, with the message either hashed here (RAW) or
 * given as the digest the scheme would have made (DIGEST, EXTERNAL_MU). Every scheme is a library's: the
 * JDK's where it has one (RSA, ECDSA on the NIST curves), Bouncy Castle's otherwise. The parameters are
 * AWS's: PSS uses MGF1 with the same hash and a salt as long as the hash; ECDSA and SM2DSA signatures are
 * DER; SM2DSA uses the default distinguishing ID 1234567812345678; Ed25519ph and ML-DSA use an empty
 * context.
 */
final class Signatures {

    private static final byte[] NO_CONTEXT = new byte[0];

    private Signatures() {
    }

    /** The length of the digest the algorithm signs: what a DIGEST (or EXTERNAL_MU) message must have. */
    static int digestLength(SigningAlgorithm algorithm) {
        switch (algorithm) {
            case RSASSA_PSS_SHA_256:
            case RSASSA_PKCS1_V1_5_SHA_256:
            case ECDSA_SHA_256:
            case SM2DSA:
                return 32;
            case RSASSA_PSS_SHA_384:
            case RSASSA_PKCS1_V1_5_SHA_384:
            case ECDSA_SHA_384:
                return 48;
            case RSASSA_PSS_SHA_512:
            case RSASSA_PKCS1_V1_5_SHA_512:
            case ECDSA_SHA_512:
            case ED25519_SHA_512:
            case ED25519_PH_SHA_512:
            case ML_DSA_SHAKE_256:
                return 64;
            default:
                throw new IllegalArgumentException("unhandled " + algorithm);
        }
    }

    static byte[] sign(KeyPairs.Pair keys, SigningAlgorithm algorithm, MessageType type, byte[] message, SecureRandom random) {
        boolean raw = type == MessageType.RAW;
        try {
            switch (algorithm) {
                case RSASSA_PKCS1_V1_5_SHA_256:
                case RSASSA_PKCS1_V1_5_SHA_384:
                case RSASSA_PKCS1_V1_5_SHA_512:
                    return raw ? jca(jcaName(algorithm), null, keys.privateKey(), message, random)
                            : jca("NONEwithRSA", null, keys.privateKey(), digestInfo(algorithm, message), random);
                case RSASSA_PSS_SHA_256:
                case RSASSA_PSS_SHA_384:
                case RSASSA_PSS_SHA_512:
                    if (raw) {
                        return jca("RSASSA-PSS", pss(algorithm), keys.privateKey(), message, random);
                    }
                    PSSSigner pss = rawPss(algorithm);
                    pss.init(true, new ParametersWithRandom(PrivateKeyFactory.createKey(keys.privateKey().getEncoded()), random));
                    pss.update(message, 0, message.length);
                    return pss.generateSignature();
                case ECDSA_SHA_256:
                case ECDSA_SHA_384:
                case ECDSA_SHA_512:
                    return jca(raw ? jcaName(algorithm) : "NONEwithECDSA", null, keys.privateKey(), message, random);
                case SM2DSA: {
                    SM2Signer sm2 = raw ? new SM2Signer() : new SM2Signer(new GivenDigest());
                    sm2.init(true, new ParametersWithRandom(PrivateKeyFactory.createKey(keys.privateKey().getEncoded()), random));
                    sm2.update(message, 0, message.length);
                    return sm2.generateSignature();
                }
                case ED25519_SHA_512:
                case ED25519_PH_SHA_512: {
                    Ed25519PrivateKeyParameters ed = (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(
                            keys.privateKey().getEncoded());
                    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
                    if (algorithm == SigningAlgorithm.ED25519_SHA_512) {
                        ed.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
                    } else {
                        ed.sign(Ed25519.Algorithm.Ed25519ph, NO_CONTEXT, message, 0, message.length, signature, 0);
                    }
                    return signature;
                }
                case ML_DSA_SHAKE_256:
                    return jca(raw ? "ML-DSA" : "ML-DSA-EXTERNAL-MU", null, keys.privateKey(), message, random);
                default:
                    throw new IllegalArgumentException("unhandled " + algorithm);
            }
        } catch (GeneralSecurityException | CryptoException | IOException e) {
            throw new IllegalStateException(algorithm + " signing failed", e);
        }
    }

    /** Whether the signature verifies; a malformed signature does not verify. */
    static boolean verify(KeyPairs.Pair keys, SigningAlgorithm algorithm, MessageType type, byte[] message, byte[] signature) {
        boolean raw = type == MessageType.RAW;
        try {
            switch (algorithm) {
                case RSASSA_PKCS1_V1_5_SHA_256:
                case RSASSA_PKCS1_V1_5_SHA_384:
                case RSASSA_PKCS1_V1_5_SHA_512:
                    return raw ? jcaVerify(jcaName(algorithm), null, keys.publicKey(), message, signature)
                            : jcaVerify("NONEwithRSA", null, keys.publicKey(), digestInfo(algorithm, message), signature);
                case RSASSA_PSS_SHA_256:
                case RSASSA_PSS_SHA_384:
                case RSASSA_PSS_SHA_512:
                    if (raw) {
                        return jcaVerify("RSASSA-PSS", pss(algorithm), keys.publicKey(), message, signature);
                    }
                    PSSSigner pss = rawPss(algorithm);
                    pss.init(false, publicParameters(keys));
                    pss.update(message, 0, message.length);
                    return pss.verifySignature(signature);
                case ECDSA_SHA_256:
                case ECDSA_SHA_384:
                case ECDSA_SHA_512:
                    return jcaVerify(raw ? jcaName(algorithm) : "NONEwithECDSA", null, keys.publicKey(), message, signature);
                case SM2DSA: {
                    SM2Signer sm2 = raw ? new SM2Signer() : new SM2Signer(new GivenDigest());
                    sm2.init(false, publicParameters(keys));
                    sm2.update(message, 0, message.length);
                    return sm2.verifySignature(signature);
                }
                case ED25519_SHA_512:
                case ED25519_PH_SHA_512: {
                    if (signature.length != Ed25519.SIGNATURE_SIZE) {
                        return false;
                    }
                    Ed25519PublicKeyParameters ed = (Ed25519PublicKeyParameters) publicParameters(keys);
                    return algorithm == SigningAlgorithm.ED25519_SHA_512
                            ? ed.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0)
                            : ed.verify(Ed25519.Algorithm.Ed25519ph, NO_CONTEXT, message, 0, message.length, signature, 0);
                }
                case ML_DSA_SHAKE_256:
                    return jcaVerify(raw ? "ML-DSA" : "ML-DSA-EXTERNAL-MU", null, keys.publicKey(), message, signature);
                default:
                    throw new IllegalArgumentException("unhandled " + algorithm);
            }
        } catch (SignatureException | IllegalArgumentException | IllegalStateException e) {
            return false; // a signature that cannot be parsed is a signature that does not verify
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(algorithm + " verification failed to run", e);
        }
    }

    private static CipherParameters publicParameters(KeyPairs.Pair keys) throws IOException {
        return PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(keys.spki()));
    }

    private static byte[] jca(String name, PSSParameterSpec parameters, PrivateKey key, byte[] message, SecureRandom random)
            throws GeneralSecurityException {
        Signature signature = signature(name, key);
        if (parameters != null) {
            signature.setParameter(parameters);
        }
        signature.initSign(key, random);
        signature.update(message);
        return signature.sign();
    }

    private static boolean jcaVerify(String name, PSSParameterSpec parameters, PublicKey key, byte[] message, byte[] sig)
            throws GeneralSecurityException {
        Signature signature = signature(name, key);
        if (parameters != null) {
            signature.setParameter(parameters);
        }
        signature.initVerify(key);
        signature.update(message);
        return signature.verify(sig);
    }

    /**
     * The scheme from the provider that read the key: the JDK for RSA and the NIST curves (its code is the
     * fastest there), Bouncy Castle for secp256k1 (which the JDK dropped) and ML-DSA.
     */
    private static Signature signature(String name, java.security.Key key) throws GeneralSecurityException {
        return key.getClass().getName().startsWith("org.bouncycastle")
                ? Signature.getInstance(name, Providers.bouncyCastle()) : Signature.getInstance(name);
    }

    private static String jcaName(SigningAlgorithm algorithm) {
        String hash = algorithm.name().substring(algorithm.name().length() - 3);
        return "SHA" + hash + (algorithm.name().startsWith("ECDSA") ? "withECDSA" : "withRSA");
    }

    private static PSSParameterSpec pss(SigningAlgorithm algorithm) {
        int bytes = digestLength(algorithm);
        String hash = "SHA-" + (bytes * 8);
        MGF1ParameterSpec mgf = bytes == 32 ? MGF1ParameterSpec.SHA256 : bytes == 48 ? MGF1ParameterSpec.SHA384
                : MGF1ParameterSpec.SHA512;
        return new PSSParameterSpec(hash, "MGF1", mgf, bytes, PSSParameterSpec.TRAILER_FIELD_BC);
    }

    private static PSSSigner rawPss(SigningAlgorithm algorithm) {
        int bytes = digestLength(algorithm);
        Digest digest = bytes == 32 ? new SHA256Digest() : bytes == 48 ? new SHA384Digest() : new SHA512Digest();
        Digest mgf = bytes == 32 ? new SHA256Digest() : bytes == 48 ? new SHA384Digest() : new SHA512Digest();
        return PSSSigner.createRawSigner(new RSABlindedEngine(), digest, mgf, bytes, PSSSigner.TRAILER_IMPLICIT);
    }

    /** PKCS #1 v1.5 signs the DER DigestInfo of the hash; for a DIGEST message it is built here. */
    private static byte[] digestInfo(SigningAlgorithm algorithm, byte[] digest) throws IOException {
        int bytes = digestLength(algorithm);
        ASN1ObjectIdentifier oid = bytes == 32 ? NISTObjectIdentifiers.id_sha256
                : bytes == 48 ? NISTObjectIdentifiers.id_sha384 : NISTObjectIdentifiers.id_sha512;
        return new DigestInfo(new AlgorithmIdentifier(oid, DERNull.INSTANCE), digest).getEncoded(ASN1Encoding.DER);
    }

    /**
     * A "digest" that returns the last 32 bytes it was given: with it, Bouncy Castle's SM2 signer signs a
     * digest e = SM3(Z ‖ M) computed elsewhere (MessageType DIGEST) instead of computing Z ‖ M and
     * hashing it. The signer feeds it Z, then the message; what it returns is the message.
     */
    private static final class GivenDigest implements Digest {

        private static final int SIZE = 32;
        private final byte[] last = new byte[SIZE];

        @Override
        public String getAlgorithmName() {
            return "given-SM3";
        }

        @Override
        public int getDigestSize() {
            return SIZE;
        }

        @Override
        public void update(byte in) {
            System.arraycopy(last, 1, last, 0, SIZE - 1);
            last[SIZE - 1] = in;
        }

        @Override
        public void update(byte[] in, int offset, int length) {
            for (int i = 0; i < length; i++) {
                update(in[offset + i]);
            }
        }

        @Override
        public int doFinal(byte[] out, int offset) {
            System.arraycopy(last, 0, out, offset, SIZE);
            reset();
            return SIZE;
        }

        @Override
        public void reset() {
            java.util.Arrays.fill(last, (byte) 0);
        }
    }
}
