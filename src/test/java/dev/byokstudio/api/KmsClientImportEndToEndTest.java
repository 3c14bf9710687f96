package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.JSON;
import static dev.byokstudio.api.EndpointTestSupport.assertAwsError;
import static dev.byokstudio.api.EndpointTestSupport.assertNoStackTrace;
import static dev.byokstudio.api.EndpointTestSupport.json;
import static dev.byokstudio.api.EndpointTestSupport.keyArn;
import static dev.byokstudio.api.EndpointTestSupport.post;
import static dev.byokstudio.api.EndpointTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.material.KeyMaterialGenerator;
import dev.byokstudio.material.KeyMaterialIds;
import dev.byokstudio.material.KeyWrapping;
import dev.byokstudio.material.MaterialFormatException;
import dev.byokstudio.material.WrappingKeys;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlgorithmSpec;
import software.amazon.awssdk.services.kms.model.DeleteImportedKeyMaterialResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.ExpirationModelType;
import software.amazon.awssdk.services.kms.model.ExpiredImportTokenException;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.ImportKeyMaterialRequest;
import software.amazon.awssdk.services.kms.model.ImportKeyMaterialResponse;
import software.amazon.awssdk.services.kms.model.ImportState;
import software.amazon.awssdk.services.kms.model.ImportType;
import software.amazon.awssdk.services.kms.model.IncludeKeyMaterial;
import software.amazon.awssdk.services.kms.model.IncorrectKeyMaterialException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidImportTokenException;
import software.amazon.awssdk.services.kms.model.KeyMaterialState;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.ListKeyRotationsResponse;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.RotationType;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;
import software.amazon.awssdk.services.kms.model.WrappingKeySpec;

/**
 * Importing key material through the real AWS SDK for Java v2 against the endpoint, as real AWS answers
 * (reference §3, §5, §6, §7, §12): GetParametersForImport, ImportKeyMaterial with every wrapping algorithm
 * of the region, expiry, new key material and on-demand rotation, DeleteImportedKeyMaterial, the rotation
 * settings an EXTERNAL key refuses, and each failure as the SDK's typed exception with AWS's code, message
 * and HTTP 400. The SDK does the Base64 of blobs and the encoding of timestamps. The models run on a fixed
 * clock, so every date is exact, and with a wrapping-key pool that keeps no stock.
 */
class KmsClientImportEndToEndTest {

    /** Not a whole second, so that the millisecond part of the wire's epoch seconds is checked too. */
    static final Instant START = Instant.parse("2026-01-01T00:00:00.123Z");
    static final String CHINA_ARN_PREFIX = "arn:aws-cn:kms:cn-north-1:111122223333:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyMaterialGenerator GENERATOR = new KeyMaterialGenerator(RANDOM);

    static EmbeddedKms kms;
    static KmsEndpoint endpoint;
    static KmsClient client;
    static EmbeddedKms chinaKms;
    static KmsEndpoint chinaEndpoint;
    static KmsClient chinaClient;
    static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        kms = EndpointTestSupport.newImportKms(Clock.fixed(START, ZoneOffset.UTC), AccountContext.defaults());
        endpoint = EndpointTestSupport.start(kms);
        client = EndpointTestSupport.sdkClient(endpoint);
        chinaKms = EndpointTestSupport.newImportKms(Clock.fixed(START, ZoneOffset.UTC),
                AccountContext.inRegion("cn-north-1"));
        chinaEndpoint = EndpointTestSupport.start(chinaKms);
        chinaClient = EndpointTestSupport.sdkClient(chinaEndpoint, Region.CN_NORTH_1);
        http = EndpointTestSupport.httpClient();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {client, endpoint, chinaClient, chinaEndpoint}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a client or a loopback server: nothing left to do
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static KeyMetadata createExternal(KmsClient c, KeySpec spec, KeyUsageType usage) {
        return c.createKey(r -> r.origin(OriginType.EXTERNAL).keySpec(spec).keyUsage(usage)).keyMetadata();
    }

    private static KeyMetadata createExternalSymmetric() {
        return client.createKey(r -> r.origin(OriginType.EXTERNAL)).keyMetadata();
    }

