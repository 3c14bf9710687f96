package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.ACCOUNT;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.START;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.UUID_PATTERN;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.describe;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.CustomKeyStoreNotFoundException;
import dev.byokstudio.kms.EncryptionAlgorithm;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.KeyAgreementAlgorithm;
import dev.byokstudio.kms.KeyManager;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.ListResourceTagsRequest;
import dev.byokstudio.kms.MacAlgorithm;
import dev.byokstudio.kms.MalformedPolicyDocumentException;
import dev.byokstudio.kms.MultiRegionKeyType;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.kms.TagException;
import dev.byokstudio.kms.ValidationException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreateKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The key usages AWS accepts for each key spec, from the CreateKey KeyUsage documentation, written
     * out here rather than read from {@link KeySpec#allowedUsages()} so that a wrong table in the model fails.
     */
    private static final Map<KeySpec, Set<KeyUsage>> ALLOWED = new EnumMap<>(KeySpec.class);

    static {
        Set<KeyUsage> rsa = EnumSet.of(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY);
        Set<KeyUsage> nist = EnumSet.of(KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT);
        Set<KeyUsage> signOnly = EnumSet.of(KeyUsage.SIGN_VERIFY);
        Set<KeyUsage> mac = EnumSet.of(KeyUsage.GENERATE_VERIFY_MAC);
        ALLOWED.put(KeySpec.SYMMETRIC_DEFAULT, EnumSet.of(KeyUsage.ENCRYPT_DECRYPT));
        ALLOWED.put(KeySpec.HMAC_224, mac);
        ALLOWED.put(KeySpec.HMAC_256, mac);
        ALLOWED.put(KeySpec.HMAC_384, mac);
        ALLOWED.put(KeySpec.HMAC_512, mac);
        ALLOWED.put(KeySpec.RSA_2048, rsa);
        ALLOWED.put(KeySpec.RSA_3072, rsa);
        ALLOWED.put(KeySpec.RSA_4096, rsa);
        ALLOWED.put(KeySpec.ECC_NIST_P256, nist);
        ALLOWED.put(KeySpec.ECC_NIST_P384, nist);
        ALLOWED.put(KeySpec.ECC_NIST_P521, nist);
        ALLOWED.put(KeySpec.ECC_SECG_P256K1, signOnly);
        ALLOWED.put(KeySpec.ECC_NIST_EDWARDS25519, signOnly);
        ALLOWED.put(KeySpec.SM2, EnumSet.of(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT));
        ALLOWED.put(KeySpec.ML_DSA_44, signOnly);
        ALLOWED.put(KeySpec.ML_DSA_65, signOnly);
        ALLOWED.put(KeySpec.ML_DSA_87, signOnly);
        Set<KeyUsage> encapsulation = EnumSet.of(KeyUsage.ENCAPSULATE_DECAPSULATE);
        ALLOWED.put(KeySpec.ML_KEM_512, encapsulation);
        ALLOWED.put(KeySpec.ML_KEM_768, encapsulation);
        ALLOWED.put(KeySpec.ML_KEM_1024, encapsulation);
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void createKey_withNoParameters_isAnEnabledSymmetricEncryptionKeyManagedByTheCustomer() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = createSymmetric(kms);

        assertThat(key.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(key.customerMasterKeySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(key.keyUsage()).isEqualTo(KeyUsage.ENCRYPT_DECRYPT);
        assertThat(key.origin()).isEqualTo(Origin.AWS_KMS);
        assertThat(key.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(key.enabled()).isTrue();
        assertThat(key.keyManager()).isEqualTo(KeyManager.CUSTOMER);
        assertThat(key.awsAccountId()).isEqualTo(ACCOUNT);
        assertThat(key.creationDate()).isEqualTo(START);
        assertThat(key.description()).isEmpty();
        assertThat(key.encryptionAlgorithms()).containsExactly(EncryptionAlgorithm.SYMMETRIC_DEFAULT);
        assertThat(key.signingAlgorithms()).isEmpty();
        assertThat(key.macAlgorithms()).isEmpty();
        assertThat(key.keyAgreementAlgorithms()).isEmpty();
        assertThat(key.multiRegion()).isFalse();
        assertThat(key.multiRegionConfiguration()).isNull();
        assertThat(key.deletionDate()).isNull();
        assertThat(key.validTo()).isNull();
        assertThat(key.expirationModel()).isNull();
    }

    @Test
    void createKey_keyIdIsAUuidAndArnNamesAccountAndRegion() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = createSymmetric(kms);

        assertThat(key.keyId()).matches(UUID_PATTERN);
        assertThat(key.arn()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/" + key.keyId());
    }

    @Test
    void createKey_twice_givesDistinctKeyIds() {
        EmbeddedKms kms = newKms();

        assertThat(createSymmetric(kms).keyId()).isNotEqualTo(createSymmetric(kms).keyId());
    }

    @Test
    void createKey_describeKeyReturnsTheSameMetadataAsCreateKey() {
        EmbeddedKms kms = newKms();

        KeyMetadata created = createSymmetric(kms);

        assertThat(describe(kms, created.keyId())).isEqualTo(created);
    }

    @Test
    void createKey_withoutPolicy_attachesTheDefaultPolicyDelegatingToTheAccountRoot() throws Exception {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        JsonNode policy = JSON.readTree(kms.getKeyPolicy(new GetKeyPolicyRequest(key.keyId(), null)).policy());

        assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(policy.get("Id").asText()).isEqualTo("key-default-1");
        assertThat(policy.get("Statement")).hasSize(1);
        JsonNode statement = policy.get("Statement").get(0);
        assertThat(statement.get("Sid").asText()).isEqualTo("Enable IAM User Permissions");
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.get("Principal").get("AWS").asText()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(statement.get("Action").asText()).isEqualTo("kms:*");
        assertThat(statement.get("Resource").asText()).isEqualTo("*");
    }

    @Test
    void createKey_withDescription_keepsIt() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().description("payroll data").build()).keyMetadata();

        assertThat(describe(kms, key.keyId()).description()).isEqualTo("payroll data");
    }

    // ---------------------------------------------------------------- CurrentKeyMaterialId

    @Test
    void createKey_symmetricAwsKmsKey_hasA64HexCurrentKeyMaterialId() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = createSymmetric(kms);

        assertThat(key.currentKeyMaterialId()).matches("[0-9a-f]{64}");
    }

    @Test
    void createKey_symmetricExternalKey_hasNoCurrentKeyMaterialId() {
        EmbeddedKms kms = newKms();

        assertThat(createExternal(kms).currentKeyMaterialId()).isNull();
    }

    @Test
    void createKey_hmacAwsKmsKey_hasNoCurrentKeyMaterialId() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsage.GENERATE_VERIFY_MAC).build()).keyMetadata();

        assertThat(key.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(key.currentKeyMaterialId()).isNull();
    }

    @Test
    void createKey_asymmetricAwsKmsKey_hasNoCurrentKeyMaterialId() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.ECC_NIST_P256)
                .keyUsage(KeyUsage.SIGN_VERIFY).build()).keyMetadata();

        assertThat(key.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(key.currentKeyMaterialId()).isNull();
    }

    // ---------------------------------------------------------------- EXTERNAL origin

    @Test
    void createKey_withExternalOrigin_startsPendingImportWithoutMaterial() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = createExternal(kms);

        assertThat(key.origin()).isEqualTo(Origin.EXTERNAL);
        assertThat(key.keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(key.enabled()).isFalse();
        assertThat(key.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(key.keyUsage()).isEqualTo(KeyUsage.ENCRYPT_DECRYPT);
        assertThat(key.encryptionAlgorithms()).containsExactly(EncryptionAlgorithm.SYMMETRIC_DEFAULT);
        assertThat(key.expirationModel()).isNull();
        assertThat(key.validTo()).isNull();
    }

    // ---------------------------------------------------------------- key spec × key usage

    static Stream<Arguments> everySpecAndUsage() {
        List<Arguments> all = new ArrayList<>();
        for (KeySpec spec : KeySpec.values()) {
            for (KeyUsage usage : KeyUsage.values()) {
                all.add(Arguments.of(spec, usage));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everySpecAndUsage")
    void createKey_keySpecAndUsage_succeedsExactlyForTheCombinationsAwsAllows(KeySpec spec, KeyUsage usage) {
        // SM2 exists only in the China Regions; ML-DSA cannot be EXTERNAL (and generating it is fast).
        EmbeddedKms kms = spec == KeySpec.SM2 ? newKms(AccountContext.inRegion("cn-north-1")) : newKms();
        Origin origin = spec.supportsExternalOrigin() ? Origin.EXTERNAL : Origin.AWS_KMS;
        CreateKeyRequest request = CreateKeyRequest.builder().keySpec(spec).keyUsage(usage).origin(origin).build();

        if (ALLOWED.get(spec).contains(usage)) {
            KeyMetadata key = kms.createKey(request).keyMetadata();
            assertThat(key.keySpec()).isEqualTo(spec);
            assertThat(key.keyUsage()).isEqualTo(usage);
        } else {
            ValidationException e = expectError(ValidationException.class, () -> kms.createKey(request));
            assertThat(e.awsMessage()).isEqualTo("KeyUsage " + usage + " is not compatible with KeySpec " + spec);
            assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "ECC_NIST_P256",
        "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "ECC_NIST_EDWARDS25519", "ML_DSA_44", "ML_KEM_768"})
    void createKey_withoutKeyUsage_forAKeyThatCannotEncrypt_isRefused(KeySpec spec) {
        EmbeddedKms kms = newKms();

        ValidationException e = expectError(ValidationException.class,
                () -> kms.createKey(CreateKeyRequest.builder().keySpec(spec).origin(Origin.EXTERNAL).build()));

        assertThat(e.awsMessage())
                .isEqualTo("You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"RSA_2048", "RSA_3072", "RSA_4096"})
    void createKey_rsaWithoutKeyUsage_isRefused(KeySpec spec) {
        EmbeddedKms kms = newKms();

        ValidationException e = expectError(ValidationException.class,
                () -> kms.createKey(CreateKeyRequest.builder().keySpec(spec).origin(Origin.EXTERNAL).build()));

        assertThat(e.awsMessage())
                .isEqualTo("You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
    }

    @Test
    void createKey_symmetricWithoutKeyUsage_defaultsToEncryptDecrypt() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.SYMMETRIC_DEFAULT).build())
                .keyMetadata();

        assertThat(key.keyUsage()).isEqualTo(KeyUsage.ENCRYPT_DECRYPT);
    }

    // ---------------------------------------------------------------- reported algorithms

    /** spec, usage, encryption, signing, MAC, key agreement algorithms AWS reports. */
    static Stream<Arguments> algorithmsBySpecAndUsage() {
        List<EncryptionAlgorithm> noEnc = List.of();
        List<SigningAlgorithm> noSig = List.of();
        List<MacAlgorithm> noMac = List.of();
        List<KeyAgreementAlgorithm> noKa = List.of();
        List<SigningAlgorithm> rsaSigning = List.of(SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256,
                SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_512,
                SigningAlgorithm.RSASSA_PSS_SHA_256, SigningAlgorithm.RSASSA_PSS_SHA_384,
                SigningAlgorithm.RSASSA_PSS_SHA_512);
        List<EncryptionAlgorithm> rsaEncryption = List.of(EncryptionAlgorithm.RSAES_OAEP_SHA_1,
                EncryptionAlgorithm.RSAES_OAEP_SHA_256);
        List<KeyAgreementAlgorithm> ecdh = List.of(KeyAgreementAlgorithm.ECDH);
        return Stream.of(
                Arguments.of(KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT,
                        List.of(EncryptionAlgorithm.SYMMETRIC_DEFAULT), noSig, noMac, noKa),
                Arguments.of(KeySpec.HMAC_224, KeyUsage.GENERATE_VERIFY_MAC, noEnc, noSig,
                        List.of(MacAlgorithm.HMAC_SHA_224), noKa),
                Arguments.of(KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC, noEnc, noSig,
                        List.of(MacAlgorithm.HMAC_SHA_256), noKa),
                Arguments.of(KeySpec.HMAC_384, KeyUsage.GENERATE_VERIFY_MAC, noEnc, noSig,
                        List.of(MacAlgorithm.HMAC_SHA_384), noKa),
                Arguments.of(KeySpec.HMAC_512, KeyUsage.GENERATE_VERIFY_MAC, noEnc, noSig,
                        List.of(MacAlgorithm.HMAC_SHA_512), noKa),
                Arguments.of(KeySpec.RSA_2048, KeyUsage.ENCRYPT_DECRYPT, rsaEncryption, noSig, noMac, noKa),
                Arguments.of(KeySpec.RSA_3072, KeyUsage.ENCRYPT_DECRYPT, rsaEncryption, noSig, noMac, noKa),
                Arguments.of(KeySpec.RSA_4096, KeyUsage.ENCRYPT_DECRYPT, rsaEncryption, noSig, noMac, noKa),
                Arguments.of(KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY, noEnc, rsaSigning, noMac, noKa),
                Arguments.of(KeySpec.RSA_4096, KeyUsage.SIGN_VERIFY, noEnc, rsaSigning, noMac, noKa),
                Arguments.of(KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY, noEnc,
                        List.of(SigningAlgorithm.ECDSA_SHA_256), noMac, noKa),
                Arguments.of(KeySpec.ECC_NIST_P384, KeyUsage.SIGN_VERIFY, noEnc,
                        List.of(SigningAlgorithm.ECDSA_SHA_384), noMac, noKa),
                Arguments.of(KeySpec.ECC_NIST_P521, KeyUsage.SIGN_VERIFY, noEnc,
                        List.of(SigningAlgorithm.ECDSA_SHA_512), noMac, noKa),
                Arguments.of(KeySpec.ECC_SECG_P256K1, KeyUsage.SIGN_VERIFY, noEnc,
                        List.of(SigningAlgorithm.ECDSA_SHA_256), noMac, noKa),
                Arguments.of(KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT, noEnc, noSig, noMac, ecdh),
                Arguments.of(KeySpec.ECC_NIST_P384, KeyUsage.KEY_AGREEMENT, noEnc, noSig, noMac, ecdh),
                Arguments.of(KeySpec.ECC_NIST_P521, KeyUsage.KEY_AGREEMENT, noEnc, noSig, noMac, ecdh),
                Arguments.of(KeySpec.ECC_NIST_EDWARDS25519, KeyUsage.SIGN_VERIFY, noEnc,
                        List.of(SigningAlgorithm.ED25519_SHA_512, SigningAlgorithm.ED25519_PH_SHA_512), noMac, noKa),
                Arguments.of(KeySpec.SM2, KeyUsage.ENCRYPT_DECRYPT, List.of(EncryptionAlgorithm.SM2PKE), noSig, noMac,
                        noKa),
                Arguments.of(KeySpec.SM2, KeyUsage.SIGN_VERIFY, noEnc, List.of(SigningAlgorithm.SM2DSA), noMac, noKa),
                Arguments.of(KeySpec.SM2, KeyUsage.KEY_AGREEMENT, noEnc, noSig, noMac, ecdh),
                Arguments.of(KeySpec.ML_DSA_44, KeyUsage.SIGN_VERIFY, noEnc,
                        List.of(SigningAlgorithm.ML_DSA_SHAKE_256), noMac, noKa),
                Arguments.of(KeySpec.ML_DSA_65, KeyUsage.SIGN_VERIFY, noEnc,
                        List.of(SigningAlgorithm.ML_DSA_SHAKE_256), noMac, noKa),
                Arguments.of(KeySpec.ML_DSA_87, KeyUsage.SIGN_VERIFY, noEnc,
                        List.of(SigningAlgorithm.ML_DSA_SHAKE_256), noMac, noKa));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("algorithmsBySpecAndUsage")
    void createKey_reportsTheAlgorithmsOfItsSpecAndUsage(KeySpec spec, KeyUsage usage,
            List<EncryptionAlgorithm> encryption, List<SigningAlgorithm> signing, List<MacAlgorithm> mac,
            List<KeyAgreementAlgorithm> keyAgreement) {
        EmbeddedKms kms = spec == KeySpec.SM2 ? newKms(AccountContext.inRegion("cn-north-1")) : newKms();
        Origin origin = spec.supportsExternalOrigin() ? Origin.EXTERNAL : Origin.AWS_KMS;

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(spec).keyUsage(usage).origin(origin).build())
                .keyMetadata();

        // AWS's documented order is not established for every list (the AWS CLI example lists the PKCS1
        // algorithms first for RSA), so only membership is checked.
        assertThat(key.encryptionAlgorithms()).containsExactlyInAnyOrderElementsOf(encryption);
        assertThat(key.signingAlgorithms()).containsExactlyInAnyOrderElementsOf(signing);
        assertThat(key.macAlgorithms()).containsExactlyInAnyOrderElementsOf(mac);
        assertThat(key.keyAgreementAlgorithms()).containsExactlyInAnyOrderElementsOf(keyAgreement);
    }

    @Test
    void createKey_mlDsaKey_reportsCustomerMasterKeySpecLikeAws() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.ML_DSA_65)
                .keyUsage(KeyUsage.SIGN_VERIFY).build()).keyMetadata();

        assertThat(key.customerMasterKeySpec()).isEqualTo(KeySpec.ML_DSA_65);
    }

    // ---------------------------------------------------------------- ML-DSA, SM2, China

    @Test
    void createKey_mlDsaWithExternalOrigin_isRefused() {
        EmbeddedKms kms = newKms();

        ValidationException e = expectError(ValidationException.class, () -> kms.createKey(CreateKeyRequest.builder()
                .keySpec(KeySpec.ML_DSA_65).keyUsage(KeyUsage.SIGN_VERIFY).origin(Origin.EXTERNAL).build()));

        assertThat(e.awsMessage()).isEqualTo("KeySpec ML_DSA_65 is not supported for Origin EXTERNAL");
    }

    @Test
    void createKey_mlDsaWithAwsKmsOrigin_isEnabled() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.ML_DSA_44)
                .keyUsage(KeyUsage.SIGN_VERIFY).build()).keyMetadata();

        assertThat(key.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(key.origin()).isEqualTo(Origin.AWS_KMS);
        assertThat(key.signingAlgorithms()).containsExactly(SigningAlgorithm.ML_DSA_SHAKE_256);
    }

    @ParameterizedTest
    @EnumSource(value = Origin.class, names = {"AWS_KMS", "EXTERNAL"})
    void createKey_sm2OutsideChina_isRefused(Origin origin) {
        EmbeddedKms kms = newKms();

        Throwable thrown = catchThrowable(() -> kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.SM2)
                .keyUsage(KeyUsage.SIGN_VERIFY).origin(origin).build()));

        // AWS's text for this case was never recorded (message catalogue §15): only the refusal is checked.
        assertThat(thrown).isInstanceOf(KmsException.class);
        assertThat(((KmsException) thrown).awsMessage()).contains("SM2");
        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).isEmpty();
    }

    @Test
    void createKey_sm2InChina_isCreatedWithAnAwsCnArn() {
        EmbeddedKms kms = newKms(AccountContext.inRegion("cn-north-1"));

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.SM2)
                .keyUsage(KeyUsage.SIGN_VERIFY).build()).keyMetadata();

        assertThat(key.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(key.arn()).isEqualTo("arn:aws-cn:kms:cn-north-1:111122223333:key/" + key.keyId());
        assertThat(key.signingAlgorithms()).containsExactly(SigningAlgorithm.SM2DSA);
    }

    @Test
    void createKey_symmetricInChina_isEnabledWithMaterialIdAndAwsCnPolicy() throws Exception {
        EmbeddedKms kms = newKms(AccountContext.inRegion("cn-north-1"));

        KeyMetadata key = createSymmetric(kms);

        assertThat(key.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(key.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(key.arn()).startsWith("arn:aws-cn:kms:cn-north-1:111122223333:key/");
        assertThat(key.currentKeyMaterialId()).matches("[0-9a-f]{64}");
        JsonNode policy = JSON.readTree(kms.getKeyPolicy(new GetKeyPolicyRequest(key.keyId(), null)).policy());
        assertThat(policy.get("Statement").get(0).get("Principal").get("AWS").asText())
                .isEqualTo("arn:aws-cn:iam::111122223333:root");
    }

    // ---------------------------------------------------------------- KeySpec and CustomerMasterKeySpec

    @Test
    void createKey_withKeySpecAndCustomerMasterKeySpec_isRefused() {
        EmbeddedKms kms = newKms();

        ValidationException e = expectError(ValidationException.class, () -> kms.createKey(CreateKeyRequest.builder()
                .keySpec(KeySpec.SYMMETRIC_DEFAULT).customerMasterKeySpec(KeySpec.SYMMETRIC_DEFAULT).build()));

        // Only a third-party emulator's text is known (message catalogue §2); check that both are named.
        assertThat(e.awsMessage()).contains("KeySpec").contains("CustomerMasterKeySpec");
    }

    @Test
    void createKey_withCustomerMasterKeySpecAlone_usesItAsTheKeySpec() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().customerMasterKeySpec(KeySpec.ECC_NIST_P256)
                .keyUsage(KeyUsage.SIGN_VERIFY).origin(Origin.EXTERNAL).build()).keyMetadata();

        assertThat(key.keySpec()).isEqualTo(KeySpec.ECC_NIST_P256);
        assertThat(key.customerMasterKeySpec()).isEqualTo(KeySpec.ECC_NIST_P256);
    }

    // ---------------------------------------------------------------- multi-Region

    @Test
    void createKey_multiRegion_hasAnMrkKeyIdAndIsThePrimary() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().multiRegion(true).build()).keyMetadata();

        assertThat(key.keyId()).matches("mrk-[0-9a-f]{32}");
        assertThat(key.arn()).isEqualTo(keyArn(key.keyId()));
        assertThat(key.multiRegion()).isTrue();
        assertThat(key.multiRegionConfiguration()).isNotNull();
        assertThat(key.multiRegionConfiguration().multiRegionKeyType()).isEqualTo(MultiRegionKeyType.PRIMARY);
        assertThat(key.multiRegionConfiguration().primaryKey().arn()).isEqualTo(key.arn());
        assertThat(key.multiRegionConfiguration().primaryKey().region()).isEqualTo("us-east-1");
        assertThat(key.multiRegionConfiguration().replicaKeys()).isEmpty();
        assertThat(describe(kms, key.keyId()).keyId()).isEqualTo(key.keyId());
    }

    @Test
    void createKey_multiRegionExternal_startsPendingImport() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().multiRegion(true).origin(Origin.EXTERNAL).build())
                .keyMetadata();

        assertThat(key.keyId()).startsWith("mrk-");
        assertThat(key.keyState()).isEqualTo(KeyState.PendingImport);
    }

    // ---------------------------------------------------------------- description

    @Test
    void createKey_descriptionOf8192Characters_isAccepted() {
        EmbeddedKms kms = newKms();
        String description = "d".repeat(8192);

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().description(description).build()).keyMetadata();

        assertThat(key.description()).isEqualTo(description);
    }

    @Test
    void createKey_descriptionOver8192Characters_isAValidationError() {
        EmbeddedKms kms = newKms();
        String description = "d".repeat(8193);

        ValidationException e = expectError(ValidationException.class,
                () -> kms.createKey(CreateKeyRequest.builder().description(description).build()));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value '" + description
                + "' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192");
    }

    // ---------------------------------------------------------------- tags

    @Test
    void createKey_withTags_keepsThemInOrder() {
        EmbeddedKms kms = newKms();
        List<Tag> tags = List.of(new Tag("team", "payments"), new Tag("env", "prod"), new Tag("cost", ""));

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().tags(tags).build()).keyMetadata();

        assertThat(kms.listResourceTags(new ListResourceTagsRequest(key.keyId(), null, null)).tags())
                .containsExactlyElementsOf(tags);
    }

    @Test
    void createKey_withDuplicateTagKeys_isATagException() {
        EmbeddedKms kms = newKms();

        TagException e = expectError(TagException.class, () -> kms.createKey(CreateKeyRequest.builder()
                .tags(List.of(new Tag("k", "1"), new Tag("k", "2"))).build()));

        assertThat(e.awsMessage()).isEqualTo("Duplicate tag keys");
        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).isEmpty();
    }

    @Test
    void createKey_with50Tags_isAccepted() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().tags(tags(50)).build()).keyMetadata();

        assertThat(kms.listResourceTags(new ListResourceTagsRequest(key.keyId(), null, null)).tags())
                .hasSize(50);
    }

    @Test
    void createKey_with51Tags_isTooManyTags() {
        EmbeddedKms kms = newKms();

        TagException e = expectError(TagException.class,
                () -> kms.createKey(CreateKeyRequest.builder().tags(tags(51)).build()));

        assertThat(e.awsMessage()).isEqualTo("Too many tags");
        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws:x", "AWS:x", "Aws:x"})
    void createKey_withTagKeyBeginningWithAws_isReserved(String tagKey) {
        EmbeddedKms kms = newKms();

        TagException e = expectError(TagException.class, () -> kms.createKey(CreateKeyRequest.builder()
                .tags(List.of(new Tag(tagKey, "v"))).build()));

        assertThat(e.awsMessage()).isEqualTo("Tags beginning with aws: are reserved");
    }

    @Test
    void createKey_withTagKeyOf129Characters_isAValidationErrorAtItsMember() {
        EmbeddedKms kms = newKms();
        String tagKey = "a".repeat(129);

        ValidationException e = expectError(ValidationException.class, () -> kms.createKey(CreateKeyRequest.builder()
                .tags(List.of(new Tag(tagKey, "v"))).build()));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value '" + tagKey
                + "' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128");
    }

    @Test
    void createKey_withTagValueOf257Characters_isAValidationErrorAtItsMember() {
        EmbeddedKms kms = newKms();
        String value = "v".repeat(257);

        ValidationException e = expectError(ValidationException.class, () -> kms.createKey(CreateKeyRequest.builder()
                .tags(List.of(new Tag("ok", "v"), new Tag("k", value))).build()));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value '" + value
                + "' at 'tags.2.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256");
    }

    // ---------------------------------------------------------------- policy and key store

    @Test
    void createKey_withMalformedPolicy_isRefusedAndCreatesNothing() {
        EmbeddedKms kms = newKms();

        expectError(MalformedPolicyDocumentException.class,
                () -> kms.createKey(CreateKeyRequest.builder().policy("{\"Version\":\"2012-10-17\"}").build()));

        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).isEmpty();
    }

    @Test
    void createKey_withCustomKeyStoreId_isCustomKeyStoreNotFound() {
        EmbeddedKms kms = newKms();

        expectError(CustomKeyStoreNotFoundException.class,
                () -> kms.createKey(CreateKeyRequest.builder().customKeyStoreId("cks-1234567890abcdef0").build()));

        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).isEmpty();
    }

    static List<Tag> tags(int n) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            tags.add(new Tag("tag" + i, "value" + i));
        }
        return tags;
    }

    @Test
    void createKey_mlKem768_isAnEncapsulationKeyReportingMlKem() {
        EmbeddedKms kms = newKms();

        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.ML_KEM_768)
                .keyUsage(KeyUsage.ENCAPSULATE_DECAPSULATE).build()).keyMetadata();

        assertThat(key.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(key.encapsulationAlgorithms()).containsExactly(dev.byokstudio.kms.EncapsulationAlgorithm.ML_KEM);
        assertThat(key.encryptionAlgorithms()).isEmpty();
        assertThat(key.signingAlgorithms()).isEmpty();
    }

    @Test
    void createKey_mlKemWithExternalOrigin_isRefusedLikeMlDsa() {
        EmbeddedKms kms = newKms();

        ValidationException e = expectError(ValidationException.class, () -> kms.createKey(CreateKeyRequest.builder()
                .keySpec(KeySpec.ML_KEM_512).keyUsage(KeyUsage.ENCAPSULATE_DECAPSULATE).origin(Origin.EXTERNAL).build()));

        assertThat(e.awsMessage()).isEqualTo("KeySpec ML_KEM_512 is not supported for Origin EXTERNAL");
    }
}
