package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.START;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.describe;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static dev.byokstudio.embedded.ImportFixture.importExpiring;
import static dev.byokstudio.embedded.ImportFixture.importMaterial;
import static dev.byokstudio.embedded.ImportFixture.parameters;
import static dev.byokstudio.embedded.ImportFixture.randomBytes;
import static dev.byokstudio.embedded.ImportFixture.request;
import static dev.byokstudio.embedded.ImportFixture.wrap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.ExpiredImportTokenException;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.ImportKeyMaterialResponse;
import dev.byokstudio.kms.ImportType;
import dev.byokstudio.kms.IncorrectKeyMaterialException;
import dev.byokstudio.kms.InvalidCiphertextException;
import dev.byokstudio.kms.InvalidImportTokenException;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.KmsUnsupportedOperationException;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.ValidationException;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.KeyMaterialGenerator;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GetParametersForImport and ImportKeyMaterial through the Kms interface, as real AWS behaves (reference §3, §5). */
class ImportKeyMaterialTest {

    private final EmbeddedKms kms = newKms();

    // ---------------------------------------------------------------- GetParametersForImport

    @Test
    void getParametersForImport_answersTheArnAnRsaPublicKeyAndATokenValidFor24Hours() throws Exception {
        KeyMetadata key = createExternal(kms);

        GetParametersForImportResponse p = parameters(kms, key.keyId(), WrappingAlgorithm.RSAES_OAEP_SHA_256,
                WrappingKeySpec.RSA_3072);

        assertThat(p.keyId()).isEqualTo(keyArn(key.keyId()));
        assertThat(p.parametersValidTo()).isEqualTo(START.plus(Duration.ofHours(24)));
        assertThat(Base64.getEncoder().encodeToString(p.publicKey())).startsWith("MIIBojANBgkqhkiG9w0BAQEFAAOCAY8A");
        assertThat(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(p.publicKey()))).isNotNull();
        assertThat(p.importToken()).hasSizeBetween(1, 6144);
    }

    @Test
    void getParametersForImport_givesAFreshWrappingKeyAndTokenOnEveryCall() {
        KeyMetadata key = createExternal(kms);

        GetParametersForImportResponse first = parameters(kms, key.keyId());
        GetParametersForImportResponse second = parameters(kms, key.keyId());

        assertThat(second.publicKey()).isNotEqualTo(first.publicKey());
        assertThat(second.importToken()).isNotEqualTo(first.importToken());
    }

    @Test
    void getParametersForImport_onAnAwsKmsKey_isUnsupportedWithAwsMessage() {
        KeyMetadata key = createSymmetric(kms);

        KmsUnsupportedOperationException e = expectError(KmsUnsupportedOperationException.class,
                () -> parameters(kms, key.keyId()));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " origin is AWS_KMS which is not valid for this operation.");
    }

    @Test
    void getParametersForImport_onAKeyPendingDeletion_isInvalidState() {
        KeyMetadata key = createExternal(kms);
        scheduleDeletion(kms, key.keyId());

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class, () -> parameters(kms, key.keyId()));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is pending deletion.");
    }

    @Test
    void getParametersForImport_onADisabledKey_works() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        kms.disableKey(new DisableKeyRequest(key.keyId()));

        assertThat(parameters(kms, key.keyId()).keyId()).isEqualTo(keyArn(key.keyId()));
    }

    @Test
    void getParametersForImport_byAlias_isRefusedLikeAws() {
        KeyMetadata key = createExternal(kms);
        kms.createAlias(new dev.byokstudio.kms.CreateAliasRequest("alias/import-me", key.keyId()));

        NotFoundException e = expectError(NotFoundException.class, () -> parameters(kms, "alias/import-me"));

        assertThat(e.awsMessage()).isEqualTo("Invalid keyId 'alias/import-me'");
    }

    @Test
    void getParametersForImport_rsaAesWrapForSymmetricMaterial_isRefusedWithAwsObservedMessage() {
        KeyMetadata key = createExternal(kms);

        ValidationException e = expectError(ValidationException.class, () -> parameters(kms, key.keyId(),
                WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_2048));

        assertThat(e.awsMessage()).isEqualTo("Wrapping algorithm RSA_AES_KEY_WRAP_SHA_256 and wrapping key spec RSA_2048 "
                + "cannot be used to import a SYMMETRIC_DEFAULT key.");
        assertThat(e.explanation().whatToDo()).contains("RSAES_OAEP_SHA_256");
    }

    @ParameterizedTest
    @EnumSource(WrappingKeySpec.class)
    void getParametersForImport_pkcs1v15_isRefusedForEveryWrappingKeySpec(WrappingKeySpec spec) {
        KeyMetadata key = createExternal(kms);

        ValidationException e = expectError(ValidationException.class,
                () -> parameters(kms, key.keyId(), WrappingAlgorithm.RSAES_PKCS1_V1_5, spec));

        assertThat(e.awsMessage()).startsWith("Wrapping algorithm RSAES_PKCS1_V1_5 and wrapping key spec " + spec);
    }

    @Test
    void getParametersForImport_rsaKeyWithPlainOaep_isRefused() {
        KeyMetadata key = createExternal(kms, KeySpec.RSA_4096, KeyUsage.SIGN_VERIFY);

        ValidationException e = expectError(ValidationException.class, () -> parameters(kms, key.keyId()));

        assertThat(e.awsMessage()).isEqualTo("Wrapping algorithm RSAES_OAEP_SHA_256 and wrapping key spec RSA_2048 "
                + "cannot be used to import a RSA_4096 key.");
    }

    @Test
    void getParametersForImport_p521AndEd25519WithRsa2048Oaep_areRefusedButRsa3072Works() {
        KeyMetadata p521 = createExternal(kms, KeySpec.ECC_NIST_P521, KeyUsage.SIGN_VERIFY);
        KeyMetadata ed = createExternal(kms, KeySpec.ECC_NIST_EDWARDS25519, KeyUsage.SIGN_VERIFY);

        expectError(ValidationException.class, () -> parameters(kms, p521.keyId()));
        expectError(ValidationException.class, () -> parameters(kms, ed.keyId()));
        assertThat(parameters(kms, ed.keyId(), WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_3072).keyId())
                .isEqualTo(keyArn(ed.keyId()));
    }

    @Test
    void getParametersForImport_sm2OutsideChina_isRefused() {
        KeyMetadata key = createExternal(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);

        expectError(ValidationException.class,
                () -> parameters(kms, key.keyId(), WrappingAlgorithm.SM2PKE, WrappingKeySpec.SM2));
    }

    @Test
    void getParametersForImport_missingAlgorithm_isAValidationErrorInAwsForm() {
        KeyMetadata key = createExternal(kms);

        ValidationException e = expectError(ValidationException.class, () -> kms.getParametersForImport(
                new GetParametersForImportRequest(key.keyId(), null, WrappingKeySpec.RSA_2048)));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value null at 'wrappingAlgorithm' failed to "
                + "satisfy constraint: Member must not be null");
    }

    // ---------------------------------------------------------------- ImportKeyMaterial: success

    @Test
    void importKeyMaterial_makesAPendingImportKeyEnabledAndAnswersTheArnAndMaterialId() {
        KeyMetadata key = createExternal(kms);

        ImportKeyMaterialResponse response = importMaterial(kms, key.keyId(), randomBytes(32));

        KeyMetadata after = describe(kms, key.keyId());
        assertThat(response.keyId()).isEqualTo(keyArn(key.keyId()));
        assertThat(response.keyMaterialId()).matches("[0-9a-f]{64}");
        assertThat(after.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(after.enabled()).isTrue();
        assertThat(after.expirationModel()).isEqualTo(ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE);
        assertThat(after.validTo()).isNull();
        assertThat(after.currentKeyMaterialId()).isEqualTo(response.keyMaterialId());
    }

    @ParameterizedTest
    @EnumSource(value = WrappingAlgorithm.class, names = {"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"})
    void importKeyMaterial_symmetricMaterialWrappedWithEitherOaep_imports(WrappingAlgorithm algorithm) {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse p = parameters(kms, key.keyId(), algorithm, WrappingKeySpec.RSA_2048);

        kms.importKeyMaterial(request(key.keyId(), p, wrap(p, randomBytes(32), algorithm)));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"ECC_NIST_P256", "ECC_NIST_P384", "ECC_SECG_P256K1", "ECC_NIST_P521",
        "ECC_NIST_EDWARDS25519", "RSA_2048"})
    void importKeyMaterial_asymmetricMaterialWithRsaAesKeyWrap_importsWithoutAMaterialId(KeySpec spec) {
        KeyMetadata key = createExternal(kms, spec, KeyUsage.SIGN_VERIFY);
        byte[] material = new KeyMaterialGenerator(ImportFixture.RANDOM).generate(spec, false).revealCopy();
        GetParametersForImportResponse p = parameters(kms, key.keyId(), WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256,
                WrappingKeySpec.RSA_2048);

        ImportKeyMaterialResponse response = kms.importKeyMaterial(
                request(key.keyId(), p, wrap(p, material, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256)));

        KeyMetadata after = describe(kms, key.keyId());
        assertThat(response.keyMaterialId()).isNull();
        assertThat(after.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(after.currentKeyMaterialId()).isNull();
    }

    @Test
    void importKeyMaterial_hmacMaterial_importsWithoutAMaterialId() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_384, KeyUsage.GENERATE_VERIFY_MAC);

        ImportKeyMaterialResponse response = importMaterial(kms, key.keyId(), randomBytes(48));

        assertThat(response.keyMaterialId()).isNull();
        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void importKeyMaterial_withValidTo_reportsExpiresAndValidToToTheSecond() {
        KeyMetadata key = createExternal(kms);
        Instant validTo = START.plus(Duration.ofDays(30)).plusMillis(750);

        importExpiring(kms, key.keyId(), randomBytes(32), validTo);

        KeyMetadata after = describe(kms, key.keyId());
        assertThat(after.expirationModel()).isEqualTo(ExpirationModel.KEY_MATERIAL_EXPIRES);
        assertThat(after.validTo()).isEqualTo(START.plus(Duration.ofDays(30)));
    }

    @Test
    void importKeyMaterial_sameTokenAgain_reimportsAndSetsTheNewExpiry() {
        KeyMetadata key = createExternal(kms);
        byte[] material = randomBytes(32);
        GetParametersForImportResponse p = parameters(kms, key.keyId());
        byte[] wrapped = wrap(p, material, WrappingAlgorithm.RSAES_OAEP_SHA_256);
        kms.importKeyMaterial(new ImportKeyMaterialRequest(key.keyId(), p.importToken(), wrapped,
                START.plus(Duration.ofDays(1)), null, null, null, null));

        ImportKeyMaterialResponse again = kms.importKeyMaterial(request(key.keyId(), p, wrapped));

        assertThat(again.keyMaterialId()).isEqualTo(describe(kms, key.keyId()).currentKeyMaterialId());
        assertThat(describe(kms, key.keyId()).expirationModel()).isEqualTo(ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE);
    }

    @Test
    void importKeyMaterial_anOlderTokenStaysValidAfterANewerOneIsIssued() {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse older = parameters(kms, key.keyId());
        parameters(kms, key.keyId());

        kms.importKeyMaterial(request(key.keyId(), older, wrap(older, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256)));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void importKeyMaterial_sameMaterialIntoTheSameKey_alwaysHasTheSameMaterialId() {
        KeyMetadata key = createExternal(kms);
        byte[] material = randomBytes(32);

        String first = importMaterial(kms, key.keyId(), material).keyMaterialId();
        String second = importMaterial(kms, key.keyId(), material).keyMaterialId();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void importKeyMaterial_sameMaterialIntoAnotherKey_hasAnotherMaterialId() {
        byte[] material = randomBytes(32);

        String one = importMaterial(kms, createExternal(kms).keyId(), material).keyMaterialId();
        String two = importMaterial(kms, createExternal(kms).keyId(), material).keyMaterialId();

        assertThat(two).isNotEqualTo(one);
    }

    @Test
    void importKeyMaterial_intoADisabledKey_succeedsAndEnablesIt() {
        KeyMetadata key = createExternal(kms);
        byte[] material = randomBytes(32);
        importMaterial(kms, key.keyId(), material);
        kms.disableKey(new DisableKeyRequest(key.keyId()));

        importMaterial(kms, key.keyId(), material);

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void importKeyMaterial_intoAKeyPendingDeletion_isInvalidState() {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse p = parameters(kms, key.keyId());
        scheduleDeletion(kms, key.keyId());

        expectError(KmsInvalidStateException.class, () -> kms.importKeyMaterial(
                request(key.keyId(), p, wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256))));
    }

    // ---------------------------------------------------------------- ImportKeyMaterial: expiry rules

    @Test
    void importKeyMaterial_defaultExpirationModelWithoutValidTo_isRefusedWithAwsMessage() {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse p = parameters(kms, key.keyId());

        ValidationException e = expectError(ValidationException.class, () -> kms.importKeyMaterial(new ImportKeyMaterialRequest(
                key.keyId(), p.importToken(), wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256), null, null,
                null, null, null)));

        assertThat(e.awsMessage()).isEqualTo("A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES");
    }

    @Test
    void importKeyMaterial_validToWithDoesNotExpire_isRefusedWithAwsMessage() {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse p = parameters(kms, key.keyId());

        ValidationException e = expectError(ValidationException.class, () -> kms.importKeyMaterial(new ImportKeyMaterialRequest(
                key.keyId(), p.importToken(), wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256),
                START.plus(Duration.ofDays(1)), ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, null, null, null)));

        assertThat(e.awsMessage())
                .isEqualTo("A validTo date cannot be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE");
    }

    @Test
    void importKeyMaterial_validToNotInTheFuture_isRefused() {
        KeyMetadata key = createExternal(kms);

        ValidationException e = expectError(ValidationException.class,
                () -> importExpiring(kms, key.keyId(), randomBytes(32), START));

        assertThat(e.awsMessage()).isEqualTo("ValidTo must be in the future");
    }

    @Test
    void importKeyMaterial_validTo365DaysAheadIsAcceptedAndOneSecondMoreIsRefused() {
        KeyMetadata key = createExternal(kms);
        byte[] material = randomBytes(32);

        ValidationException e = expectError(ValidationException.class, () -> importExpiring(kms, key.keyId(), material,
                START.plus(Duration.ofDays(365)).plusSeconds(1)));
        importExpiring(kms, key.keyId(), material, START.plus(Duration.ofDays(365)));

        assertThat(e.awsMessage()).isEqualTo("ValidTo must be less than 365 days in the future");
        assertThat(describe(kms, key.keyId()).validTo()).isEqualTo(START.plus(Duration.ofDays(365)));
    }

    // ---------------------------------------------------------------- ImportKeyMaterial: symmetric-only parameters

    @Test
    void importKeyMaterial_importTypeOnAnHmacKey_isRefusedNamingTheKeySpec() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        GetParametersForImportResponse p = parameters(kms, key.keyId());

        ValidationException e = expectError(ValidationException.class, () -> kms.importKeyMaterial(new ImportKeyMaterialRequest(
                key.keyId(), p.importToken(), wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256), null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, ImportType.EXISTING_KEY_MATERIAL, null, null)));

        assertThat(e.awsMessage()).isEqualTo("Input parameter importType cannot be used with HMAC_256 imported keys.");
    }

    @Test
    void importKeyMaterial_descriptionOnAnHmacKey_isRefused() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        GetParametersForImportResponse p = parameters(kms, key.keyId());

        ValidationException e = expectError(ValidationException.class, () -> kms.importKeyMaterial(new ImportKeyMaterialRequest(
                key.keyId(), p.importToken(), wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256), null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, null, "first material", null)));

        assertThat(e.awsMessage()).isEqualTo("Input parameter keyMaterialDescription cannot be used with HMAC_256 imported keys.");
    }

    @Test
    void importKeyMaterial_materialIdWithNewKeyMaterial_isRefused() {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse p = parameters(kms, key.keyId());

        ValidationException e = expectError(ValidationException.class, () -> kms.importKeyMaterial(new ImportKeyMaterialRequest(
                key.keyId(), p.importToken(), wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256), null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, ImportType.NEW_KEY_MATERIAL, null, "a".repeat(64))));

        assertThat(e.awsMessage()).isEqualTo("Input parameter keyMaterialId cannot be used with NEW_KEY_MATERIAL importType.");
    }

    // ---------------------------------------------------------------- ImportKeyMaterial: token and ciphertext failures

    @Test
    void importKeyMaterial_tokenOfAnotherKey_isInvalidImportTokenWithEmptyMessage() {
        KeyMetadata one = createExternal(kms);
        KeyMetadata two = createExternal(kms);
        GetParametersForImportResponse p = parameters(kms, one.keyId());

        InvalidImportTokenException e = expectError(InvalidImportTokenException.class, () -> kms.importKeyMaterial(
                request(two.keyId(), p, wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256))));

        assertThat(e.awsMessage()).isEmpty();
    }

    @Test
    void importKeyMaterial_alteredToken_isInvalidImportToken() {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse p = parameters(kms, key.keyId());
        byte[] token = p.importToken().clone();
        token[token.length / 2] ^= 1;

        expectError(InvalidImportTokenException.class, () -> kms.importKeyMaterial(new ImportKeyMaterialRequest(key.keyId(),
                token, wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256), null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, null, null, null)));
    }

    @Test
    void importKeyMaterial_tokenFromAnotherWorkspace_isInvalidImportToken() {
        EmbeddedKms other = newKms();
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse foreign = parameters(other, createExternal(other).keyId());

        expectError(InvalidImportTokenException.class, () -> kms.importKeyMaterial(request(key.keyId(), foreign,
                wrap(foreign, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256))));
    }

    @Test
    void importKeyMaterial_tokenOlderThan24Hours_isExpiredImportToken() {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse p = parameters(kms, key.keyId());
        kms.advance(Duration.ofHours(24));

        expectError(ExpiredImportTokenException.class, () -> kms.importKeyMaterial(
                request(key.keyId(), p, wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256))));
    }

    @Test
    void importKeyMaterial_tokenOneSecondBefore24Hours_isStillAccepted() {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse p = parameters(kms, key.keyId());
        kms.advance(Duration.ofHours(24).minusSeconds(1));

        kms.importKeyMaterial(request(key.keyId(), p, wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256)));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void importKeyMaterial_wrappedWithAnotherAlgorithmThanTheTokens_isInvalidCiphertext() {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse p = parameters(kms, key.keyId(), WrappingAlgorithm.RSAES_OAEP_SHA_256,
                WrappingKeySpec.RSA_2048);

        InvalidCiphertextException e = expectError(InvalidCiphertextException.class, () -> kms.importKeyMaterial(
                request(key.keyId(), p, wrap(p, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_1))));

        assertThat(e.awsMessage()).isEmpty();
        assertThat(e.explanation().whatHappened()).contains("RSAES_OAEP_SHA_256");
    }

    @Test
    void importKeyMaterial_wrappedForAnotherTokensPublicKey_isInvalidCiphertext() {
        KeyMetadata key = createExternal(kms);
        GetParametersForImportResponse first = parameters(kms, key.keyId());
        GetParametersForImportResponse second = parameters(kms, key.keyId());

        expectError(InvalidCiphertextException.class, () -> kms.importKeyMaterial(
                request(key.keyId(), second, wrap(first, randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256))));
    }

    @Test
    void importKeyMaterial_16BytesIntoASymmetricKeyOutsideChina_isInvalidCiphertextNamingTheLength() {
        KeyMetadata key = createExternal(kms);

        InvalidCiphertextException e = expectError(InvalidCiphertextException.class,
                () -> importMaterial(kms, key.keyId(), randomBytes(16)));

        assertThat(e.awsMessage()).isEmpty();
        assertThat(String.join(" ", e.explanation().likelyCauses())).contains("16");
        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.PendingImport);
    }

    @Test
    void importKeyMaterial_16BytesIntoASymmetricKeyInChina_importsAnSm4Key() {
        EmbeddedKms china = newKms(AccountContext.inRegion("cn-north-1"));
        KeyMetadata key = createExternal(china);

        importMaterial(china, key.keyId(), randomBytes(16));

        assertThat(describe(china, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void importKeyMaterial_hmacOneByteShort_isInvalidCiphertext() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_224, KeyUsage.GENERATE_VERIFY_MAC);

        expectError(InvalidCiphertextException.class, () -> importMaterial(kms, key.keyId(), randomBytes(27)));
    }

    @Test
    void importKeyMaterial_ecKeyOfAnotherCurve_isInvalidCiphertext() {
        KeyMetadata key = createExternal(kms, KeySpec.ECC_NIST_P384, KeyUsage.SIGN_VERIFY);
        byte[] p256 = new KeyMaterialGenerator(ImportFixture.RANDOM).generate(KeySpec.ECC_NIST_P256, false).revealCopy();

        expectError(InvalidCiphertextException.class, () -> importMaterial(kms, key.keyId(), p256));
    }

    // ---------------------------------------------------------------- ImportKeyMaterial: identity of material

    @Test
    void importKeyMaterial_differentBytesIntoASymmetricKey_isIncorrectKeyMaterialNamingTheCurrentId() {
        KeyMetadata key = createExternal(kms);
        String current = importMaterial(kms, key.keyId(), randomBytes(32)).keyMaterialId();

        IncorrectKeyMaterialException e = expectError(IncorrectKeyMaterialException.class,
                () -> importMaterial(kms, key.keyId(), randomBytes(32)));

        assertThat(e.awsMessage()).isEqualTo("Imported key material does not have the expected identifier (" + current + ").");
    }

    @Test
    void importKeyMaterial_differentBytesIntoAnHmacKey_isIncorrectKeyMaterial() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        importMaterial(kms, key.keyId(), randomBytes(32));

        expectError(IncorrectKeyMaterialException.class, () -> importMaterial(kms, key.keyId(), randomBytes(32)));
    }

    @Test
    void importKeyMaterial_keyMaterialIdThatDoesNotMatchTheBytes_namesTheIdSent() {
        KeyMetadata key = createExternal(kms);
        byte[] material = randomBytes(32);
        importMaterial(kms, key.keyId(), material);
        String wrongId = "0".repeat(64);
        GetParametersForImportResponse p = parameters(kms, key.keyId());

        IncorrectKeyMaterialException e = expectError(IncorrectKeyMaterialException.class, () -> kms.importKeyMaterial(
                new ImportKeyMaterialRequest(key.keyId(), p.importToken(),
                        wrap(p, material, WrappingAlgorithm.RSAES_OAEP_SHA_256), null,
                        ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, ImportType.EXISTING_KEY_MATERIAL, null, wrongId)));

        assertThat(e.awsMessage()).isEqualTo("Imported key material does not have the expected identifier (" + wrongId + ").");
    }

    @Test
    void importKeyMaterial_asymmetricKeyReimportedAsBer_isTheSameMaterial() {
        KeyMetadata key = createExternal(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);
        byte[] der = new KeyMaterialGenerator(ImportFixture.RANDOM).generate(KeySpec.ECC_NIST_P256, false).revealCopy();
        importMaterial(kms, key.keyId(), der);
        kms.disableKey(new DisableKeyRequest(key.keyId()));

        importMaterial(kms, key.keyId(), indefiniteLength(der));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    /** The outer SEQUENCE re-encoded with BER's indefinite length (30 80 … 00 00), as real AWS accepted. */
    private static byte[] indefiniteLength(byte[] der) {
        int headerLength = (der[1] & 0x80) == 0 ? 2 : 2 + (der[1] & 0x7f);
        byte[] content = Arrays.copyOfRange(der, headerLength, der.length);
        byte[] ber = new byte[content.length + 4];
        ber[0] = 0x30;
        ber[1] = (byte) 0x80;
        System.arraycopy(content, 0, ber, 2, content.length);
        return ber;
    }
}
