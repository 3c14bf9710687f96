package dev.byokstudio.embedded;

import dev.byokstudio.embedded.KeyIdentifiers.Accepts;
import dev.byokstudio.kms.DeriveSharedSecretRequest;
import dev.byokstudio.kms.DeriveSharedSecretResponse;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.GenerateMacRequest;
import dev.byokstudio.kms.GenerateMacResponse;
import dev.byokstudio.kms.GetPublicKeyRequest;
import dev.byokstudio.kms.GetPublicKeyResponse;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsInvalidMacException;
import dev.byokstudio.kms.KmsInvalidSignatureException;
import dev.byokstudio.kms.KmsUnsupportedOperationException;
import dev.byokstudio.kms.MacAlgorithm;
import dev.byokstudio.kms.MessageType;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.SignRequest;
import dev.byokstudio.kms.SignResponse;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.kms.ValidationException;
import dev.byokstudio.kms.VerifyMacRequest;
import dev.byokstudio.kms.VerifyMacResponse;
import dev.byokstudio.kms.VerifyRequest;
import dev.byokstudio.kms.VerifyResponse;
import dev.byokstudio.material.Providers;
import dev.byokstudio.store.StoredKey;
import dev.byokstudio.store.StoredMaterial;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Sign, Verify, GetPublicKey, GenerateMac, VerifyMac and DeriveSharedSecret (reference §15): the same for
 * an EXTERNAL key as for an AWS_KMS key of the same spec. Each checks, in AWS's order, that the key exists,
 * has the usage the operation needs and is Enabled; then that the algorithm is one the key spec lists;
 * then the message rules of the algorithm.
 */
final class Signing {

    private final AccountContext account;
    private final KeyIdentifiers identifiers;
    private final KeyPairs keyPairs;
    private final SecureRandom random;

    Signing(AccountContext account, KeyIdentifiers identifiers, KeyPairs keyPairs, SecureRandom random) {
        this.account = account;
        this.identifiers = identifiers;
        this.keyPairs = keyPairs;
        this.random = random;
    }