    private static KeyMetadata createExternalHmac() {
        return createExternal(client, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
    }

    private static KeyMetadata describe(KmsClient c, String keyId) {
        return c.describeKey(r -> r.keyId(keyId)).keyMetadata();
    }

    private static GetParametersForImportResponse parameters(KmsClient c, String keyId, AlgorithmSpec algorithm,
            WrappingKeySpec spec) {
        return c.getParametersForImport(r -> r.keyId(keyId).wrappingAlgorithm(algorithm).wrappingKeySpec(spec));
    }

    private static GetParametersForImportResponse parameters(String keyId) {
        return parameters(client, keyId, AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048);
    }

    /** Wraps as a person's machine does, with the public key of {@code parameters}. */
    private static byte[] wrap(GetParametersForImportResponse parameters, byte[] material, AlgorithmSpec algorithm) {
        PublicKey key;
        try {
            key = WrappingKeys.publicKey(parameters.publicKey().asByteArray());
        } catch (MaterialFormatException e) {
            throw new AssertionError("the endpoint returned a public key that cannot be read", e);
        }
        return KeyWrapping.wrap(SecretBytes.copyOf(material), key, WrappingAlgorithm.valueOf(algorithm.toString()), RANDOM);
    }

    private static ImportKeyMaterialRequest.Builder importRequest(String keyId, GetParametersForImportResponse p,
            byte[] wrapped) {
        return ImportKeyMaterialRequest.builder().keyId(keyId).importToken(p.importToken())
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrapped));
    }

    /** Imports {@code material} through a fresh RSAES_OAEP_SHA_256 / RSA_2048 token, with the options given. */
    private static ImportKeyMaterialResponse importMaterial(String keyId, byte[] material,
            Consumer<ImportKeyMaterialRequest.Builder> options) {
        GetParametersForImportResponse p = parameters(keyId);
        ImportKeyMaterialRequest.Builder request = importRequest(keyId, p,
                wrap(p, material, AlgorithmSpec.RSAES_OAEP_SHA_256));
        options.accept(request);
        return client.importKeyMaterial(request.build());
    }

    private static ImportKeyMaterialResponse importForever(String keyId, byte[] material) {
        return importMaterial(keyId, material, r -> r.expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] generated(dev.byokstudio.kms.KeySpec spec, boolean china) {
        return GENERATOR.generate(spec, china).revealCopy();
    }

    private static String materialId(String keyId, byte[] symmetricMaterial) {
        return KeyMaterialIds.of(keyId, SecretBytes.copyOf(symmetricMaterial));
    }

    // ---------------------------------------------------------------- GetParametersForImport

    @Test
    void getParametersForImportAnswersTheArnAnX509PublicKeyAndATokenValidFor24Hours() throws Exception {
        KeyMetadata key = createExternalSymmetric();

        GetParametersForImportResponse p = parameters(key.keyId());

        assertThat(p.keyId()).isEqualTo(keyArn(key.keyId()));
        assertThat(p.parametersValidTo()).isEqualTo(START.plus(Duration.ofHours(24)));
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(p.publicKey().asByteArray()));
        assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(2048);
        assertThat(p.importToken().asByteArray()).hasSizeBetween(1, 6144);
    }

    @Test
    void getParametersForImportByArnAlsoAnswersTheArn() {
        KeyMetadata key = createExternalSymmetric();

        assertThat(parameters(key.arn()).keyId()).isEqualTo(key.arn());
    }

    @Test
    void getParametersForImportGivesAFreshKeyPairAndTokenOnEveryCall() {
        KeyMetadata key = createExternalSymmetric();

        GetParametersForImportResponse first = parameters(key.keyId());
        GetParametersForImportResponse second = parameters(key.keyId());

        assertThat(second.publicKey()).isNotEqualTo(first.publicKey());
        assertThat(second.importToken()).isNotEqualTo(first.importToken());
    }

    @ParameterizedTest
    @EnumSource(value = WrappingKeySpec.class, names = {"RSA_2048", "RSA_3072", "RSA_4096"})
    void thePublicKeyIsAnRsaSubjectPublicKeyInfoOfTheWrappingKeySpec(WrappingKeySpec spec) throws Exception {
        Map<WrappingKeySpec, String> prefixes = Map.of(
                WrappingKeySpec.RSA_2048, "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A",
                WrappingKeySpec.RSA_3072, "MIIBojANBgkqhkiG9w0BAQEFAAOCAY8A",
                WrappingKeySpec.RSA_4096, "MIICIjANBgkqhkiG9w0BAQEFAAOCAg8A");
        KeyMetadata key = createExternalSymmetric();

        GetParametersForImportResponse p = parameters(client, key.keyId(), AlgorithmSpec.RSAES_OAEP_SHA_256, spec);

        byte[] spki = p.publicKey().asByteArray();
        assertThat(Base64.getEncoder().encodeToString(spki)).startsWith(prefixes.get(spec));
        RSAPublicKey rsa = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
        assertThat(rsa.getModulus().bitLength()).isEqualTo(Integer.parseInt(spec.name().substring(4)));
    }

    @Test
    void getParametersForImportOnAnAwsKmsKeyIsUnsupportedOperation() {
        KeyMetadata key = client.createKey(r -> { }).keyMetadata();

        software.amazon.awssdk.services.kms.model.UnsupportedOperationException e = thrown(
                software.amazon.awssdk.services.kms.model.UnsupportedOperationException.class,
                () -> parameters(key.keyId()));

        assertAwsError(e, "UnsupportedOperationException",
                key.arn() + " origin is AWS_KMS which is not valid for this operation.");
    }

    @Test
    void rsaAesKeyWrapForSymmetricMaterialIsAValidationException() {
        KeyMetadata key = createExternalSymmetric();

        KmsException e = thrown(KmsException.class, () -> parameters(client, key.keyId(),
                AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_2048));

        assertAwsError(e, "ValidationException", "Wrapping algorithm RSA_AES_KEY_WRAP_SHA_256 and wrapping key spec "
                + "RSA_2048 cannot be used to import a SYMMETRIC_DEFAULT key.");
    }

    @Test
    void rsaesPkcs1V15IsAValidationException() {
        KeyMetadata key = createExternalSymmetric();

        KmsException e = thrown(KmsException.class, () -> parameters(client, key.keyId(),
                AlgorithmSpec.RSAES_PKCS1_V1_5, WrappingKeySpec.RSA_2048));

        assertAwsError(e, "ValidationException", "Wrapping algorithm RSAES_PKCS1_V1_5 and wrapping key spec RSA_2048 "
                + "cannot be used to import a SYMMETRIC_DEFAULT key.");
    }

    @Test
    void plainOaepForAnRsaKeyIsAValidationException() {
        KeyMetadata key = createExternal(client, KeySpec.RSA_4096, KeyUsageType.ENCRYPT_DECRYPT);

        KmsException e = thrown(KmsException.class, () -> parameters(key.keyId()));

        assertAwsError(e, "ValidationException", "Wrapping algorithm RSAES_OAEP_SHA_256 and wrapping key spec RSA_2048 "
                + "cannot be used to import a RSA_4096 key.");
    }

    // ---------------------------------------------------------------- ImportKeyMaterial, every algorithm

    /** us-east-1 offers the two RSA-OAEP algorithms (any material that fits) and the two RSA-AES ones (asymmetric). */
    @ParameterizedTest
    @EnumSource(value = AlgorithmSpec.class,
            names = {"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"})
    void importsWithEveryWrappingAlgorithmOfTheRegion(AlgorithmSpec algorithm) {
        boolean rsaAes = algorithm.name().startsWith("RSA_AES");
        KeyMetadata key = rsaAes ? createExternal(client, KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY)
                : createExternalSymmetric();
        byte[] material = rsaAes ? generated(dev.byokstudio.kms.KeySpec.RSA_2048, false) : randomBytes(32);
        GetParametersForImportResponse p = parameters(client, key.keyId(), algorithm, WrappingKeySpec.RSA_2048);

        ImportKeyMaterialResponse response = client.importKeyMaterial(importRequest(key.keyId(), p,
                wrap(p, material, algorithm)).expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());

        KeyMetadata after = describe(client, key.keyId());
        assertThat(response.keyId()).isEqualTo(key.arn());
        assertThat(after.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(after.enabled()).isTrue();
        assertThat(after.expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE);
        assertThat(after.validTo()).isNull();
        if (rsaAes) {
            assertThat(response.keyMaterialId()).isNull();
            assertThat(after.currentKeyMaterialId()).isNull();
        } else {
            assertThat(response.keyMaterialId()).matches("[0-9a-f]{64}")
                    .isEqualTo(materialId(key.keyId(), material));
            assertThat(after.currentKeyMaterialId()).isEqualTo(response.keyMaterialId());
        }
    }

    @Test
    void chinaRegionImportsSm2MaterialWrappedWithSm2pke() throws Exception {
        KeyMetadata key = createExternal(chinaClient, KeySpec.SM2, KeyUsageType.SIGN_VERIFY);
        GetParametersForImportResponse p = parameters(chinaClient, key.keyId(), AlgorithmSpec.SM2_PKE,
                WrappingKeySpec.SM2);
        byte[] material = generated(dev.byokstudio.kms.KeySpec.SM2, true);

        ImportKeyMaterialResponse response = chinaClient.importKeyMaterial(importRequest(key.keyId(), p,
                wrap(p, material, AlgorithmSpec.SM2_PKE))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());

        assertThat(key.arn()).startsWith(CHINA_ARN_PREFIX);
        assertThat(p.keyId()).isEqualTo(key.arn());
        assertThat(WrappingKeys.specOf(WrappingKeys.publicKey(p.publicKey().asByteArray())))
                .isEqualTo(dev.byokstudio.kms.WrappingKeySpec.SM2);
        assertThat(response.keyId()).isEqualTo(key.arn());
        assertThat(response.keyMaterialId()).isNull();
        assertThat(describe(chinaClient, key.keyId()).keyState()).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void chinaRegionImportsSixteenByteSymmetricMaterialWithOaep() {
        KeyMetadata key = chinaClient.createKey(r -> r.origin(OriginType.EXTERNAL)).keyMetadata();
        GetParametersForImportResponse p = parameters(chinaClient, key.keyId(), AlgorithmSpec.RSAES_OAEP_SHA_256,
                WrappingKeySpec.RSA_2048);
        byte[] material = randomBytes(16);

        ImportKeyMaterialResponse response = chinaClient.importKeyMaterial(importRequest(key.keyId(), p,
                wrap(p, material, AlgorithmSpec.RSAES_OAEP_SHA_256))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build());

        assertThat(response.keyMaterialId()).isEqualTo(materialId(key.keyId(), material));
        assertThat(describe(chinaClient, key.keyId()).keyState()).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void chinaRegionRefusesRsaAesKeyWrap() {
        KeyMetadata key = createExternal(chinaClient, KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);

        KmsException e = thrown(KmsException.class, () -> parameters(chinaClient, key.keyId(),
                AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_2048));

        assertAwsError(e, "ValidationException", "Wrapping algorithm RSA_AES_KEY_WRAP_SHA_256 and wrapping key spec "
                + "RSA_2048 cannot be used to import a RSA_2048 key.");
    }

    // ---------------------------------------------------------------- ValidTo

    @Test
    void validToWithMillisecondsComesBackFromDescribeKeyToTheSecond() {
        KeyMetadata key = createExternalSymmetric();
        Instant validTo = Instant.parse("2026-01-31T12:34:56.789Z");

        importMaterial(key.keyId(), randomBytes(32), r -> r.validTo(validTo));

        KeyMetadata after = describe(client, key.keyId());
        assertThat(after.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(after.expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_EXPIRES);
        assertThat(after.validTo()).isEqualTo(Instant.parse("2026-01-31T12:34:56Z"));
    }

    @Test
    void reimportingTheSameMaterialChangesTheExpiry() {
        KeyMetadata key = createExternalSymmetric();
        byte[] material = randomBytes(32);
        String id = importMaterial(key.keyId(), material, r -> r.validTo(START.plus(Duration.ofDays(10))))
                .keyMaterialId();

        String again = importForever(key.keyId(), material).keyMaterialId();

        KeyMetadata after = describe(client, key.keyId());
        assertThat(again).isEqualTo(id);
        assertThat(after.expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE);
        assertThat(after.validTo()).isNull();
    }

    @Test
    void missingValidToWithTheDefaultExpirationModelIsAValidationException() {
        KeyMetadata key = createExternalSymmetric();

        KmsException e = thrown(KmsException.class, () -> importMaterial(key.keyId(), randomBytes(32), r -> { }));

        assertAwsError(e, "ValidationException",
                "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES");
    }

    @Test
    void validToInThePastIsAValidationException() {
        KeyMetadata key = createExternalSymmetric();

        KmsException e = thrown(KmsException.class, () -> importMaterial(key.keyId(), randomBytes(32),
                r -> r.validTo(START.minus(Duration.ofDays(1)))));

        assertAwsError(e, "ValidationException", "ValidTo must be in the future");
    }

    @Test
    void validToMoreThan365DaysAheadIsAValidationException() {
        KeyMetadata key = createExternalSymmetric();

        KmsException e = thrown(KmsException.class, () -> importMaterial(key.keyId(), randomBytes(32),
                r -> r.validTo(START.plus(Duration.ofDays(366)))));

        assertAwsError(e, "ValidationException", "ValidTo must be less than 365 days in the future");
    }

    @Test
    void validToWithKeyMaterialDoesNotExpireIsAValidationException() {
        KeyMetadata key = createExternalSymmetric();

        KmsException e = thrown(KmsException.class, () -> importMaterial(key.keyId(), randomBytes(32),
                r -> r.expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)
                        .validTo(START.plus(Duration.ofDays(10)))));

        assertAwsError(e, "ValidationException",
                "A validTo date cannot be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE");
    }

    // ---------------------------------------------------------------- new key material and rotation

    @Test
    void newKeyMaterialRotatesOnDemandAndListKeyRotationsShowsEveryField() {
        KeyMetadata key = createExternalSymmetric();
        String firstId = importForever(key.keyId(), randomBytes(32)).keyMaterialId();
        assertThat(client.listKeyRotations(r -> r.keyId(key.keyId())).rotations()).isEmpty();
        Instant validTo = Instant.parse("2026-03-01T00:00:00Z");

        String secondId = importMaterial(key.keyId(), randomBytes(32), r -> r.importType(ImportType.NEW_KEY_MATERIAL)
                .validTo(validTo).keyMaterialDescription("second material")).keyMaterialId();

        assertThat(secondId).matches("[0-9a-f]{64}").isNotEqualTo(firstId);
        assertThat(describe(client, key.keyId()).currentKeyMaterialId()).isEqualTo(firstId);
        ListKeyRotationsResponse pending = client.listKeyRotations(r -> r.keyId(key.keyId())
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL));
        assertThat(pending.rotations())
                .extracting(RotationsListEntry::keyId, RotationsListEntry::keyMaterialId,
                        RotationsListEntry::keyMaterialDescription, RotationsListEntry::importState,
                        RotationsListEntry::keyMaterialState, RotationsListEntry::expirationModel,
                        RotationsListEntry::validTo, RotationsListEntry::rotationDate, RotationsListEntry::rotationType)
                .containsExactlyInAnyOrder(
                        tuple(key.arn(), firstId, null, ImportState.IMPORTED, KeyMaterialState.CURRENT,
                                ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE, null, null, null),
                        tuple(key.arn(), secondId, "second material", ImportState.IMPORTED,
                                KeyMaterialState.PENDING_ROTATION, ExpirationModelType.KEY_MATERIAL_EXPIRES, validTo,
                                null, null));
        assertThat(pending.truncated()).isFalse();
        assertThat(pending.nextMarker()).isNull();

        assertThat(client.rotateKeyOnDemand(r -> r.keyId(key.keyId())).keyId()).isEqualTo(key.arn());

        KeyMetadata rotated = describe(client, key.keyId());
        assertThat(rotated.currentKeyMaterialId()).isEqualTo(secondId);
        assertThat(rotated.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(rotated.expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_EXPIRES);
        assertThat(rotated.validTo()).isEqualTo(validTo);
        assertThat(client.listKeyRotations(r -> r.keyId(key.keyId())).rotations())
                .extracting(RotationsListEntry::keyMaterialId, RotationsListEntry::keyMaterialState,
                        RotationsListEntry::importState, RotationsListEntry::rotationDate, RotationsListEntry::rotationType)
                .containsExactly(tuple(secondId, KeyMaterialState.CURRENT, ImportState.IMPORTED, START,
                        RotationType.ON_DEMAND));
        assertThat(client.listKeyRotations(r -> r.keyId(key.keyId())
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL)).rotations())
                .extracting(RotationsListEntry::keyMaterialId, RotationsListEntry::keyMaterialState,
                        RotationsListEntry::rotationDate, RotationsListEntry::rotationType)
                .containsExactlyInAnyOrder(
                        tuple(firstId, KeyMaterialState.NON_CURRENT, null, null),
                        tuple(secondId, KeyMaterialState.CURRENT, START, RotationType.ON_DEMAND));
    }

    @Test
    void listKeyRotationsWithAllKeyMaterialOfANeverRotatedKeyShowsItsFirstMaterial() {
        KeyMetadata key = createExternalSymmetric();
        String id = importForever(key.keyId(), randomBytes(32)).keyMaterialId();

        assertThat(client.listKeyRotations(r -> r.keyId(key.keyId())).rotations()).isEmpty();
        assertThat(client.listKeyRotations(r -> r.keyId(key.keyId())
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL)).rotations())
                .extracting(RotationsListEntry::keyMaterialId, RotationsListEntry::keyMaterialState,
                        RotationsListEntry::importState, RotationsListEntry::rotationDate)
                .containsExactly(tuple(id, KeyMaterialState.CURRENT, ImportState.IMPORTED, null));
    }

    @Test
    void includeKeyMaterialOnAnHmacKeyIsAValidationException() {
        KeyMetadata key = createExternalHmac();

        KmsException e = thrown(KmsException.class, () -> client.listKeyRotations(r -> r.keyId(key.keyId())
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL)));

        assertAwsError(e, "ValidationException", "Input parameter includeKeyMaterial can only be used with symmetric keys.");
    }

    @Test
    void newKeyMaterialWhileAnotherIsPendingRotationIsInvalidState() {
        KeyMetadata key = createExternalSymmetric();
        importForever(key.keyId(), randomBytes(32));
        String pendingId = importMaterial(key.keyId(), randomBytes(32), r -> r.importType(ImportType.NEW_KEY_MATERIAL)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)).keyMaterialId();
        byte[] third = randomBytes(32);

        KmsInvalidStateException e = thrown(KmsInvalidStateException.class, () -> importMaterial(key.keyId(), third,
                r -> r.importType(ImportType.NEW_KEY_MATERIAL)
                        .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)));

        assertAwsError(e, "KMSInvalidStateException", "New key material (id: " + materialId(key.keyId(), third)
                + ") cannot be imported into KMS key " + key.arn() + ", because another key material (id: "
                + pendingId + ") is pending rotation.");
    }

    @Test
    void rotateKeyOnDemandWithoutPendingMaterialIsInvalidState() {
        KeyMetadata key = createExternalSymmetric();
        importForever(key.keyId(), randomBytes(32));

        KmsInvalidStateException e = thrown(KmsInvalidStateException.class,
                () -> client.rotateKeyOnDemand(r -> r.keyId(key.keyId())));

        assertAwsError(e, "KMSInvalidStateException",
                "No available key material pending rotation for the key: " + key.arn() + ".");
    }

    @Test
    void rotateKeyOnDemandOfAKeyPendingImportIsInvalidState() {
        KeyMetadata key = createExternalSymmetric();

        KmsInvalidStateException e = thrown(KmsInvalidStateException.class,
                () -> client.rotateKeyOnDemand(r -> r.keyId(key.keyId())));

        assertAwsError(e, "KMSInvalidStateException", key.arn() + " is pending import.");
    }

    @Test
    void getKeyRotationStatusOfAnExternalKeySaysDisabled() {
        KeyMetadata pendingImport = createExternalSymmetric();
        KeyMetadata enabled = createExternalSymmetric();
        importForever(enabled.keyId(), randomBytes(32));

        for (KeyMetadata key : new KeyMetadata[] {pendingImport, enabled}) {
            GetKeyRotationStatusResponse status = client.getKeyRotationStatus(r -> r.keyId(key.keyId()));
            assertThat(status.keyRotationEnabled()).as("KeyRotationEnabled of a %s key", key.keyState()).isFalse();
            assertThat(status.keyId()).isEqualTo(key.arn());
            assertThat(status.rotationPeriodInDays()).isNull();
            assertThat(status.nextRotationDate()).isNull();
            assertThat(status.onDemandRotationStartDate()).isNull();
        }
    }

    @Test
    void enableAndDisableKeyRotationOfAnExternalKeyAreUnsupportedOperations() {
        KeyMetadata pendingImport = createExternalSymmetric();
        KeyMetadata enabled = createExternalSymmetric();
        importForever(enabled.keyId(), randomBytes(32));

        for (KeyMetadata key : new KeyMetadata[] {pendingImport, enabled}) {
            String message = key.arn() + " origin is EXTERNAL which is not valid for this operation.";
            assertAwsError(thrown(software.amazon.awssdk.services.kms.model.UnsupportedOperationException.class,
                    () -> client.enableKeyRotation(r -> r.keyId(key.keyId()))), "UnsupportedOperationException", message);
            assertAwsError(thrown(software.amazon.awssdk.services.kms.model.UnsupportedOperationException.class,
                    () -> client.enableKeyRotation(r -> r.keyId(key.keyId()).rotationPeriodInDays(90))),
                    "UnsupportedOperationException", message);
            assertAwsError(thrown(software.amazon.awssdk.services.kms.model.UnsupportedOperationException.class,
                    () -> client.disableKeyRotation(r -> r.keyId(key.keyId()))), "UnsupportedOperationException", message);
        }
    }

    // ---------------------------------------------------------------- DeleteImportedKeyMaterial

    @Test
    void deleteImportedKeyMaterialOfASymmetricKeyAnswersTheArnAndTheMaterialId() {
        KeyMetadata key = createExternalSymmetric();
        String id = importMaterial(key.keyId(), randomBytes(32), r -> r.validTo(START.plus(Duration.ofDays(30))))
                .keyMaterialId();

        DeleteImportedKeyMaterialResponse response = client.deleteImportedKeyMaterial(r -> r.keyId(key.keyId()));

        assertThat(response.keyId()).isEqualTo(key.arn());
        assertThat(response.keyMaterialId()).isEqualTo(id);
        KeyMetadata after = describe(client, key.keyId());
        assertThat(after.keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThat(after.enabled()).isFalse();
        assertThat(after.expirationModel()).isNull();
        assertThat(after.validTo()).isNull();
        assertThat(after.currentKeyMaterialId()).isEqualTo(id);
    }

    @Test
    void deleteImportedKeyMaterialOfAnHmacKeyAnswersNoMaterialId() {
        KeyMetadata key = createExternalHmac();
        importForever(key.keyId(), randomBytes(32));

        DeleteImportedKeyMaterialResponse response = client.deleteImportedKeyMaterial(r -> r.keyId(key.keyId()));

        assertThat(response.keyId()).isEqualTo(key.arn());
        assertThat(response.keyMaterialId()).isNull();
        assertThat(describe(client, key.keyId()).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
    }

    // ---------------------------------------------------------------- ImportKeyMaterial failures

    @Test
    void importTypeOnAnHmacKeyIsAValidationException() {
        KeyMetadata key = createExternalHmac();

        KmsException e = thrown(KmsException.class, () -> importMaterial(key.keyId(), randomBytes(32),
                r -> r.expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)
                        .importType(ImportType.EXISTING_KEY_MATERIAL)));

        assertAwsError(e, "ValidationException", "Input parameter importType cannot be used with HMAC_256 imported keys.");
    }

    @Test
    void aTokenIssuedForAnotherKeyIsAnInvalidImportToken() {
        KeyMetadata key = createExternalSymmetric();
        KeyMetadata other = createExternalSymmetric();
        GetParametersForImportResponse p = parameters(other.keyId());

        InvalidImportTokenException e = thrown(InvalidImportTokenException.class, () -> client.importKeyMaterial(
                importRequest(key.keyId(), p, wrap(p, randomBytes(32), AlgorithmSpec.RSAES_OAEP_SHA_256))
                        .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build()));

        assertAwsError(e, "InvalidImportTokenException", null);
        assertThat(describe(client, key.keyId()).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
    }

    @Test
    void anAlteredTokenIsAnInvalidImportToken() {
        KeyMetadata key = createExternalSymmetric();
        GetParametersForImportResponse p = parameters(key.keyId());
        byte[] token = p.importToken().asByteArray();
        token[token.length / 2] ^= 0x01;

        InvalidImportTokenException e = thrown(InvalidImportTokenException.class, () -> client.importKeyMaterial(
                importRequest(key.keyId(), p, wrap(p, randomBytes(32), AlgorithmSpec.RSAES_OAEP_SHA_256))
                        .importToken(SdkBytes.fromByteArray(token))
                        .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build()));

        assertAwsError(e, "InvalidImportTokenException", null);
    }

    @Test
    void aTokenOfTheMaximumLengthThatKmsDidNotIssueIsAnInvalidImportToken() {
        KeyMetadata key = createExternalSymmetric();
        GetParametersForImportResponse p = parameters(key.keyId());

        InvalidImportTokenException e = thrown(InvalidImportTokenException.class, () -> client.importKeyMaterial(
                importRequest(key.keyId(), p, wrap(p, randomBytes(32), AlgorithmSpec.RSAES_OAEP_SHA_256))
                        .importToken(SdkBytes.fromByteArray(randomBytes(6144)))
                        .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build()));

        assertAwsError(e, "InvalidImportTokenException", null);
    }

    @Test
    void aTokenOfMoreThan6144BytesIsAValidationExceptionThatDoesNotShowIt() {
        KeyMetadata key = createExternalSymmetric();
        GetParametersForImportResponse p = parameters(key.keyId());

        KmsException e = thrown(KmsException.class, () -> client.importKeyMaterial(
                importRequest(key.keyId(), p, wrap(p, randomBytes(32), AlgorithmSpec.RSAES_OAEP_SHA_256))
                        .importToken(SdkBytes.fromByteArray(randomBytes(6145)))
                        .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build()));

        assertAwsError(e, "ValidationException", "1 validation error detected: Value at 'importToken' failed to satisfy "
                + "constraint: Member must have length less than or equal to 6144");
    }

    /** The clock moves in this test, so it has a model, an endpoint and a client of its own. */
    @Test
    void aToken24HoursOldIsExpiredAndOneSecondYoungerStillImports() throws IOException {
        EmbeddedKms own = EndpointTestSupport.newImportKms(Clock.fixed(START, ZoneOffset.UTC), AccountContext.defaults());
        try (KmsEndpoint ownEndpoint = EndpointTestSupport.start(own);
                KmsClient ownClient = EndpointTestSupport.sdkClient(ownEndpoint)) {
            String keyId = ownClient.createKey(r -> r.origin(OriginType.EXTERNAL)).keyMetadata().keyId();
            GetParametersForImportResponse p = parameters(ownClient, keyId, AlgorithmSpec.RSAES_OAEP_SHA_256,
                    WrappingKeySpec.RSA_2048);
            ImportKeyMaterialRequest request = importRequest(keyId, p,
                    wrap(p, randomBytes(32), AlgorithmSpec.RSAES_OAEP_SHA_256))
                    .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build();

            HttpResponse<String> advanced = post(http, ownEndpoint, "ByokStudio.AdvanceClock", "{\"Seconds\": 86399}");
            assertThat(advanced.statusCode()).isEqualTo(200);
            ownClient.importKeyMaterial(request);
            assertThat(describe(ownClient, keyId).keyState()).isEqualTo(KeyState.ENABLED);
            assertThat(post(http, ownEndpoint, "ByokStudio.AdvanceClock", "{\"Seconds\": 1}").statusCode())
                    .isEqualTo(200);

            ExpiredImportTokenException e = thrown(ExpiredImportTokenException.class,
                    () -> ownClient.importKeyMaterial(request));

            assertAwsError(e, "ExpiredImportTokenException", null);
            assertThat(own.now()).isEqualTo(p.parametersValidTo());
        }
    }

    @Test
    void materialWrappedWithAnotherAlgorithmThanTheTokensIsAnInvalidCiphertext() {
        KeyMetadata key = createExternalSymmetric();
        GetParametersForImportResponse p = parameters(key.keyId());

        InvalidCiphertextException e = thrown(InvalidCiphertextException.class, () -> client.importKeyMaterial(
                importRequest(key.keyId(), p, wrap(p, randomBytes(32), AlgorithmSpec.RSAES_OAEP_SHA_1))
                        .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build()));

        assertAwsError(e, "InvalidCiphertextException", null);
        assertThat(describe(client, key.keyId()).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
    }

    @Test
    void sixteenBytesOfSymmetricMaterialOutsideChinaAreAnInvalidCiphertext() {
        KeyMetadata key = createExternalSymmetric();

        InvalidCiphertextException e = thrown(InvalidCiphertextException.class,
                () -> importForever(key.keyId(), randomBytes(16)));

        assertAwsError(e, "InvalidCiphertextException", null);
    }

    @Test
    void differentMaterialOnReimportIsIncorrectKeyMaterialNamingTheExpectedId() {
        KeyMetadata key = createExternalSymmetric();
        String id = importForever(key.keyId(), randomBytes(32)).keyMaterialId();

        IncorrectKeyMaterialException e = thrown(IncorrectKeyMaterialException.class,
                () -> importForever(key.keyId(), randomBytes(32)));

        assertAwsError(e, "IncorrectKeyMaterialException",
                "Imported key material does not have the expected identifier (" + id + ").");
    }

    @Test
    void differentMaterialForAnHmacKeyIsIncorrectKeyMaterialToo() {
        KeyMetadata key = createExternalHmac();
        importForever(key.keyId(), randomBytes(32));

        IncorrectKeyMaterialException e = thrown(IncorrectKeyMaterialException.class,
                () -> importForever(key.keyId(), randomBytes(32)));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage())
                .matches("Imported key material does not have the expected identifier \\([0-9a-f]{64}\\)\\.");
    }

    // ---------------------------------------------------------------- more of what real AWS was seen to do

    /** Tokens are reusable within 24 hours, and an older token stays valid after a newer one (reference §3.2). */
    @Test
    void anOlderTokenStaysValidAfterANewerOneAndATokenCanBeUsedAgain() {
        KeyMetadata key = createExternalSymmetric();
        byte[] material = randomBytes(32);
        GetParametersForImportResponse older = parameters(key.keyId());
        parameters(key.keyId());
        ImportKeyMaterialRequest request = importRequest(key.keyId(), older,
                wrap(older, material, AlgorithmSpec.RSAES_OAEP_SHA_256))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE).build();

        String first = client.importKeyMaterial(request).keyMaterialId();
        String again = client.importKeyMaterial(request).keyMaterialId();

        assertThat(again).isEqualTo(first);
        assertThat(describe(client, key.keyId()).keyState()).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void getParametersForImportOfAKeyPendingDeletionIsInvalidState() {
        KeyMetadata key = createExternalSymmetric();
        client.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));

        KmsInvalidStateException e = thrown(KmsInvalidStateException.class, () -> parameters(key.keyId()));

        assertAwsError(e, "KMSInvalidStateException", key.arn() + " is pending deletion.");
    }

    @Test
    void reimportIntoADisabledKeyEnablesIt() {
        KeyMetadata key = createExternalSymmetric();
        byte[] material = randomBytes(32);
        importForever(key.keyId(), material);
        client.disableKey(r -> r.keyId(key.keyId()));

        importForever(key.keyId(), material);

        assertThat(describe(client, key.keyId()).keyState()).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void rotateKeyOnDemandOfADisabledKeyIsDisabled() {
        KeyMetadata key = createExternalSymmetric();
        importForever(key.keyId(), randomBytes(32));
        importMaterial(key.keyId(), randomBytes(32), r -> r.importType(ImportType.NEW_KEY_MATERIAL)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));
        client.disableKey(r -> r.keyId(key.keyId()));

        DisabledException e = thrown(DisabledException.class, () -> client.rotateKeyOnDemand(r -> r.keyId(key.keyId())));

        assertAwsError(e, "DisabledException", key.arn() + " is disabled.");
    }

    @Test
    void rotateKeyOnDemandOfAnHmacKeyIsUnsupportedWithoutAMessage() {
        KeyMetadata key = createExternalHmac();
        importForever(key.keyId(), randomBytes(32));

        software.amazon.awssdk.services.kms.model.UnsupportedOperationException e = thrown(
                software.amazon.awssdk.services.kms.model.UnsupportedOperationException.class,
                () -> client.rotateKeyOnDemand(r -> r.keyId(key.keyId())));

        assertAwsError(e, "UnsupportedOperationException", null);
    }

    @Test
    void newKeyMaterialThatIsAlreadyAssociatedIsIncorrectKeyMaterial() {
        KeyMetadata key = createExternalSymmetric();
        byte[] material = randomBytes(32);
        String id = importForever(key.keyId(), material).keyMaterialId();

        IncorrectKeyMaterialException e = thrown(IncorrectKeyMaterialException.class, () -> importMaterial(key.keyId(),
                material, r -> r.importType(ImportType.NEW_KEY_MATERIAL)
                        .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)));

        assertAwsError(e, "IncorrectKeyMaterialException", "Key material (id: " + id
                + ") being imported as NEW_KEY_MATERIAL is already associated with KMS key " + key.arn() + ".");
    }

    @Test
    void keyMaterialIdWithNewKeyMaterialIsAValidationException() {
        KeyMetadata key = createExternalSymmetric();
        String id = importForever(key.keyId(), randomBytes(32)).keyMaterialId();

        KmsException e = thrown(KmsException.class, () -> importMaterial(key.keyId(), randomBytes(32),
                r -> r.importType(ImportType.NEW_KEY_MATERIAL).keyMaterialId(id)
                        .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)));

        assertAwsError(e, "ValidationException",
                "Input parameter keyMaterialId cannot be used with NEW_KEY_MATERIAL importType.");
    }

    @Test
    void reimportNamingAnotherKeyMaterialIdIsIncorrectKeyMaterialNamingTheIdSent() {
        KeyMetadata key = createExternalSymmetric();
        byte[] material = randomBytes(32);
        importForever(key.keyId(), material);
        String sent = "0123456789abcdef".repeat(4);

        IncorrectKeyMaterialException e = thrown(IncorrectKeyMaterialException.class, () -> importMaterial(key.keyId(),
                material, r -> r.keyMaterialId(sent).expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)));

        assertAwsError(e, "IncorrectKeyMaterialException",
                "Imported key material does not have the expected identifier (" + sent + ").");
    }

    @Test
    void deleteNamingAKeyMaterialIdNeverImportedIsAValidationException() {
        KeyMetadata key = createExternalSymmetric();
        importForever(key.keyId(), randomBytes(32));
        String unknown = "fedcba9876543210".repeat(4);

        KmsException e = thrown(KmsException.class, () -> client.deleteImportedKeyMaterial(r -> r.keyId(key.keyId())
                .keyMaterialId(unknown)));

        assertAwsError(e, "ValidationException",
                "Key material (id: " + unknown + ") has never been imported into KMS key " + key.arn() + ".");
    }

    @Test
    void deleteOfAKeyThatNeverHadMaterialAnswersNoMaterialId() {
        KeyMetadata key = createExternalSymmetric();

        DeleteImportedKeyMaterialResponse response = client.deleteImportedKeyMaterial(r -> r.keyId(key.keyId()));

        assertThat(response.keyId()).isEqualTo(key.arn());
        assertThat(response.keyMaterialId()).isNull();
        assertThat(describe(client, key.keyId()).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
    }

    /**
     * Deleting a NON_CURRENT material makes the whole key PendingImport, keeps CurrentKeyMaterialId, and
     * ListKeyRotations shows that material PENDING_IMPORT without an expiration model; reimporting it with
     * its KeyMaterialId brings the key back (reference §7.2, §6.3).
     */
    @Test
    void deletingNonCurrentMaterialMakesTheKeyPendingImportUntilItIsReimported() {
        KeyMetadata key = createExternalSymmetric();
        byte[] firstMaterial = randomBytes(32);
        String firstId = importForever(key.keyId(), firstMaterial).keyMaterialId();
        String secondId = importMaterial(key.keyId(), randomBytes(32), r -> r.importType(ImportType.NEW_KEY_MATERIAL)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)).keyMaterialId();
        client.rotateKeyOnDemand(r -> r.keyId(key.keyId()));

        DeleteImportedKeyMaterialResponse deleted = client.deleteImportedKeyMaterial(r -> r.keyId(key.keyId())
                .keyMaterialId(firstId));

        assertThat(deleted.keyMaterialId()).isEqualTo(firstId);
        KeyMetadata after = describe(client, key.keyId());
        assertThat(after.keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThat(after.currentKeyMaterialId()).isEqualTo(secondId);
        assertThat(client.listKeyRotations(r -> r.keyId(key.keyId())
                .includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL)).rotations())
                .extracting(RotationsListEntry::keyMaterialId, RotationsListEntry::keyMaterialState,
                        RotationsListEntry::importState, RotationsListEntry::expirationModel)
                .containsExactlyInAnyOrder(
                        tuple(firstId, KeyMaterialState.NON_CURRENT, ImportState.PENDING_IMPORT, null),
                        tuple(secondId, KeyMaterialState.CURRENT, ImportState.IMPORTED,
                                ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));

        importMaterial(key.keyId(), firstMaterial, r -> r.keyMaterialId(firstId)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));

        assertThat(describe(client, key.keyId()).keyState()).isEqualTo(KeyState.ENABLED);
    }

    // ---------------------------------------------------------------- the wire, without the SDK

    /** On the wire, blobs are standard Base64 strings and ParametersValidTo is epoch seconds with milliseconds. */
    @Test
    void getParametersForImportOnTheWireIsBase64AndEpochSeconds() {
        KeyMetadata key = createExternalSymmetric();

        HttpResponse<String> response = post(http, endpoint, "TrentService.GetParametersForImport", JSON.createObjectNode()
                .put("KeyId", key.keyId()).put("WrappingAlgorithm", "RSAES_OAEP_SHA_256")
                .put("WrappingKeySpec", "RSA_2048").toString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.get("KeyId").asText()).isEqualTo(key.arn());
        assertThat(body.get("ParametersValidTo").isNumber()).isTrue();
        assertThat(body.get("ParametersValidTo").decimalValue())
                .isEqualByComparingTo(new java.math.BigDecimal("1767312000.123"));
        assertThat(body.get("PublicKey").asText()).startsWith("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A");
        assertThat(Base64.getDecoder().decode(body.get("PublicKey").asText())).hasSize(294);
        assertThat(Base64.getDecoder().decode(body.get("ImportToken").asText())).isNotEmpty();
        assertThat(body.size()).as("members: %s", body).isEqualTo(4);
    }

    /** A blob that is not Base64 cannot be read, and the value sent (it could be key material) is not echoed. */
    @ParameterizedTest
    @ValueSource(strings = {"s3cr3t-not-base64", "s3cr3t!!not*b64?"})
    void encryptedKeyMaterialThatIsNotBase64IsASerializationExceptionThatDoesNotShowIt(String sent) {
        KeyMetadata key = createExternalSymmetric();
        GetParametersForImportResponse p = parameters(key.keyId());
        ObjectNode body = JSON.createObjectNode()
                .put("KeyId", key.keyId())
                .put("ImportToken", Base64.getEncoder().encodeToString(p.importToken().asByteArray()))
                .put("EncryptedKeyMaterial", sent)
                .put("ExpirationModel", "KEY_MATERIAL_DOES_NOT_EXPIRE");

        HttpResponse<String> response = post(http, endpoint, "TrentService.ImportKeyMaterial", body.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertNoStackTrace(response.body());
        JsonNode error = json(response.body());
        assertThat(error.get("__type").asText()).isEqualTo("SerializationException");
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain(sent).doesNotContain("s3cr3t");
        assertThat(response.body()).doesNotContain("s3cr3t");
        assertThat(describe(client, key.keyId()).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
    }
}
