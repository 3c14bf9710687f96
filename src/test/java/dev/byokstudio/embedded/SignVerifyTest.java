package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.AsymmetricFixture.create;
import static dev.byokstudio.embedded.AsymmetricFixture.createAwsKms;
import static dev.byokstudio.embedded.AsymmetricFixture.mlDsaMu;
import static dev.byokstudio.embedded.AsymmetricFixture.publicKeyBytes;
import static dev.byokstudio.embedded.AsymmetricFixture.sha;
import static dev.byokstudio.embedded.AsymmetricFixture.sm2Digest;
import static dev.byokstudio.embedded.AsymmetricFixture.verifiesOutsideKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.UNKNOWN_KEY_ID;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static dev.byokstudio.embedded.ImportFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.DisabledException;
import dev.byokstudio.kms.InvalidKeyUsageException;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.KmsInvalidSignatureException;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.MessageType;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.SignRequest;
import dev.byokstudio.kms.SignResponse;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.kms.ValidationException;
import dev.byokstudio.kms.VerifyRequest;
import dev.byokstudio.kms.VerifyResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sign and Verify (reference §15) for every signing key spec and algorithm, with material KMS generated
 * (AWS_KMS) and imported (EXTERNAL); each signature is also checked outside KMS, with the JDK or Bouncy
 * Castle and the public key from GetPublicKey. Keys are made once per class and shared: RSA key
 * generation is slow. RSA_4096 is tested with the imported fixture only.
 */
@TestInstance(Lifecycle.PER_CLASS)
class SignVerifyTest {

    private static final byte[] MESSAGE = "Pay 100 EUR to Alice, reference 2026-001".getBytes(StandardCharsets.UTF_8);

    private final EmbeddedKms kms = newKms();
    private final EmbeddedKms china = newKms(AccountContext.inRegion("cn-north-1"));
    private final Map<String, KeyMetadata> keys = new HashMap<>();

    private EmbeddedKms kmsFor(KeySpec spec) {
        return spec == KeySpec.SM2 ? china : kms;
    }

    /** The shared SIGN_VERIFY key of this spec and origin, made on first use. */
    private String key(KeySpec spec, Origin origin) {
        return keys.computeIfAbsent(spec + "/" + origin, k -> create(kmsFor(spec), spec, KeyUsage.SIGN_VERIFY, origin))
                .keyId();
    }

    private String arn(KeySpec spec, String keyId) {
        return kmsFor(spec).account().keyArn(keyId);
    }

    private SignResponse sign(KeySpec spec, String keyId, SigningAlgorithm algorithm, MessageType type, byte[] message) {
        return kmsFor(spec).sign(new SignRequest(keyId, SecretBytes.copyOf(message), type, null, algorithm));
    }

    private VerifyResponse verify(KeySpec spec, String keyId, SigningAlgorithm algorithm, MessageType type, byte[] message,
            byte[] signature) {
        return kmsFor(spec).verify(new VerifyRequest(keyId, SecretBytes.copyOf(message), type, signature, algorithm, null));
    }

    /** What Sign is given for {@code MESSAGE}: the message itself, its digest, or ML-DSA's μ. */
    private static byte[] input(SigningAlgorithm algorithm, MessageType type, byte[] spki, byte[] message) {
        switch (type) {
            case RAW:
                return message;
            case DIGEST:
                return algorithm == SigningAlgorithm.SM2DSA ? sm2Digest(spki, message) : sha(algorithm, message);
            case EXTERNAL_MU:
                return mlDsaMu(spki, message);
            default:
                throw new IllegalArgumentException("unhandled " + type);
        }
    }

    // ---------------------------------------------------------------- the matrix

    static final List<KeySpec> SIGNING_SPECS = List.of(KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.RSA_4096,
            KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384, KeySpec.ECC_NIST_P521, KeySpec.ECC_SECG_P256K1,
            KeySpec.ECC_NIST_EDWARDS25519, KeySpec.SM2, KeySpec.ML_DSA_44, KeySpec.ML_DSA_65, KeySpec.ML_DSA_87);

    private static List<Origin> origins(KeySpec spec) {
        if (!spec.supportsExternalOrigin()) {
            return List.of(Origin.AWS_KMS); // ML-DSA material cannot be imported
        }
        if (spec == KeySpec.RSA_4096) {
            return List.of(Origin.EXTERNAL); // generating RSA_4096 takes seconds: the committed fixture instead
        }
        return List.of(Origin.AWS_KMS, Origin.EXTERNAL);
    }