    SignResponse sign(SignRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS);
        String arn = account.keyArn(key.keyId());
        KeyLifecycle.requireUsable(key, arn, KeyUsage.SIGN_VERIFY, "Sign");
        MessageType type = checkSigning(key, request.signingAlgorithm(), request.messageType(), request.message());
        byte[] message = request.message().revealCopy();
        try {
            return new SignResponse(arn, Signatures.sign(keyPairs.of(key), request.signingAlgorithm(), type, message, random),
                    request.signingAlgorithm());
        } finally {
            Arrays.fill(message, (byte) 0);
        }
    }

    VerifyResponse verify(VerifyRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS);
        String arn = account.keyArn(key.keyId());
        KeyLifecycle.requireUsable(key, arn, KeyUsage.SIGN_VERIFY, "Verify");
        MessageType type = checkSigning(key, request.signingAlgorithm(), request.messageType(), request.message());
        byte[] message = request.message().revealCopy();
        try {
            if (!Signatures.verify(keyPairs.of(key), request.signingAlgorithm(), type, message, request.signature())) {
                throw new KmsInvalidSignatureException();
            }
            return new VerifyResponse(arn, true, request.signingAlgorithm());
        } finally {
            Arrays.fill(message, (byte) 0);
        }
    }

    GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS);
        String arn = account.keyArn(key.keyId());
        KeySpec spec = key.keySpec();
        if (!spec.isAsymmetric()) {
            throw new KmsUnsupportedOperationException(arn + " key spec " + spec + " is not valid for GetPublicKey.",
                    Explanation.of("Only asymmetric keys have a public key; this key is " + spec + ".",
                            "Use an RSA, ECC, Ed25519, SM2 or ML-DSA key.",
                            "A symmetric encryption or HMAC key was given."));
        }
        KeyLifecycle.requireEnabled(key, arn);
        KeyUsage usage = key.keyUsage();
        return new GetPublicKeyResponse(arn, keyPairs.of(key).spki(), spec, spec, usage, spec.encryptionAlgorithms(usage),
                spec.signingAlgorithms(usage), spec.keyAgreementAlgorithms(usage));
    }

    GenerateMacResponse generateMac(GenerateMacRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS);
        String arn = account.keyArn(key.keyId());
        KeyLifecycle.requireUsable(key, arn, KeyUsage.GENERATE_VERIFY_MAC, "GenerateMac");
        return new GenerateMacResponse(mac(key, request.macAlgorithm(), request.message()), request.macAlgorithm(), arn);
    }

    VerifyMacResponse verifyMac(VerifyMacRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS);
        String arn = account.keyArn(key.keyId());
        KeyLifecycle.requireUsable(key, arn, KeyUsage.GENERATE_VERIFY_MAC, "VerifyMac");
        byte[] expected = mac(key, request.macAlgorithm(), request.message());
        if (!MessageDigest.isEqual(expected, request.mac())) {
            throw new KmsInvalidMacException();
        }
        return new VerifyMacResponse(arn, true, request.macAlgorithm());
    }

    DeriveSharedSecretResponse deriveSharedSecret(DeriveSharedSecretRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS);
        String arn = account.keyArn(key.keyId());
        KeyLifecycle.requireUsable(key, arn, KeyUsage.KEY_AGREEMENT, "DeriveSharedSecret");
        KeyPairs.Pair ours = keyPairs.of(key);
        PublicKey peer = peerPublicKey(key.keySpec(), ours, request.publicKey());
        try {
            boolean bc = ours.privateKey().getClass().getName().startsWith("org.bouncycastle");
            KeyAgreement ecdh = bc ? KeyAgreement.getInstance("ECDH", Providers.bouncyCastle()) : KeyAgreement.getInstance("ECDH");
            ecdh.init(ours.privateKey());
            ecdh.doPhase(peer, true);
            return new DeriveSharedSecretResponse(arn, SecretBytes.wrap(ecdh.generateSecret()), request.keyAgreementAlgorithm(),
                    key.origin());
        } catch (java.security.InvalidKeyException e) {
            throw invalidPeerKey(key.keySpec(), "a point on the curve");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDH is missing or broken", e);
        }
    }

    // ---------------------------------------------------------------- rules

    /** The signing algorithm must be the key spec's, and the message must fit the algorithm and message type. */
    private static MessageType checkSigning(StoredKey key, SigningAlgorithm algorithm, MessageType requested, SecretBytes message) {
        java.util.List<SigningAlgorithm> allowed = key.keySpec().signingAlgorithms(key.keyUsage());
        if (!allowed.contains(algorithm)) {
            throw Errors.incompatibleAlgorithm(algorithm, key.keySpec(), allowed);
        }
        MessageType type = requested == null ? MessageType.RAW : requested;
        boolean fits;
        switch (algorithm) {
            case ED25519_SHA_512:
                fits = type == MessageType.RAW;
                break;
            case ED25519_PH_SHA_512:
                fits = type == MessageType.DIGEST;
                break;
            case ML_DSA_SHAKE_256:
                fits = type != MessageType.DIGEST;
                break;
            default:
                fits = type != MessageType.EXTERNAL_MU;
        }
        if (!fits) {
            throw new ValidationException("Message type " + type + " is incompatible with algorithm " + algorithm + ".",
                    Explanation.of(messageTypeRule(algorithm),
                            "Send the message type the algorithm takes.",
                            "A digest was sent to an algorithm that hashes the message itself, or the other way round."));
        }
        int length = Signatures.digestLength(algorithm);
        if (type != MessageType.RAW && message.length() != length) {
            throw new ValidationException("Digest is invalid length for algorithm " + algorithm + ".", Explanation.of(
                    "With MessageType " + type + ", " + algorithm + " signs a " + length + "-byte digest; the message has "
                            + message.length() + " bytes.",
                    "Send the " + length + "-byte digest of the message, or send the message itself with MessageType RAW.",
                    "The digest was made with another hash function than the algorithm's.",
                    "The message itself was sent with MessageType DIGEST.",
                    "The digest was sent as hex or Base64 text instead of its bytes."));
        }
        return type;
    }

    private static String messageTypeRule(SigningAlgorithm algorithm) {
        switch (algorithm) {
            case ED25519_SHA_512:
                return "ED25519_SHA_512 is pure Ed25519: it signs the message itself, so MessageType must be RAW.";
            case ED25519_PH_SHA_512:
                return "ED25519_PH_SHA_512 is Ed25519ph: it signs the SHA-512 digest of the message, so MessageType must be DIGEST.";
            case ML_DSA_SHAKE_256:
                return "ML_DSA_SHAKE_256 takes the message (RAW) or its 64-byte representative μ (EXTERNAL_MU), not a DIGEST.";
            default:
                return "EXTERNAL_MU is for ML-DSA keys only; " + algorithm + " takes RAW or DIGEST.";
        }
    }

    private byte[] mac(StoredKey key, MacAlgorithm algorithm, SecretBytes message) {
        if (!key.keySpec().macAlgorithms().contains(algorithm)) {
            throw Errors.incompatibleAlgorithm(algorithm, key.keySpec(), key.keySpec().macAlgorithms());
        }
        StoredMaterial current = key.currentMaterial().filter(StoredMaterial::isPresent)
                .orElseThrow(() -> Errors.pendingImport(account.keyArn(key.keyId())));
        byte[] k = current.material().revealCopy();
        byte[] m = message.revealCopy();
        try {
            Mac mac = Mac.getInstance("Hmac" + algorithm.name().substring("HMAC_".length()).replace("_", ""));
            mac.init(new SecretKeySpec(k, mac.getAlgorithm()));
            return mac.doFinal(m);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing or broken", e);
        } finally {
            Arrays.fill(k, (byte) 0);
            Arrays.fill(m, (byte) 0);
        }
    }

    /** The peer's public key: a DER SubjectPublicKeyInfo of an EC key on our key's curve. */
    private static PublicKey peerPublicKey(KeySpec spec, KeyPairs.Pair ours, byte[] der) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(der);
            if (!Arrays.equals(info.getEncoded("DER"), der)) {
                throw new IllegalArgumentException("trailing or non-DER bytes");
            }
        } catch (RuntimeException | java.io.IOException e) {
            throw invalidPeerKey(spec, "a DER-encoded SubjectPublicKeyInfo (X.509 public key)");
        }
        AlgorithmIdentifier ourAlgorithm = SubjectPublicKeyInfo.getInstance(ours.spki()).getAlgorithm();
        if (!ourAlgorithm.equals(info.getAlgorithm())) {
            throw invalidPeerKey(spec, "an EC public key on the curve of " + spec);
        }
        try {
            // RFC 5480 allows compressed points; the JDK reads only uncompressed ones, so decompress first
            // (decoding also checks that the point is on the curve).
            byte[] point = info.getPublicKeyData().getBytes();
            byte[] spki = der;
            if (point.length > 0 && (point[0] == 2 || point[0] == 3)) {
                org.bouncycastle.asn1.x9.X9ECParameters curve = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(
                        org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(ourAlgorithm.getParameters()));
                spki = new SubjectPublicKeyInfo(info.getAlgorithm(), curve.getCurve().decodePoint(point).getEncoded(false))
                        .getEncoded("DER");
            }
            KeyFactory factory = KeyPairs.factory(spec);
            return factory.generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException | java.io.IOException e) {
            throw invalidPeerKey(spec, "a point on the curve of " + spec);
        }
    }

    private static ValidationException invalidPeerKey(KeySpec spec, String expected) {
        return new ValidationException("KMS cannot use the public key in the request: it must be " + expected + ".",
                Explanation.of("DeriveSharedSecret needs the other party's public key as a DER SubjectPublicKeyInfo on the "
                                + "same curve as this " + spec + " key.",
                        "Export it with `openssl pkey -pubin -in peer_public.pem -outform DER` (or `openssl ec -pubout "
                                + "-outform DER`) and send those bytes.",
                        "The key is PEM text rather than DER bytes, or Base64-encoded twice.",
                        "The key is on another curve than " + spec + ".",
                        "The key is a private key, or a raw point without the SubjectPublicKeyInfo around it."));
    }
}
