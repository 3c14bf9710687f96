package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.assertAwsError;
import static dev.byokstudio.api.EndpointTestSupport.assertNoStackTrace;
import static dev.byokstudio.api.EndpointTestSupport.json;
import static dev.byokstudio.api.EndpointTestSupport.keyArn;
import static dev.byokstudio.api.EndpointTestSupport.post;
import static dev.byokstudio.api.EndpointTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.crypto.KeyAgreement;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.DeriveSharedSecretResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairWithoutPlaintextResponse;
import software.amazon.awssdk.services.kms.model.GenerateMacResponse;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyAgreementAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.SignResponse;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.VerifyMacResponse;
import software.amazon.awssdk.services.kms.model.VerifyResponse;

/**
 * Sign, Verify, GetPublicKey, GenerateMac, VerifyMac, DeriveSharedSecret and GenerateDataKeyPair (with
 * and without plaintext) through the AWS SDK for Java v2 against the endpoint, on keys KMS generated
 * (origin AWS_KMS): the answers the SDK parses, signatures and secrets checked with the JDK's own
 * cryptography, and AWS's errors as they cross the wire.
 */
class KmsClientSigningEndToEndTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    static EmbeddedKms kms;
    static KmsEndpoint endpoint;
    static KmsClient client;
    /** Keys by spec and usage, created once: RSA-4096 generation takes a while. */
    static final Map<String, String> KEYS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        kms = EndpointTestSupport.newImportKms(Clock.systemUTC(), AccountContext.defaults());
        endpoint = EndpointTestSupport.start(kms);
        client = EndpointTestSupport.sdkClient(endpoint);
    }

    @AfterAll
    static void stop() {
        client.close();
        endpoint.close();
    }

    /** An AWS_KMS key of the spec and usage, shared by the tests that only use it. */
    private static String key(KeySpec spec, KeyUsageType usage) {
        return KEYS.computeIfAbsent(spec + "/" + usage, k -> newKey(spec, usage));
    }

    private static String newKey(KeySpec spec, KeyUsageType usage) {
        return client.createKey(r -> r.keySpec(spec).keyUsage(usage)).keyMetadata().keyId();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static SdkBytes bytes(byte[] b) {
        return SdkBytes.fromByteArray(b);
    }

    // ---------------------------------------------------------------- GetPublicKey

    static Stream<Arguments> publicKeys() {
        List<SigningAlgorithmSpec> rsa = List.of(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
                SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512,
                SigningAlgorithmSpec.RSASSA_PSS_SHA_256, SigningAlgorithmSpec.RSASSA_PSS_SHA_384,
                SigningAlgorithmSpec.RSASSA_PSS_SHA_512);
        List<EncryptionAlgorithmSpec> oaep = List.of(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1,
                EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256);
        return Stream.of(
                Arguments.of(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY, rsa, List.of(), List.of(), "RSA"),
                Arguments.of(KeySpec.RSA_3072, KeyUsageType.ENCRYPT_DECRYPT, List.of(), oaep, List.of(), "RSA"),
                Arguments.of(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY,
                        List.of(SigningAlgorithmSpec.ECDSA_SHA_256), List.of(), List.of(), "EC"),
                Arguments.of(KeySpec.ECC_NIST_P384, KeyUsageType.KEY_AGREEMENT, List.of(), List.of(),
                        List.of(KeyAgreementAlgorithmSpec.ECDH), "EC"),
                Arguments.of(KeySpec.ECC_NIST_P521, KeyUsageType.SIGN_VERIFY,
                        List.of(SigningAlgorithmSpec.ECDSA_SHA_512), List.of(), List.of(), "EC"),
                Arguments.of(KeySpec.ECC_SECG_P256_K1, KeyUsageType.SIGN_VERIFY,
                        List.of(SigningAlgorithmSpec.ECDSA_SHA_256), List.of(), List.of(), "EC"),
                Arguments.of(KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY,
                        List.of(SigningAlgorithmSpec.ED25519_SHA_512, SigningAlgorithmSpec.ED25519_PH_SHA_512), List.of(),
                        List.of(), "Ed25519"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("publicKeys")
    void getPublicKey_reportsTheKeysSpecUsageAndAlgorithms_andAnX509PublicKey(KeySpec spec, KeyUsageType usage,
            List<SigningAlgorithmSpec> signing, List<EncryptionAlgorithmSpec> encryption,
            List<KeyAgreementAlgorithmSpec> agreement, String jcaAlgorithm) throws GeneralSecurityException {
        String keyId = key(spec, usage);

        GetPublicKeyResponse response = client.getPublicKey(r -> r.keyId(keyId));

        assertThat(response.keyId()).isEqualTo(keyArn(keyId));
        assertThat(response.keySpec()).isEqualTo(spec);
        assertThat(response.keyUsage()).isEqualTo(usage);
        assertThat(response.signingAlgorithms()).containsExactlyInAnyOrderElementsOf(signing);
        assertThat(response.encryptionAlgorithms()).containsExactlyInAnyOrderElementsOf(encryption);
        assertThat(response.keyAgreementAlgorithms()).containsExactlyInAnyOrderElementsOf(agreement);
        if (spec != KeySpec.ECC_NIST_EDWARDS25519) {
            assertThat(response.customerMasterKeySpecAsString()).isEqualTo(spec.toString());
        }
        PublicKey publicKey = KeyFactory.getInstance(jcaAlgorithm, BC)
                .generatePublic(new X509EncodedKeySpec(response.publicKey().asByteArray()));
        assertThat(publicKey.getEncoded()).as("the DER SubjectPublicKeyInfo, re-encoded")
                .isEqualTo(response.publicKey().asByteArray());
        if (publicKey instanceof RSAPublicKey) {
            assertThat(((RSAPublicKey) publicKey).getModulus().bitLength())
                    .isEqualTo(Integer.parseInt(spec.toString().substring(4)));
        }
        assertThat(client.describeKey(r -> r.keyId(keyId)).keyMetadata().signingAlgorithms())
                .as("DescribeKey lists the same signing algorithms").containsExactlyInAnyOrderElementsOf(signing);
    }

    @Test
    void getPublicKey_ofASymmetricKey_isUnsupportedOperation() {
        String keyId = key(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);

        KmsException e = thrown(KmsException.class, () -> client.getPublicKey(r -> r.keyId(keyId)));

        assertThat(e).isInstanceOf(software.amazon.awssdk.services.kms.model.UnsupportedOperationException.class);
        assertAwsError(e, "UnsupportedOperationException",
                keyArn(keyId) + " key spec SYMMETRIC_DEFAULT is not valid for GetPublicKey.");
    }

    // ---------------------------------------------------------------- Sign and Verify

    static Stream<Arguments> signingAlgorithms() {
        return Stream.of(
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256),
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384),
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512),
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PSS_SHA_256),
                Arguments.of(KeySpec.RSA_3072, SigningAlgorithmSpec.RSASSA_PSS_SHA_384),
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PSS_SHA_512),
                Arguments.of(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256),
                Arguments.of(KeySpec.ECC_NIST_P384, SigningAlgorithmSpec.ECDSA_SHA_384),
                Arguments.of(KeySpec.ECC_NIST_P521, SigningAlgorithmSpec.ECDSA_SHA_512),
                Arguments.of(KeySpec.ECC_SECG_P256_K1, SigningAlgorithmSpec.ECDSA_SHA_256));
    }

    /**
     * A RAW signature verifies as RAW and, being over the same hash, as DIGEST; a DIGEST signature verifies
     * as RAW. Each verifies with the JDK's (or, for secp256k1, Bouncy Castle's) scheme of the same name over
     * GetPublicKey's key: PSS with MGF1 of the same hash and a salt as long as the hash.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("signingAlgorithms")
    void sign_rawAndDigest_verifyThroughTheSdk_andWithTheJdk(KeySpec spec, SigningAlgorithmSpec algorithm)
            throws GeneralSecurityException {
        String keyId = key(spec, KeyUsageType.SIGN_VERIFY);
        byte[] message = random(1 + RANDOM.nextInt(4096));
        byte[] digest = MessageDigest.getInstance(hash(algorithm)).digest(message);

        SignResponse raw = client.sign(r -> r.keyId(keyId).message(bytes(message)).signingAlgorithm(algorithm));
        SignResponse ofDigest = client.sign(r -> r.keyId(keyId).message(bytes(digest)).messageType(MessageType.DIGEST)
                .signingAlgorithm(algorithm));

        assertThat(raw.keyId()).isEqualTo(keyArn(keyId));
        assertThat(raw.signingAlgorithm()).isEqualTo(algorithm);
        for (SdkBytes signature : List.of(raw.signature(), ofDigest.signature())) {
            VerifyResponse asRaw = client.verify(r -> r.keyId(keyId).message(bytes(message)).messageType(MessageType.RAW)
                    .signature(signature).signingAlgorithm(algorithm));
            VerifyResponse asDigest = client.verify(r -> r.keyId(keyId).message(bytes(digest))
                    .messageType(MessageType.DIGEST).signature(signature).signingAlgorithm(algorithm));
            assertThat(asRaw.signatureValid()).isTrue();
            assertThat(asRaw.keyId()).isEqualTo(keyArn(keyId));
            assertThat(asRaw.signingAlgorithm()).isEqualTo(algorithm);
            assertThat(asDigest.signatureValid()).isTrue();
            assertThat(jdkVerifies(spec, algorithm, publicKey(keyId, spec), message, signature.asByteArray()))
                    .as("the JDK verifies KMS's signature").isTrue();
        }
    }

    @Test
    void sign_ed25519_rawWithPureEd25519_andDigestWithEd25519ph() throws GeneralSecurityException {
        String keyId = key(KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY);
        byte[] message = random(500);
        byte[] sha512 = MessageDigest.getInstance("SHA-512").digest(message);

        SignResponse pure = client.sign(r -> r.keyId(keyId).message(bytes(message)).messageType(MessageType.RAW)
                .signingAlgorithm(SigningAlgorithmSpec.ED25519_SHA_512));
        SignResponse prehashed = client.sign(r -> r.keyId(keyId).message(bytes(sha512)).messageType(MessageType.DIGEST)
                .signingAlgorithm(SigningAlgorithmSpec.ED25519_PH_SHA_512));

        assertThat(pure.signature().asByteArray()).hasSize(64);
        assertThat(prehashed.signature().asByteArray()).hasSize(64);
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(publicKey(keyId, KeySpec.ECC_NIST_EDWARDS25519));
        ed25519.update(message);
        assertThat(ed25519.verify(pure.signature().asByteArray())).as("the JDK's Ed25519 verifies ED25519_SHA_512").isTrue();
        assertThat(client.verify(r -> r.keyId(keyId).message(bytes(sha512)).messageType(MessageType.DIGEST)
                .signature(prehashed.signature()).signingAlgorithm(SigningAlgorithmSpec.ED25519_PH_SHA_512))
                .signatureValid()).isTrue();
        org.bouncycastle.crypto.signers.Ed25519phSigner ph = new org.bouncycastle.crypto.signers.Ed25519phSigner(new byte[0]);
        ph.init(false, new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(
                client.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray(), 12));
        ph.update(message, 0, message.length);
        assertThat(ph.verifySignature(prehashed.signature().asByteArray()))
                .as("Ed25519ph (RFC 8032, empty context) over the message verifies ED25519_PH_SHA_512").isTrue();
        KmsInvalidSignatureException e = thrown(KmsInvalidSignatureException.class, () -> client.verify(r -> r.keyId(keyId)
                .message(bytes(sha512)).messageType(MessageType.DIGEST).signature(pure.signature())
                .signingAlgorithm(SigningAlgorithmSpec.ED25519_PH_SHA_512)));
        assertAwsError(e, "KMSInvalidSignatureException", null);
    }

    @Test
    void sign_ed25519Sha512_withADigest_isTheMessageTypeValidationError() {
        String keyId = key(KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY);

        KmsException e = thrown(KmsException.class, () -> client.sign(r -> r.keyId(keyId).message(bytes(random(64)))
                .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.ED25519_SHA_512)));

        assertAwsError(e, "ValidationException", "Message type DIGEST is incompatible with algorithm ED25519_SHA_512.");
    }

    @Test
    void sign_byAliasNameAndAliasArn_signsWithTheTargetKey() {
        String keyId = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        client.createAlias(r -> r.aliasName("alias/signing-e2e").targetKeyId(keyId));
        byte[] message = random(100);

        SignResponse byName = client.sign(r -> r.keyId("alias/signing-e2e").message(bytes(message))
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
        SignResponse byArn = client.sign(r -> r.keyId(EndpointTestSupport.aliasArn("alias/signing-e2e"))
                .message(bytes(message)).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));

        assertThat(byName.keyId()).isEqualTo(keyArn(keyId));
        assertThat(byArn.keyId()).isEqualTo(keyArn(keyId));
        assertThat(client.verify(r -> r.keyId(keyId).message(bytes(message)).signature(byName.signature())
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid()).isTrue();
    }

    @Test
    void verify_ofAChangedMessage_isKmsInvalidSignatureException() {
        String keyId = key(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        byte[] message = random(300);
        SdkBytes signature = client.sign(r -> r.keyId(keyId).message(bytes(message))
                .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)).signature();
        message[0] ^= 1;

        KmsInvalidSignatureException e = thrown(KmsInvalidSignatureException.class, () -> client.verify(r -> r.keyId(keyId)
                .message(bytes(message)).signature(signature).signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)));

        assertAwsError(e, "KMSInvalidSignatureException", null);
    }

    @Test
    void verify_withAnotherAlgorithmThanSignUsed_isKmsInvalidSignatureException() {
        String keyId = key(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        byte[] message = random(300);
        SdkBytes signature = client.sign(r -> r.keyId(keyId).message(bytes(message))
                .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256)).signature();

        KmsInvalidSignatureException e = thrown(KmsInvalidSignatureException.class, () -> client.verify(r -> r.keyId(keyId)
                .message(bytes(message)).signature(signature).signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)));

        assertAwsError(e, "KMSInvalidSignatureException", null);
    }

    /**
     * Signatures that are not signatures at all (random bytes, too long, a value above the RSA modulus, a
     * malformed DER sequence) are invalid signatures: 400 KMSInvalidSignatureException, never a 500.
     */
    static Stream<Arguments> garbageSignatures() {
        byte[] ones256 = new byte[256];
        java.util.Arrays.fill(ones256, (byte) 0xff);
        return Stream.of(
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256, MessageType.RAW, random(256)),
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256, MessageType.DIGEST, ones256),
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PSS_SHA_256, MessageType.RAW, ones256),
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PSS_SHA_256, MessageType.DIGEST, random(256)),
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PSS_SHA_256, MessageType.DIGEST, random(300)),
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PSS_SHA_256, MessageType.DIGEST, ones256),
                Arguments.of(KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256, MessageType.RAW, random(7)),
                Arguments.of(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.RAW, random(72)),
                Arguments.of(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.DIGEST,
                        new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00}),
                Arguments.of(KeySpec.ECC_SECG_P256_K1, SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.RAW, random(70)),
                Arguments.of(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithmSpec.ED25519_SHA_512, MessageType.RAW, random(64)),
                Arguments.of(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithmSpec.ED25519_SHA_512, MessageType.RAW, random(65)));
    }

    @ParameterizedTest(name = "{0} {1} {2} with {3}")
    @MethodSource("garbageSignatures")
    void verify_ofBytesThatAreNoSignature_isKmsInvalidSignatureException(KeySpec spec, SigningAlgorithmSpec algorithm,
            MessageType type, byte[] signature) throws GeneralSecurityException {
        String keyId = key(spec, KeyUsageType.SIGN_VERIFY);
        byte[] message = type == MessageType.DIGEST ? MessageDigest.getInstance(hash(algorithm)).digest(random(10)) : random(10);

        KmsInvalidSignatureException e = thrown(KmsInvalidSignatureException.class, () -> client.verify(r -> r.keyId(keyId)
                .message(bytes(message)).messageType(type).signature(bytes(signature)).signingAlgorithm(algorithm)));

        assertAwsError(e, "KMSInvalidSignatureException", null);
    }

    @Test
    void sign_aDigestOfTheWrongLength_isTheDigestLengthValidationError() {
        String keyId = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);

        KmsException sign = thrown(KmsException.class, () -> client.sign(r -> r.keyId(keyId).message(bytes(random(20)))
                .messageType(MessageType.DIGEST).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));
        KmsException verify = thrown(KmsException.class, () -> client.verify(r -> r.keyId(keyId).message(bytes(random(48)))
                .messageType(MessageType.DIGEST).signature(bytes(random(70))).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));

        assertAwsError(sign, "ValidationException", "Digest is invalid length for algorithm ECDSA_SHA_256.");
        assertAwsError(verify, "ValidationException", "Digest is invalid length for algorithm ECDSA_SHA_256.");
    }

    @Test
    void sign_aMessageOver4096Bytes_isTheLengthValidationError() {
        String keyId = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);

        KmsException e = thrown(KmsException.class, () -> client.sign(r -> r.keyId(keyId).message(bytes(random(4097)))
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));

        assertAwsError(e, "ValidationException", "1 validation error detected: Value at 'message' failed to satisfy "
                + "constraint: Member must have length less than or equal to 4096");
    }

    @Test
    void sign_withAnEncryptionKey_isInvalidKeyUsage() {
        String keyId = key(KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);

        InvalidKeyUsageException e = thrown(InvalidKeyUsageException.class, () -> client.sign(r -> r.keyId(keyId)
                .message(bytes(random(10))).signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)));

        assertAwsError(e, "InvalidKeyUsageException", keyArn(keyId) + " key usage is ENCRYPT_DECRYPT which is not valid for Sign.");
    }

    @Test
    void verify_withAKeyAgreementKey_isInvalidKeyUsage() {
        String keyId = key(KeySpec.ECC_NIST_P384, KeyUsageType.KEY_AGREEMENT);

        InvalidKeyUsageException e = thrown(InvalidKeyUsageException.class, () -> client.verify(r -> r.keyId(keyId)
                .message(bytes(random(10))).signature(bytes(random(100))).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_384)));

        assertAwsError(e, "InvalidKeyUsageException", keyArn(keyId) + " key usage is KEY_AGREEMENT which is not valid for Verify.");
    }

    @Test
    void sign_withAnAlgorithmOfAnotherKeySpec_isInvalidKeyUsage() {
        String keyId = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);

        InvalidKeyUsageException e = thrown(InvalidKeyUsageException.class, () -> client.sign(r -> r.keyId(keyId)
                .message(bytes(random(10))).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_384)));

        assertAwsError(e, "InvalidKeyUsageException", "Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.");
    }

    @Test
    void signVerifyAndGetPublicKey_ofADisabledKey_areDisabledException() {
        String keyId = newKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        byte[] message = random(10);
        SdkBytes signature = client.sign(r -> r.keyId(keyId).message(bytes(message))
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature();
        client.disableKey(r -> r.keyId(keyId));

        DisabledException sign = thrown(DisabledException.class, () -> client.sign(r -> r.keyId(keyId)
                .message(bytes(message)).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));
        DisabledException verify = thrown(DisabledException.class, () -> client.verify(r -> r.keyId(keyId)
                .message(bytes(message)).signature(signature).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));
        DisabledException publicKey = thrown(DisabledException.class, () -> client.getPublicKey(r -> r.keyId(keyId)));

        for (DisabledException e : List.of(sign, verify, publicKey)) {
            assertAwsError(e, "DisabledException", keyArn(keyId) + " is disabled.");
        }
        client.enableKey(r -> r.keyId(keyId));
        assertThat(client.verify(r -> r.keyId(keyId).message(bytes(message)).signature(signature)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid()).as("enabled again").isTrue();
    }

    @Test
    void everyNewOperation_onAnExternalKeyPendingImport_isKmsInvalidState() {
        String signing = client.createKey(r -> r.origin(OriginType.EXTERNAL).keySpec(KeySpec.ECC_NIST_P256)
                .keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata().keyId();
        String mac = client.createKey(r -> r.origin(OriginType.EXTERNAL).keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsageType.GENERATE_VERIFY_MAC)).keyMetadata().keyId();
        String agreement = client.createKey(r -> r.origin(OriginType.EXTERNAL).keySpec(KeySpec.ECC_NIST_P256)
                .keyUsage(KeyUsageType.KEY_AGREEMENT)).keyMetadata().keyId();
        String symmetric = client.createKey(r -> r.origin(OriginType.EXTERNAL)).keyMetadata().keyId();
        byte[] peer = ecKeyPair("secp256r1").getPublic().getEncoded();

        Map<String, KmsInvalidStateException> errors = Map.of(
                signing, thrown(KmsInvalidStateException.class, () -> client.sign(r -> r.keyId(signing)
                        .message(bytes(random(10))).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))),
                mac, thrown(KmsInvalidStateException.class, () -> client.generateMac(r -> r.keyId(mac)
                        .message(bytes(random(10))).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256))),
                agreement, thrown(KmsInvalidStateException.class, () -> client.deriveSharedSecret(r -> r.keyId(agreement)
                        .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH).publicKey(bytes(peer)))),
                symmetric, thrown(KmsInvalidStateException.class, () -> client.generateDataKeyPair(r -> r.keyId(symmetric)
                        .keyPairSpec(DataKeyPairSpec.ECC_NIST_P256))));
        KmsInvalidStateException publicKey = thrown(KmsInvalidStateException.class,
                () -> client.getPublicKey(r -> r.keyId(signing)));
        KmsInvalidStateException verify = thrown(KmsInvalidStateException.class, () -> client.verify(r -> r.keyId(signing)
                .message(bytes(random(10))).signature(bytes(random(70))).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));

        errors.forEach((keyId, e) -> assertAwsError(e, "KMSInvalidStateException", keyArn(keyId) + " is pending import."));
        assertAwsError(publicKey, "KMSInvalidStateException", keyArn(signing) + " is pending import.");
        assertAwsError(verify, "KMSInvalidStateException", keyArn(signing) + " is pending import.");
    }

    // ---------------------------------------------------------------- GenerateMac and VerifyMac

    static Stream<Arguments> macs() {
        return Stream.of(
                Arguments.of(KeySpec.HMAC_224, MacAlgorithmSpec.HMAC_SHA_224, 28),
                Arguments.of(KeySpec.HMAC_256, MacAlgorithmSpec.HMAC_SHA_256, 32),
                Arguments.of(KeySpec.HMAC_384, MacAlgorithmSpec.HMAC_SHA_384, 48),
                Arguments.of(KeySpec.HMAC_512, MacAlgorithmSpec.HMAC_SHA_512, 64));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("macs")
    void generateMac_thenVerifyMac_roundTrips_andAChangedMessageIsKmsInvalidMac(KeySpec spec, MacAlgorithmSpec algorithm,
            int length) {
        String keyId = key(spec, KeyUsageType.GENERATE_VERIFY_MAC);
        byte[] message = random(1 + RANDOM.nextInt(4096));

        GenerateMacResponse mac = client.generateMac(r -> r.keyId(keyId).message(bytes(message)).macAlgorithm(algorithm));
        GenerateMacResponse again = client.generateMac(r -> r.keyId(keyId).message(bytes(message)).macAlgorithm(algorithm));
        VerifyMacResponse verified = client.verifyMac(r -> r.keyId(keyId).message(bytes(message)).macAlgorithm(algorithm)
                .mac(mac.mac()));
        message[message.length - 1] ^= 1;
        KmsInvalidMacException changed = thrown(KmsInvalidMacException.class, () -> client.verifyMac(r -> r.keyId(keyId)
                .message(bytes(message)).macAlgorithm(algorithm).mac(mac.mac())));

        assertThat(mac.mac().asByteArray()).hasSize(length).isEqualTo(again.mac().asByteArray());
        assertThat(mac.keyId()).isEqualTo(keyArn(keyId));
        assertThat(mac.macAlgorithm()).isEqualTo(algorithm);
        assertThat(verified.macValid()).isTrue();
        assertThat(verified.keyId()).isEqualTo(keyArn(keyId));
        assertThat(verified.macAlgorithm()).isEqualTo(algorithm);
        assertAwsError(changed, "KMSInvalidMacException", null);
    }

    @Test
    void verifyMac_ofATruncatedMac_isKmsInvalidMac() {
        String keyId = key(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        byte[] message = random(50);
        byte[] mac = client.generateMac(r -> r.keyId(keyId).message(bytes(message)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256))
                .mac().asByteArray();

        KmsInvalidMacException e = thrown(KmsInvalidMacException.class, () -> client.verifyMac(r -> r.keyId(keyId)
                .message(bytes(message)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .mac(bytes(java.util.Arrays.copyOf(mac, 16)))));

        assertAwsError(e, "KMSInvalidMacException", null);
    }

    @Test
    void generateMac_withAnotherSpecsAlgorithm_orASigningKey_isInvalidKeyUsage() {
        String hmac = key(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        String signing = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);

        InvalidKeyUsageException algorithm = thrown(InvalidKeyUsageException.class, () -> client.generateMac(r -> r
                .keyId(hmac).message(bytes(random(10))).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_384)));
        InvalidKeyUsageException usage = thrown(InvalidKeyUsageException.class, () -> client.generateMac(r -> r
                .keyId(signing).message(bytes(random(10))).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)));

        assertAwsError(algorithm, "InvalidKeyUsageException", "Algorithm HMAC_SHA_384 is incompatible with key spec HMAC_256.");
        assertAwsError(usage, "InvalidKeyUsageException",
                keyArn(signing) + " key usage is SIGN_VERIFY which is not valid for GenerateMac.");
    }

    @Test
    void generateMacAndVerifyMac_ofADisabledKey_areDisabledException() {
        String keyId = newKey(KeySpec.HMAC_384, KeyUsageType.GENERATE_VERIFY_MAC);
        client.disableKey(r -> r.keyId(keyId));

        DisabledException generate = thrown(DisabledException.class, () -> client.generateMac(r -> r.keyId(keyId)
                .message(bytes(random(10))).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_384)));
        DisabledException verify = thrown(DisabledException.class, () -> client.verifyMac(r -> r.keyId(keyId)
                .message(bytes(random(10))).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_384).mac(bytes(random(48)))));

        assertAwsError(generate, "DisabledException", keyArn(keyId) + " is disabled.");
        assertAwsError(verify, "DisabledException", keyArn(keyId) + " is disabled.");
    }

    // ---------------------------------------------------------------- DeriveSharedSecret

    static Stream<Arguments> curves() {
        return Stream.of(
                Arguments.of(KeySpec.ECC_NIST_P256, "secp256r1", 32),
                Arguments.of(KeySpec.ECC_NIST_P384, "secp384r1", 48),
                Arguments.of(KeySpec.ECC_NIST_P521, "secp521r1", 66));
    }

    /** The secret is what the peer computes with its private key and GetPublicKey's key: ECDH both ways. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("curves")
    void deriveSharedSecret_ofAnAwsKmsKey_equalsThePeersEcdh(KeySpec spec, String curve, int length)
            throws GeneralSecurityException {
        String keyId = key(spec, KeyUsageType.KEY_AGREEMENT);
        KeyPair peer = ecKeyPair(curve);

        DeriveSharedSecretResponse response = client.deriveSharedSecret(r -> r.keyId(keyId)
                .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH).publicKey(bytes(peer.getPublic().getEncoded())));

        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(peer.getPrivate());
        ecdh.doPhase(publicKey(keyId, spec), true);
        assertThat(response.sharedSecret().asByteArray()).hasSize(length).isEqualTo(ecdh.generateSecret());
        assertThat(response.keyId()).isEqualTo(keyArn(keyId));
        assertThat(response.keyAgreementAlgorithm()).isEqualTo(KeyAgreementAlgorithmSpec.ECDH);
        assertThat(response.keyOrigin()).isEqualTo(OriginType.AWS_KMS);
    }

    @Test
    void deriveSharedSecret_withAPeerKeyOnAnotherCurve_orNotDer_isAValidationError() {
        String keyId = key(KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT);
        byte[] p384 = ecKeyPair("secp384r1").getPublic().getEncoded();
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                ecKeyPair("secp256r1").getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n").getBytes();

        KmsException otherCurve = thrown(KmsException.class, () -> client.deriveSharedSecret(r -> r.keyId(keyId)
                .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH).publicKey(bytes(p384))));
        KmsException notDer = thrown(KmsException.class, () -> client.deriveSharedSecret(r -> r.keyId(keyId)
                .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH).publicKey(bytes(pem))));

        assertAwsError(otherCurve, "ValidationException",
                "KMS cannot use the public key in the request: it must be an EC public key on the curve of ECC_NIST_P256.");
        assertAwsError(notDer, "ValidationException", "KMS cannot use the public key in the request: it must be a "
                + "DER-encoded SubjectPublicKeyInfo (X.509 public key).");
    }

    @Test
    void deriveSharedSecret_withASigningKey_isInvalidKeyUsage() {
        String keyId = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        byte[] peer = ecKeyPair("secp256r1").getPublic().getEncoded();

        InvalidKeyUsageException e = thrown(InvalidKeyUsageException.class, () -> client.deriveSharedSecret(r -> r.keyId(keyId)
                .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH).publicKey(bytes(peer))));

        assertAwsError(e, "InvalidKeyUsageException",
                keyArn(keyId) + " key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.");
    }

    // ---------------------------------------------------------------- GenerateDataKeyPair

    static Stream<Arguments> dataKeyPairSpecs() {
        return Stream.of(
                Arguments.of(DataKeyPairSpec.RSA_2048, "RSA"),
                Arguments.of(DataKeyPairSpec.ECC_NIST_P256, "EC"),
                Arguments.of(DataKeyPairSpec.ECC_NIST_P521, "EC"),
                Arguments.of(DataKeyPairSpec.ECC_SECG_P256_K1, "EC"),
                Arguments.of(DataKeyPairSpec.ECC_NIST_EDWARDS25519, "Ed25519"));
    }

    /**
     * The private key is PKCS#8 whose public key is PublicKey; PrivateKeyCiphertextBlob decrypts (with the
     * same encryption context, no KeyId) to it. WithoutPlaintext returns no private key, and its blob
     * decrypts to the private key of its PublicKey.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dataKeyPairSpecs")
    void generateDataKeyPair_andWithoutPlaintext_giveAKeyPairSealedUnderTheKmsKey(DataKeyPairSpec spec, String jcaAlgorithm)
            throws GeneralSecurityException {
        String keyId = key(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
        Map<String, String> context = Map.of("app", "signing-e2e");

        GenerateDataKeyPairResponse pair = client.generateDataKeyPair(r -> r.keyId(keyId).keyPairSpec(spec)
                .encryptionContext(context));
        GenerateDataKeyPairWithoutPlaintextResponse sealed = client.generateDataKeyPairWithoutPlaintext(r -> r.keyId(keyId)
                .keyPairSpec(spec).encryptionContext(context));

        assertThat(pair.keyId()).isEqualTo(keyArn(keyId));
        assertThat(pair.keyPairSpec()).isEqualTo(spec);
        assertThat(publicKeyOf(jcaAlgorithm, pair.privateKeyPlaintext().asByteArray()))
                .as("the public key of PrivateKeyPlaintext").isEqualTo(pair.publicKey().asByteArray());
        assertThat(client.decrypt(r -> r.ciphertextBlob(pair.privateKeyCiphertextBlob()).encryptionContext(context))
                .plaintext().asByteArray()).isEqualTo(pair.privateKeyPlaintext().asByteArray());
        assertThat(sealed.keyId()).isEqualTo(keyArn(keyId));
        assertThat(sealed.keyPairSpec()).isEqualTo(spec);
        assertThat(sealed.publicKey().asByteArray()).isNotEqualTo(pair.publicKey().asByteArray());
        byte[] privateKey = client.decrypt(r -> r.ciphertextBlob(sealed.privateKeyCiphertextBlob()).encryptionContext(context))
                .plaintext().asByteArray();
        assertThat(publicKeyOf(jcaAlgorithm, privateKey)).isEqualTo(sealed.publicKey().asByteArray());
        KmsException otherContext = thrown(KmsException.class, () -> client.decrypt(r -> r
                .ciphertextBlob(sealed.privateKeyCiphertextBlob()).encryptionContext(Map.of("app", "other"))));
        assertAwsError(otherContext, "InvalidCiphertextException", null);
    }

    @Test
    void generateDataKeyPairWithoutPlaintext_sendsNoPrivateKeyPlaintextOverTheWire() {
        String keyId = key(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
        HttpClient http = EndpointTestSupport.httpClient();

        HttpResponse<String> response = post(http, endpoint, "TrentService.GenerateDataKeyPairWithoutPlaintext",
                "{\"KeyId\":\"" + keyId + "\",\"KeyPairSpec\":\"ECC_NIST_P256\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.has("PrivateKeyPlaintext")).isFalse();
        assertThat(body.path("PrivateKeyCiphertextBlob").asText()).isNotEmpty();
        assertThat(body.path("PublicKey").asText()).isNotEmpty();
        assertThat(body.path("KeyPairSpec").asText()).isEqualTo("ECC_NIST_P256");
        assertThat(body.path("KeyId").asText()).isEqualTo(keyArn(keyId));
    }

    @Test
    void generateDataKeyPair_sm2OutsideTheChinaRegions_isAValidationError() {
        String keyId = key(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);

        KmsException e = thrown(KmsException.class, () -> client.generateDataKeyPair(r -> r.keyId(keyId)
                .keyPairSpec(DataKeyPairSpec.SM2)));

        assertAwsError(e, "ValidationException", "KeyPairSpec SM2 is not supported in this Region");
    }

    @Test
    void generateDataKeyPair_underASigningKeyOrAnRsaEncryptionKey_isInvalidKeyUsage() {
        String signing = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        String rsa = key(KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);

        InvalidKeyUsageException usage = thrown(InvalidKeyUsageException.class, () -> client.generateDataKeyPair(r -> r
                .keyId(signing).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256)));
        InvalidKeyUsageException asymmetric = thrown(InvalidKeyUsageException.class,
                () -> client.generateDataKeyPairWithoutPlaintext(r -> r.keyId(rsa).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256)));

        assertAwsError(usage, "InvalidKeyUsageException",
                keyArn(signing) + " key usage is SIGN_VERIFY which is not valid for GenerateDataKeyPair.");
        assertAwsError(asymmetric, "InvalidKeyUsageException",
                "Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.");
    }

    @Test
    void generateDataKeyPair_ofADisabledKey_isDisabledException() {
        String keyId = newKey(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
        client.disableKey(r -> r.keyId(keyId));

        DisabledException e = thrown(DisabledException.class, () -> client.generateDataKeyPair(r -> r.keyId(keyId)
                .keyPairSpec(DataKeyPairSpec.ECC_NIST_P256)));

        assertAwsError(e, "DisabledException", keyArn(keyId) + " is disabled.");
    }

    // ---------------------------------------------------------------- the wire

    /**
     * A MessageType outside its enum: RequestReader records the violation, and the endpoint answers 400
     * ValidationException in AWS's "N validation errors detected" form — never a 500 or a stack trace.
     */
    @Test
    void sign_withAnUnknownMessageType_overRawHttp_is400ValidationException() {
        String keyId = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        HttpClient http = EndpointTestSupport.httpClient();
        String message = Base64.getEncoder().encodeToString(random(32));

        HttpResponse<String> response = post(http, endpoint, "TrentService.Sign", "{\"KeyId\":\"" + keyId
                + "\",\"Message\":\"" + message + "\",\"MessageType\":\"BOGUS\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}");
        HttpResponse<String> twoBad = post(http, endpoint, "TrentService.Sign", "{\"KeyId\":\"" + keyId
                + "\",\"Message\":\"" + message + "\",\"MessageType\":\"BOGUS\",\"SigningAlgorithm\":\"ECDSA_SHA_257\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(EndpointTestSupport.JSON_1_1);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertNoStackTrace(response.body());
        JsonNode body = json(response.body());
        assertThat(body.path("__type").asText()).isEqualTo("ValidationException");
        assertThat(body.path("message").asText()).isEqualTo("1 validation error detected: Value 'BOGUS' at 'messageType' "
                + "failed to satisfy constraint: Member must satisfy enum value set: [RAW, DIGEST, EXTERNAL_MU]");
        assertThat(twoBad.statusCode()).isEqualTo(400);
        assertNoStackTrace(twoBad.body());
        assertThat(json(twoBad.body()).path("message").asText()).isEqualTo("2 validation errors detected: "
                + "Value 'BOGUS' at 'messageType' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[RAW, DIGEST, EXTERNAL_MU]; Value 'ECDSA_SHA_257' at 'signingAlgorithm' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [RSASSA_PSS_SHA_256, RSASSA_PSS_SHA_384, RSASSA_PSS_SHA_512, "
                + "RSASSA_PKCS1_V1_5_SHA_256, RSASSA_PKCS1_V1_5_SHA_384, RSASSA_PKCS1_V1_5_SHA_512, ECDSA_SHA_256, "
                + "ECDSA_SHA_384, ECDSA_SHA_512, SM2DSA, ML_DSA_SHAKE_256, ED25519_SHA_512, ED25519_PH_SHA_512]");
    }

    @Test
    void verify_withASignatureThatIsNotBase64_overRawHttp_is400SerializationException() {
        String keyId = key(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        HttpClient http = EndpointTestSupport.httpClient();

        HttpResponse<String> response = post(http, endpoint, "TrentService.Verify", "{\"KeyId\":\"" + keyId
                + "\",\"Message\":\"AAAA\",\"Signature\":\"not base64!\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertNoStackTrace(response.body());
        assertThat(json(response.body()).path("__type").asText()).isEqualTo("SerializationException");
    }

    // ---------------------------------------------------------------- helpers

    private static String hash(SigningAlgorithmSpec algorithm) {
        String name = algorithm.toString();
        return "SHA-" + name.substring(name.length() - 3);
    }

    /** GetPublicKey's key as a JCA key (Bouncy Castle's for secp256k1, which the JDK dropped). */
    private static PublicKey publicKey(String keyId, KeySpec spec) throws GeneralSecurityException {
        byte[] der = client.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
        String algorithm = spec.toString().startsWith("RSA") ? "RSA"
                : spec == KeySpec.ECC_NIST_EDWARDS25519 ? "Ed25519" : "EC";
        KeyFactory factory = spec == KeySpec.ECC_SECG_P256_K1 ? KeyFactory.getInstance(algorithm, BC)
                : KeyFactory.getInstance(algorithm);
        return factory.generatePublic(new X509EncodedKeySpec(der));
    }

    private static boolean jdkVerifies(KeySpec spec, SigningAlgorithmSpec algorithm, PublicKey key, byte[] message,
            byte[] signature) throws GeneralSecurityException {
        String name = algorithm.toString();
        String bits = name.substring(name.length() - 3);
        Signature verifier;
        if (name.startsWith("RSASSA_PSS")) {
            verifier = Signature.getInstance("RSASSA-PSS");
            MGF1ParameterSpec mgf = new MGF1ParameterSpec("SHA-" + bits);
            verifier.setParameter(new PSSParameterSpec("SHA-" + bits, "MGF1", mgf, Integer.parseInt(bits) / 8, 1));
        } else if (name.startsWith("RSASSA_PKCS1")) {
            verifier = Signature.getInstance("SHA" + bits + "withRSA");
        } else if (spec == KeySpec.ECC_SECG_P256_K1) {
            verifier = Signature.getInstance("SHA" + bits + "withECDSA", BC);
        } else {
            verifier = Signature.getInstance("SHA" + bits + "withECDSA");
        }
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER SubjectPublicKeyInfo of a PKCS#8 private key, derived by Bouncy Castle. */
    private static byte[] publicKeyOf(String algorithm, byte[] pkcs8) throws GeneralSecurityException {
        PrivateKey privateKey = KeyFactory.getInstance(algorithm, BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        if (privateKey instanceof java.security.interfaces.RSAPrivateCrtKey) {
            java.security.interfaces.RSAPrivateCrtKey rsa = (java.security.interfaces.RSAPrivateCrtKey) privateKey;
            return KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(rsa.getModulus(),
                    rsa.getPublicExponent())).getEncoded();
        }
        if (privateKey instanceof org.bouncycastle.jce.interfaces.ECPrivateKey) {
            org.bouncycastle.jce.interfaces.ECPrivateKey ec = (org.bouncycastle.jce.interfaces.ECPrivateKey) privateKey;
            org.bouncycastle.jce.spec.ECParameterSpec params = ec.getParameters();
            org.bouncycastle.math.ec.ECPoint q = params.getG().multiply(ec.getD()).normalize();
            return KeyFactory.getInstance("EC", BC).generatePublic(new org.bouncycastle.jce.spec.ECPublicKeySpec(q, params))
                    .getEncoded();
        }
        if (privateKey instanceof org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey) {
            return ((org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey) privateKey).getPublicKey().getEncoded();
        }
        throw new IllegalArgumentException("unexpected private key " + privateKey.getClass());
    }
}