    private static List<MessageType> messageTypes(SigningAlgorithm algorithm) {
        switch (algorithm) {
            case ED25519_SHA_512:
                return List.of(MessageType.RAW);
            case ED25519_PH_SHA_512:
                return List.of(MessageType.DIGEST);
            case ML_DSA_SHAKE_256:
                return List.of(MessageType.RAW, MessageType.EXTERNAL_MU);
            default:
                return List.of(MessageType.RAW, MessageType.DIGEST);
        }
    }

    /** Every signing key spec × origin × algorithm × message type it takes. */
    static Stream<Arguments> everySigningCase() {
        List<Arguments> cases = new ArrayList<>();
        for (KeySpec spec : SIGNING_SPECS) {
            for (Origin origin : origins(spec)) {
                for (SigningAlgorithm algorithm : spec.signingAlgorithms(KeyUsage.SIGN_VERIFY)) {
                    for (MessageType type : messageTypes(algorithm)) {
                        cases.add(arguments(spec, origin, algorithm, type));
                    }
                }
            }
        }
        return cases.stream();
    }

    /** The algorithms that take both the message and the digest they would make of it (μ for ML-DSA). */
    static Stream<Arguments> algorithmsWithADigestForm() {
        return everySigningCase().filter(a -> a.get()[3] != MessageType.RAW && a.get()[2] != SigningAlgorithm.ED25519_PH_SHA_512);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("everySigningCase")
    void signThenVerifySucceeds(KeySpec spec, Origin origin, SigningAlgorithm algorithm, MessageType type) {
        String keyId = key(spec, origin);
        byte[] input = input(algorithm, type, publicKeyBytes(kmsFor(spec), keyId), MESSAGE);

        SignResponse signed = sign(spec, keyId, algorithm, type, input);
        VerifyResponse verified = verify(spec, keyId, algorithm, type, input, signed.signature());

        assertThat(signed.keyId()).isEqualTo(arn(spec, keyId));
        assertThat(signed.signingAlgorithm()).isEqualTo(algorithm);
        assertThat(verified.signatureValid()).isTrue();
        assertThat(verified.keyId()).isEqualTo(arn(spec, keyId));
        assertThat(verified.signingAlgorithm()).isEqualTo(algorithm);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("everySigningCase")
    void signatureVerifiesOutsideKmsOverTheMessageWithTheKeyFromGetPublicKey(KeySpec spec, Origin origin,
            SigningAlgorithm algorithm, MessageType type) {
        String keyId = key(spec, origin);
        byte[] spki = publicKeyBytes(kmsFor(spec), keyId);

        byte[] signature = sign(spec, keyId, algorithm, type, input(algorithm, type, spki, MESSAGE)).signature();

        assertThat(verifiesOutsideKms(spec, algorithm, spki, MESSAGE, signature)).as("JDK / Bouncy Castle verify").isTrue();
        assertThat(verifiesOutsideKms(spec, algorithm, spki, "another message".getBytes(StandardCharsets.UTF_8), signature))
                .as("the same check refuses another message").isFalse();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("algorithmsWithADigestForm")
    void aRawSignatureVerifiesWithTheDigestOfTheMessage(KeySpec spec, Origin origin, SigningAlgorithm algorithm,
            MessageType digestType) {
        String keyId = key(spec, origin);
        byte[] digest = input(algorithm, digestType, publicKeyBytes(kmsFor(spec), keyId), MESSAGE);

        byte[] signature = sign(spec, keyId, algorithm, MessageType.RAW, MESSAGE).signature();

        assertThat(verify(spec, keyId, algorithm, digestType, digest, signature).signatureValid()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("algorithmsWithADigestForm")
    void aDigestSignatureVerifiesWithTheRawMessage(KeySpec spec, Origin origin, SigningAlgorithm algorithm,
            MessageType digestType) {
        String keyId = key(spec, origin);
        byte[] digest = input(algorithm, digestType, publicKeyBytes(kmsFor(spec), keyId), MESSAGE);

        byte[] signature = sign(spec, keyId, algorithm, digestType, digest).signature();

        assertThat(verify(spec, keyId, algorithm, MessageType.RAW, MESSAGE, signature).signatureValid()).isTrue();
    }

    @Test
    void ed25519RawSignatureIsPureEd25519ThatTheJdkVerifies() throws Exception {
        String keyId = key(KeySpec.ECC_NIST_EDWARDS25519, Origin.AWS_KMS);
        java.security.PublicKey publicKey = java.security.KeyFactory.getInstance("Ed25519").generatePublic(
                new java.security.spec.X509EncodedKeySpec(publicKeyBytes(kms, keyId)));

        byte[] signature = sign(KeySpec.ECC_NIST_EDWARDS25519, keyId, SigningAlgorithm.ED25519_SHA_512, MessageType.RAW,
                MESSAGE).signature();

        java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
        jdk.initVerify(publicKey);
        jdk.update(MESSAGE);
        assertThat(signature).hasSize(64);
        assertThat(jdk.verify(signature)).isTrue();
    }

    @Test
    void ed25519PhSignatureOfTheSha512IsEd25519phWithAnEmptyContextOverTheMessage() {
        String keyId = key(KeySpec.ECC_NIST_EDWARDS25519, Origin.EXTERNAL);
        byte[] spki = publicKeyBytes(kms, keyId);

        byte[] signature = sign(KeySpec.ECC_NIST_EDWARDS25519, keyId, SigningAlgorithm.ED25519_PH_SHA_512,
                MessageType.DIGEST, sha(SigningAlgorithm.ED25519_PH_SHA_512, MESSAGE)).signature();

        org.bouncycastle.crypto.signers.Ed25519phSigner ph = new org.bouncycastle.crypto.signers.Ed25519phSigner(new byte[0]);
        ph.init(false, new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getOctets()));
        ph.update(MESSAGE, 0, MESSAGE.length);
        assertThat(ph.verifySignature(signature)).isTrue();
        assertThat(verifiesOutsideKms(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithm.ED25519_SHA_512, spki, MESSAGE,
                signature)).as("not a pure Ed25519 signature").isFalse();
    }

    @Test
    void sm2DigestIsSm3OfZAndTheMessageWithTheDefaultId() {
        String keyId = key(KeySpec.SM2, Origin.EXTERNAL);
        byte[] spki = publicKeyBytes(china, keyId);
        byte[] e = sm2Digest(spki, MESSAGE);

        byte[] signature = sign(KeySpec.SM2, keyId, SigningAlgorithm.SM2DSA, MessageType.DIGEST, e).signature();

        assertThat(verifiesOutsideKms(KeySpec.SM2, SigningAlgorithm.SM2DSA, spki, MESSAGE, signature))
                .as("Bouncy Castle SM2Signer over the raw message").isTrue();
        assertThat(sign(KeySpec.SM2, keyId, SigningAlgorithm.SM2DSA, MessageType.RAW, MESSAGE).keyId())
                .startsWith("arn:aws-cn:kms:cn-north-1:111122223333:key/");
    }

    @Test
    void messageTypeDefaultsToRaw() {
        String keyId = key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS);

        byte[] signature = sign(KeySpec.ECC_NIST_P256, keyId, SigningAlgorithm.ECDSA_SHA_256, null, MESSAGE).signature();

        assertThat(verify(KeySpec.ECC_NIST_P256, keyId, SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE, signature)
                .signatureValid()).isTrue();
        assertThat(verify(KeySpec.ECC_NIST_P256, keyId, SigningAlgorithm.ECDSA_SHA_256, null, MESSAGE, signature)
                .signatureValid()).isTrue();
    }

    @Test
    void signAndVerifyAcceptAnAliasAndAMessageOf4096Bytes() {
        String keyId = key(KeySpec.ECC_NIST_P384, Origin.EXTERNAL);
        kms.createAlias(new CreateAliasRequest("alias/signer", keyId));
        byte[] message = randomBytes(4096);

        SignResponse signed = sign(KeySpec.ECC_NIST_P384, "alias/signer", SigningAlgorithm.ECDSA_SHA_384, MessageType.RAW,
                message);

        assertThat(signed.keyId()).isEqualTo(keyArn(keyId));
        assertThat(verify(KeySpec.ECC_NIST_P384, "alias/signer", SigningAlgorithm.ECDSA_SHA_384, MessageType.RAW, message,
                signed.signature()).keyId()).isEqualTo(keyArn(keyId));
    }

    // ---------------------------------------------------------------- signatures that do not verify

    /** One key and algorithm of each family, with the message type each takes. */
    static Stream<Arguments> oneOfEachFamily() {
        return Stream.of(
                arguments(KeySpec.RSA_2048, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256, MessageType.RAW),
                arguments(KeySpec.RSA_2048, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_512, MessageType.DIGEST),
                arguments(KeySpec.RSA_2048, SigningAlgorithm.RSASSA_PSS_SHA_256, MessageType.RAW),
                arguments(KeySpec.RSA_2048, SigningAlgorithm.RSASSA_PSS_SHA_384, MessageType.DIGEST),
                arguments(KeySpec.ECC_NIST_P256, SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW),
                arguments(KeySpec.ECC_NIST_P521, SigningAlgorithm.ECDSA_SHA_512, MessageType.DIGEST),
                arguments(KeySpec.ECC_SECG_P256K1, SigningAlgorithm.ECDSA_SHA_256, MessageType.DIGEST),
                arguments(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithm.ED25519_SHA_512, MessageType.RAW),
                arguments(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithm.ED25519_PH_SHA_512, MessageType.DIGEST),
                arguments(KeySpec.SM2, SigningAlgorithm.SM2DSA, MessageType.RAW),
                arguments(KeySpec.SM2, SigningAlgorithm.SM2DSA, MessageType.DIGEST),
                arguments(KeySpec.ML_DSA_44, SigningAlgorithm.ML_DSA_SHAKE_256, MessageType.RAW),
                arguments(KeySpec.ML_DSA_65, SigningAlgorithm.ML_DSA_SHAKE_256, MessageType.EXTERNAL_MU));
    }

    private String externalOrGenerated(KeySpec spec) {
        return key(spec, spec.supportsExternalOrigin() ? Origin.EXTERNAL : Origin.AWS_KMS);
    }

    private static void assertInvalidSignature(Throwable thrown) {
        assertThat(thrown).isExactlyInstanceOf(KmsInvalidSignatureException.class);
        KmsException e = (KmsException) thrown;
        assertThat(e.errorCode()).isEqualTo("KMSInvalidSignatureException");
        assertThat(e.awsMessage()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("oneOfEachFamily")
    void verifyRejectsASignatureOfAnotherMessage(KeySpec spec, SigningAlgorithm algorithm, MessageType type) {
        String keyId = externalOrGenerated(spec);
        byte[] spki = publicKeyBytes(kmsFor(spec), keyId);
        byte[] signature = sign(spec, keyId, algorithm, type, input(algorithm, type, spki, MESSAGE)).signature();
        byte[] other = input(algorithm, type, spki, "Pay 900 EUR to Alice, reference 2026-001".getBytes(StandardCharsets.UTF_8));

        assertInvalidSignature(catchThrowable(() -> verify(spec, keyId, algorithm, type, other, signature)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("oneOfEachFamily")
    void verifyRejectsAChangedSignature(KeySpec spec, SigningAlgorithm algorithm, MessageType type) {
        String keyId = externalOrGenerated(spec);
        byte[] input = input(algorithm, type, publicKeyBytes(kmsFor(spec), keyId), MESSAGE);
        byte[] signature = sign(spec, keyId, algorithm, type, input).signature();
        byte[] changed = signature.clone();
        changed[changed.length / 2] ^= 0x01;

        assertInvalidSignature(catchThrowable(() -> verify(spec, keyId, algorithm, type, input, changed)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("oneOfEachFamily")
    void verifyRejectsASignatureMadeWithAnotherKeyOfTheSameSpec(KeySpec spec, SigningAlgorithm algorithm,
            MessageType type) {
        String signer = key(spec, Origin.AWS_KMS);
        String verifier = spec.supportsExternalOrigin() ? key(spec, Origin.EXTERNAL)
                : keys.computeIfAbsent(spec + "/second", k -> createAwsKms(kmsFor(spec), spec, KeyUsage.SIGN_VERIFY)).keyId();
        byte[] signerInput = input(algorithm, type, publicKeyBytes(kmsFor(spec), signer), MESSAGE);
        byte[] verifierInput = input(algorithm, type, publicKeyBytes(kmsFor(spec), verifier), MESSAGE);
        byte[] signature = sign(spec, signer, algorithm, type, signerInput).signature();
        String other = verifier;

        assertInvalidSignature(catchThrowable(() -> verify(spec, other, algorithm, type, verifierInput, signature)));
    }

    /** The DIGEST cases of {@link #oneOfEachFamily()} whose algorithm also takes RAW. */
    static Stream<Arguments> digestCasesOfEachFamily() {
        return oneOfEachFamily().filter(a -> a.get()[2] == MessageType.DIGEST
                && a.get()[1] != SigningAlgorithm.ED25519_PH_SHA_512);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("digestCasesOfEachFamily")
    void verifyRejectsADigestSignatureWhenTheDigestIsSentAsARawMessage(KeySpec spec, SigningAlgorithm algorithm,
            MessageType type) {
        String keyId = externalOrGenerated(spec);
        byte[] digest = input(algorithm, type, publicKeyBytes(kmsFor(spec), keyId), MESSAGE);
        byte[] signature = sign(spec, keyId, algorithm, MessageType.DIGEST, digest).signature();

        assertInvalidSignature(catchThrowable(() -> verify(spec, keyId, algorithm, MessageType.RAW, digest, signature)));
    }

    /** Bytes that are no signature: too short, random, all ones (above any RSA modulus), the maximum length. */
    static Stream<Arguments> garbageSignatures() {
        List<Arguments> cases = new ArrayList<>();
        for (Arguments family : oneOfEachFamily().toList()) {
            KeySpec spec = (KeySpec) family.get()[0];
            int size = spec.family() == KeySpec.Family.RSA ? 256 : 64;
            byte[] ones = new byte[size];
            Arrays.fill(ones, (byte) 0xff);
            byte[] max = new byte[6144];
            Arrays.fill(max, (byte) 0xff);
            for (Object[] garbage : new Object[][] {{"3 bytes", new byte[] {1, 2, 3}}, {"random", randomBytes(size)},
                {"0xff x " + size, ones}, {"6144 x 0xff", max}}) {
                cases.add(arguments(family.get()[0], family.get()[1], family.get()[2], garbage[0], garbage[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @MethodSource("garbageSignatures")
    void verifyOfGarbageSignatureBytesIsAnInvalidSignatureAndNothingElse(KeySpec spec, SigningAlgorithm algorithm,
            MessageType type, String what, byte[] garbage) {
        String keyId = externalOrGenerated(spec);
        byte[] input = input(algorithm, type, publicKeyBytes(kmsFor(spec), keyId), MESSAGE);

        assertInvalidSignature(catchThrowable(() -> verify(spec, keyId, algorithm, type, input, garbage)));
    }

    // ---------------------------------------------------------------- refused requests

    @Nested
    class WrongKeyOrAlgorithm {

        @ParameterizedTest
        @EnumSource(value = KeyUsage.class, names = {"ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"})
        void signAndVerifyWithAKeyOfAnotherUsageAreInvalidKeyUsage(KeyUsage usage) {
            KeyMetadata key;
            switch (usage) {
                case ENCRYPT_DECRYPT:
                    key = createSymmetric(kms);
                    break;
                case GENERATE_VERIFY_MAC:
                    key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_256).keyUsage(usage).build())
                            .keyMetadata();
                    break;
                default:
                    key = createAwsKms(kms, KeySpec.ECC_NIST_P256, usage);
            }

            InvalidKeyUsageException signing = expectError(InvalidKeyUsageException.class,
                    () -> sign(KeySpec.ECC_NIST_P256, key.keyId(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE));
            InvalidKeyUsageException verifying = expectError(InvalidKeyUsageException.class,
                    () -> verify(KeySpec.ECC_NIST_P256, key.keyId(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE,
                            new byte[64]));

            assertThat(signing.errorCode()).isEqualTo("InvalidKeyUsageException");
            assertThat(signing.awsMessage()).isEqualTo(keyArn(key.keyId()) + " key usage is " + usage
                    + " which is not valid for Sign.");
            assertThat(verifying.awsMessage()).isEqualTo(keyArn(key.keyId()) + " key usage is " + usage
                    + " which is not valid for Verify.");
        }

        @Test
        void anRsaEncryptionKeyIsInvalidKeyUsageEvenBeforeItsMaterialIsImported() {
            KeyMetadata key = createExternal(kms, KeySpec.RSA_2048, KeyUsage.ENCRYPT_DECRYPT);

            InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class, () -> sign(KeySpec.RSA_2048,
                    key.keyId(), SigningAlgorithm.RSASSA_PSS_SHA_256, MessageType.RAW, MESSAGE));

            assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " key usage is ENCRYPT_DECRYPT which is not valid for Sign.");
        }

        static Stream<Arguments> algorithmsNotOfTheSpec() {
            return Stream.of(
                    arguments(KeySpec.ECC_NIST_P256, SigningAlgorithm.RSASSA_PSS_SHA_256),
                    arguments(KeySpec.ECC_NIST_P256, SigningAlgorithm.ECDSA_SHA_384),
                    arguments(KeySpec.ECC_NIST_P384, SigningAlgorithm.ECDSA_SHA_256),
                    arguments(KeySpec.ECC_SECG_P256K1, SigningAlgorithm.SM2DSA),
                    arguments(KeySpec.RSA_2048, SigningAlgorithm.ECDSA_SHA_256),
                    arguments(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithm.ECDSA_SHA_512),
                    arguments(KeySpec.ML_DSA_44, SigningAlgorithm.ED25519_SHA_512),
                    arguments(KeySpec.SM2, SigningAlgorithm.ECDSA_SHA_256));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("algorithmsNotOfTheSpec")
        void anAlgorithmTheKeySpecDoesNotListIsInvalidKeyUsage(KeySpec spec, SigningAlgorithm algorithm) {
            String keyId = externalOrGenerated(spec);
            String expected = "Algorithm " + algorithm + " is incompatible with key spec " + spec + ".";

            InvalidKeyUsageException signing = expectError(InvalidKeyUsageException.class,
                    () -> sign(spec, keyId, algorithm, MessageType.RAW, MESSAGE));
            InvalidKeyUsageException verifying = expectError(InvalidKeyUsageException.class,
                    () -> verify(spec, keyId, algorithm, MessageType.RAW, MESSAGE, new byte[64]));

            assertThat(signing.errorCode()).isEqualTo("InvalidKeyUsageException");
            assertThat(signing.awsMessage()).isEqualTo(expected);
            assertThat(verifying.awsMessage()).isEqualTo(expected);
        }

        @Test
        void rsassaPssSha256OnAP256KeyIsRefusedWithAwsMessage() {
            String keyId = key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS);

            InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class, () -> sign(KeySpec.ECC_NIST_P256, keyId,
                    SigningAlgorithm.RSASSA_PSS_SHA_256, MessageType.RAW, MESSAGE));

            assertThat(e.awsMessage()).isEqualTo("Algorithm RSASSA_PSS_SHA_256 is incompatible with key spec ECC_NIST_P256.");
        }
    }

    @Nested
    class MessageRules {

        static Stream<Arguments> digestsOfTheWrongLength() {
            return Stream.of(
                    arguments(KeySpec.ECC_NIST_P256, SigningAlgorithm.ECDSA_SHA_256, MessageType.DIGEST, 31),
                    arguments(KeySpec.ECC_NIST_P256, SigningAlgorithm.ECDSA_SHA_256, MessageType.DIGEST, 33),
                    arguments(KeySpec.ECC_NIST_P256, SigningAlgorithm.ECDSA_SHA_256, MessageType.DIGEST, 64),
                    arguments(KeySpec.ECC_NIST_P384, SigningAlgorithm.ECDSA_SHA_384, MessageType.DIGEST, 32),
                    arguments(KeySpec.ECC_NIST_P521, SigningAlgorithm.ECDSA_SHA_512, MessageType.DIGEST, 66),
                    arguments(KeySpec.RSA_2048, SigningAlgorithm.RSASSA_PSS_SHA_384, MessageType.DIGEST, 32),
                    arguments(KeySpec.RSA_2048, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256, MessageType.DIGEST, 51),
                    arguments(KeySpec.SM2, SigningAlgorithm.SM2DSA, MessageType.DIGEST, 64),
                    arguments(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithm.ED25519_PH_SHA_512, MessageType.DIGEST, 32),
                    arguments(KeySpec.ML_DSA_44, SigningAlgorithm.ML_DSA_SHAKE_256, MessageType.EXTERNAL_MU, 32));
        }

        @ParameterizedTest(name = "{0} {1} {2} of {3} bytes")
        @MethodSource("digestsOfTheWrongLength")
        void aDigestOfTheWrongLengthIsAValidationError(KeySpec spec, SigningAlgorithm algorithm, MessageType type,
                int length) {
            String keyId = externalOrGenerated(spec);
            String expected = "Digest is invalid length for algorithm " + algorithm + ".";

            ValidationException signing = expectError(ValidationException.class,
                    () -> sign(spec, keyId, algorithm, type, randomBytes(length)));
            ValidationException verifying = expectError(ValidationException.class,
                    () -> verify(spec, keyId, algorithm, type, randomBytes(length), new byte[64]));

            assertThat(signing.errorCode()).isEqualTo("ValidationException");
            assertThat(signing.awsMessage()).isEqualTo(expected);
            assertThat(verifying.awsMessage()).isEqualTo(expected);
        }

        @Test
        void ecdsaSha256DigestOf20BytesIsRefusedWithAwsMessage() {
            String keyId = key(KeySpec.ECC_NIST_P256, Origin.EXTERNAL);

            ValidationException e = expectError(ValidationException.class, () -> sign(KeySpec.ECC_NIST_P256, keyId,
                    SigningAlgorithm.ECDSA_SHA_256, MessageType.DIGEST, randomBytes(20)));

            assertThat(e.awsMessage()).isEqualTo("Digest is invalid length for algorithm ECDSA_SHA_256.");
        }

        static Stream<Arguments> messageTypesTheAlgorithmDoesNotTake() {
            return Stream.of(
                    arguments(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithm.ED25519_SHA_512, MessageType.DIGEST, 64),
                    arguments(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithm.ED25519_SHA_512, MessageType.EXTERNAL_MU, 64),
                    arguments(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithm.ED25519_PH_SHA_512, MessageType.RAW, 64),
                    arguments(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithm.ED25519_PH_SHA_512, MessageType.EXTERNAL_MU, 64),
                    arguments(KeySpec.ML_DSA_44, SigningAlgorithm.ML_DSA_SHAKE_256, MessageType.DIGEST, 64),
                    arguments(KeySpec.ECC_NIST_P256, SigningAlgorithm.ECDSA_SHA_256, MessageType.EXTERNAL_MU, 64),
                    arguments(KeySpec.ECC_NIST_P521, SigningAlgorithm.ECDSA_SHA_512, MessageType.EXTERNAL_MU, 64),
                    arguments(KeySpec.RSA_2048, SigningAlgorithm.RSASSA_PSS_SHA_512, MessageType.EXTERNAL_MU, 64),
                    arguments(KeySpec.RSA_2048, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256, MessageType.EXTERNAL_MU, 32),
                    arguments(KeySpec.SM2, SigningAlgorithm.SM2DSA, MessageType.EXTERNAL_MU, 32));
        }

        @ParameterizedTest(name = "{0} {1} {2}")
        @MethodSource("messageTypesTheAlgorithmDoesNotTake")
        void aMessageTypeTheAlgorithmDoesNotTakeIsAValidationError(KeySpec spec, SigningAlgorithm algorithm,
                MessageType type, int length) {
            String keyId = externalOrGenerated(spec);
            String expected = "Message type " + type + " is incompatible with algorithm " + algorithm + ".";

            ValidationException signing = expectError(ValidationException.class,
                    () -> sign(spec, keyId, algorithm, type, randomBytes(length)));
            ValidationException verifying = expectError(ValidationException.class,
                    () -> verify(spec, keyId, algorithm, type, randomBytes(length), new byte[64]));

            assertThat(signing.errorCode()).isEqualTo("ValidationException");
            assertThat(signing.awsMessage()).isEqualTo(expected);
            assertThat(verifying.awsMessage()).isEqualTo(expected);
        }

        @Test
        void ed25519MessageTypeMismatchesAreRefusedWithAwsMessages() {
            String keyId = key(KeySpec.ECC_NIST_EDWARDS25519, Origin.AWS_KMS);

            ValidationException pureWithDigest = expectError(ValidationException.class, () -> sign(
                    KeySpec.ECC_NIST_EDWARDS25519, keyId, SigningAlgorithm.ED25519_SHA_512, MessageType.DIGEST,
                    sha(SigningAlgorithm.ED25519_SHA_512, MESSAGE)));
            ValidationException prehashWithRaw = expectError(ValidationException.class, () -> sign(
                    KeySpec.ECC_NIST_EDWARDS25519, keyId, SigningAlgorithm.ED25519_PH_SHA_512, MessageType.RAW, MESSAGE));

            assertThat(pureWithDigest.awsMessage()).isEqualTo("Message type DIGEST is incompatible with algorithm ED25519_SHA_512.");
            assertThat(prehashWithRaw.awsMessage()).isEqualTo("Message type RAW is incompatible with algorithm ED25519_PH_SHA_512.");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 4097})
        void aMessageOutside1To4096BytesIsAValidationErrorThatDoesNotShowTheMessage(int length) {
            String keyId = key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS);
            String expected = "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have "
                    + "length " + (length == 0 ? "greater than or equal to 1" : "less than or equal to 4096");

            ValidationException signing = expectError(ValidationException.class, () -> sign(KeySpec.ECC_NIST_P256, keyId,
                    SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, new byte[length]));
            ValidationException verifying = expectError(ValidationException.class, () -> verify(KeySpec.ECC_NIST_P256,
                    keyId, SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, new byte[length], new byte[64]));

            assertThat(signing.errorCode()).isEqualTo("ValidationException");
            assertThat(signing.awsMessage()).isEqualTo(expected);
            assertThat(verifying.awsMessage()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 6145})
        void aSignatureOutside1To6144BytesIsAValidationError(int length) {
            String keyId = key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS);

            ValidationException e = expectError(ValidationException.class, () -> verify(KeySpec.ECC_NIST_P256, keyId,
                    SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE, new byte[length]));

            assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value at 'signature' failed to satisfy "
                    + "constraint: Member must have length " + (length == 0 ? "greater than or equal to 1"
                            : "less than or equal to 6144"));
        }

        @Test
        void aMissingSigningAlgorithmOrSignatureIsAValidationError() {
            String keyId = key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS);

            ValidationException noAlgorithm = expectError(ValidationException.class,
                    () -> sign(KeySpec.ECC_NIST_P256, keyId, null, MessageType.RAW, MESSAGE));
            ValidationException noSignature = expectError(ValidationException.class, () -> verify(KeySpec.ECC_NIST_P256,
                    keyId, SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE, null));

            assertThat(noAlgorithm.awsMessage()).isEqualTo("1 validation error detected: Value null at 'signingAlgorithm' "
                    + "failed to satisfy constraint: Member must not be null");
            assertThat(noSignature.awsMessage()).isEqualTo("1 validation error detected: Value null at 'signature' "
                    + "failed to satisfy constraint: Member must not be null");
        }
    }

    @Nested
    class KeyStates {

        private void assertSignAndVerifyRefused(Class<? extends KmsException> type, String keyId, String errorCode,
                String awsMessage) {
            KmsException signing = expectError(type,
                    () -> sign(KeySpec.ECC_NIST_P256, keyId, SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE));
            KmsException verifying = expectError(type, () -> verify(KeySpec.ECC_NIST_P256, keyId,
                    SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE, new byte[64]));

            assertThat(signing.errorCode()).isEqualTo(errorCode);
            assertThat(signing.awsMessage()).isEqualTo(awsMessage);
            assertThat(verifying.errorCode()).isEqualTo(errorCode);
            assertThat(verifying.awsMessage()).isEqualTo(awsMessage);
        }

        @Test
        void aDisabledKeyIsDisabled() {
            KeyMetadata key = createAwsKms(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);
            kms.disableKey(new DisableKeyRequest(key.keyId()));

            assertSignAndVerifyRefused(DisabledException.class, key.keyId(), "DisabledException",
                    keyArn(key.keyId()) + " is disabled.");
        }

        @Test
        void anExternalKeyWithoutMaterialIsPendingImport() {
            KeyMetadata key = createExternal(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);

            assertSignAndVerifyRefused(KmsInvalidStateException.class, key.keyId(), "KMSInvalidStateException",
                    keyArn(key.keyId()) + " is pending import.");
        }

        @Test
        void aKeyPendingDeletionIsInvalidState() {
            KeyMetadata key = createAwsKms(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);
            scheduleDeletion(kms, key.keyId());

            assertSignAndVerifyRefused(KmsInvalidStateException.class, key.keyId(), "KMSInvalidStateException",
                    keyArn(key.keyId()) + " is pending deletion.");
        }

        @Test
        void aKeyEnabledAgainSignsAgain() {
            KeyMetadata key = createAwsKms(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);
            kms.disableKey(new DisableKeyRequest(key.keyId()));
            kms.enableKey(new dev.byokstudio.kms.EnableKeyRequest(key.keyId()));

            byte[] signature = sign(KeySpec.ECC_NIST_P256, key.keyId(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW,
                    MESSAGE).signature();

            assertThat(verify(KeySpec.ECC_NIST_P256, key.keyId(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE,
                    signature).signatureValid()).isTrue();
        }

        @Test
        void anUnknownKeyIsNotFound() {
            assertSignAndVerifyRefused(NotFoundException.class, UNKNOWN_KEY_ID, "NotFoundException",
                    "Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
        }

        @Test
        void aKeyWhoseImportedMaterialWasDeletedIsPendingImport() {
            KeyMetadata key = AsymmetricFixture.createImported(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY,
                    AsymmetricFixture.fixtureMaterial(KeySpec.ECC_NIST_P256));
            kms.deleteImportedKeyMaterial(new dev.byokstudio.kms.DeleteImportedKeyMaterialRequest(key.keyId(), null));

            assertSignAndVerifyRefused(KmsInvalidStateException.class, key.keyId(), "KMSInvalidStateException",
                    keyArn(key.keyId()) + " is pending import.");
        }
    }
}
