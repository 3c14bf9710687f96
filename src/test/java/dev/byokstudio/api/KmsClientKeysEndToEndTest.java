package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.ACCOUNT;
import static dev.byokstudio.api.EndpointTestSupport.UNKNOWN_KEY_ID;
import static dev.byokstudio.api.EndpointTestSupport.UUID_PATTERN;
import static dev.byokstudio.api.EndpointTestSupport.aliasArn;
import static dev.byokstudio.api.EndpointTestSupport.assertAwsError;
import static dev.byokstudio.api.EndpointTestSupport.keyArn;
import static dev.byokstudio.api.EndpointTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.EmbeddedKms;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CancelKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.CustomerMasterKeySpec;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyAgreementAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.MultiRegionKeyType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * The key lifecycle through the real AWS SDK for Java v2 against the endpoint: CreateKey, DescribeKey,
 * ListKeys, EnableKey/DisableKey, ScheduleKeyDeletion/CancelKeyDeletion, and their errors as the SDK's
 * typed exceptions. The model runs on a fixed clock, so that every date is exact.
 */
class KmsClientKeysEndToEndTest {

    /** Not a whole second, so that the millisecond part of the wire's epoch seconds is checked too. */
    static final Instant START = Instant.parse("2026-01-01T00:00:00.123Z");

    static EmbeddedKms kms;
    static KmsEndpoint endpoint;
    static KmsClient client;

    @BeforeAll
    static void start() throws IOException {
        kms = EndpointTestSupport.newKms(Clock.fixed(START, ZoneOffset.UTC));
        endpoint = EndpointTestSupport.start(kms);
        client = EndpointTestSupport.sdkClient(endpoint);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private static KeyMetadata create(CreateKeyRequest request) {
        return client.createKey(request).keyMetadata();
    }

    private static KeyMetadata describe(String keyId) {
        return client.describeKey(r -> r.keyId(keyId)).keyMetadata();
    }

    // ---------------------------------------------------------------- CreateKey

    @Test
    @SuppressWarnings("deprecation") // AWS still sends the deprecated CustomerMasterKeySpec
    void createKeyWithDefaultsMakesAnEnabledSymmetricEncryptionKey() {
        KeyMetadata m = create(CreateKeyRequest.builder().build());

        assertThat(m.keyId()).matches(UUID_PATTERN);
        assertThat(m.arn()).isEqualTo(keyArn(m.keyId()));
        assertThat(m.awsAccountId()).isEqualTo(ACCOUNT);
        assertThat(m.creationDate()).isEqualTo(START);
        assertThat(m.enabled()).isTrue();
        assertThat(m.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(m.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
        assertThat(m.origin()).isEqualTo(OriginType.AWS_KMS);
        assertThat(m.keyManager()).isEqualTo(KeyManagerType.CUSTOMER);
        assertThat(m.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(m.customerMasterKeySpec()).isEqualTo(CustomerMasterKeySpec.SYMMETRIC_DEFAULT);
        assertThat(m.encryptionAlgorithms()).containsExactly(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(m.hasSigningAlgorithms()).isFalse();
        assertThat(m.hasMacAlgorithms()).isFalse();
        assertThat(m.hasKeyAgreementAlgorithms()).isFalse();
        assertThat(m.multiRegion()).isFalse();
        assertThat(m.multiRegionConfiguration()).isNull();
        assertThat(m.deletionDate()).isNull();
        assertThat(m.validTo()).isNull();
        assertThat(m.currentKeyMaterialId()).matches("[0-9a-f]{64}");
    }

    /** KMS's Description defaults to the empty string, and real KMS sends it: "Description": "". */
    @Test
    void keyWithoutDescriptionReportsAnEmptyDescription() {
        KeyMetadata m = create(CreateKeyRequest.builder().build());

        assertThat(m.description()).isEqualTo("");
        assertThat(describe(m.keyId()).description()).isEqualTo("");
    }

    @Test
    void createKeyWithExternalOriginIsPendingImport() {
        KeyMetadata m = create(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build());

        assertThat(m.origin()).isEqualTo(OriginType.EXTERNAL);
        assertThat(m.keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThat(m.enabled()).isFalse();
        assertThat(m.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(m.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
        assertThat(m.encryptionAlgorithms()).containsExactly(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(m.expirationModel()).isNull();
        assertThat(m.currentKeyMaterialId()).isNull();
    }

    @Test
    @SuppressWarnings("deprecation") // AWS still sends the deprecated CustomerMasterKeySpec
    void createHmacKeyForMacs() {
        KeyMetadata m = create(CreateKeyRequest.builder()
                .keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC).build());

        assertThat(m.keySpec()).isEqualTo(KeySpec.HMAC_256);
        assertThat(m.customerMasterKeySpec()).isEqualTo(CustomerMasterKeySpec.HMAC_256);
        assertThat(m.keyUsage()).isEqualTo(KeyUsageType.GENERATE_VERIFY_MAC);
        assertThat(m.macAlgorithms()).containsExactly(MacAlgorithmSpec.HMAC_SHA_256);
        assertThat(m.hasEncryptionAlgorithms()).isFalse();
        assertThat(m.hasSigningAlgorithms()).isFalse();
        assertThat(m.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(m.currentKeyMaterialId()).isNull();
    }

    @Test
    void createEccKeyForKeyAgreement() {
        KeyMetadata m = create(CreateKeyRequest.builder()
                .keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.KEY_AGREEMENT).build());

        assertThat(m.keySpec()).isEqualTo(KeySpec.ECC_NIST_P256);
        assertThat(m.keyUsage()).isEqualTo(KeyUsageType.KEY_AGREEMENT);
        assertThat(m.keyAgreementAlgorithms()).containsExactly(KeyAgreementAlgorithmSpec.ECDH);
        assertThat(m.hasSigningAlgorithms()).isFalse();
        assertThat(m.hasEncryptionAlgorithms()).isFalse();
        assertThat(m.keyState()).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void createKeyWithDescriptionAndTags() {
        KeyMetadata m = create(CreateKeyRequest.builder()
                .description("rehearsal key")
                .tags(Tag.builder().tagKey("Project").tagValue("byok").build(),
                        Tag.builder().tagKey("Empty").tagValue("").build())
                .build());

        assertThat(m.description()).isEqualTo("rehearsal key");
        assertThat(describe(m.keyId()).description()).isEqualTo("rehearsal key");
        assertThat(client.listResourceTags(r -> r.keyId(m.keyId())).tags())
                .extracting(Tag::tagKey, Tag::tagValue)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Project", "byok"),
                        org.assertj.core.groups.Tuple.tuple("Empty", ""));
    }

    @Test
    void createMultiRegionKeyIsAPrimaryWithAnMrkId() {
        KeyMetadata m = create(CreateKeyRequest.builder().multiRegion(true).build());

        assertThat(m.keyId()).matches("mrk-[0-9a-f]{32}");
        assertThat(m.arn()).isEqualTo(keyArn(m.keyId()));
        assertThat(m.multiRegion()).isTrue();
        assertThat(m.multiRegionConfiguration().multiRegionKeyType()).isEqualTo(MultiRegionKeyType.PRIMARY);
        assertThat(m.multiRegionConfiguration().primaryKey().arn()).isEqualTo(m.arn());
        assertThat(m.multiRegionConfiguration().primaryKey().region()).isEqualTo("us-east-1");
        assertThat(m.multiRegionConfiguration().replicaKeys()).isEmpty();

        KeyMetadata described = describe(m.keyId());
        assertThat(described.multiRegionConfiguration()).isEqualTo(m.multiRegionConfiguration());
    }

    @Test
    void createKeyWithUsageTheSpecCannotHaveIsAValidationException() {
        KmsException e = thrown(KmsException.class, () -> client.createKey(r -> r
                .keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)));

        assertAwsError(e, "ValidationException", "KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec HMAC_256");
    }

    @Test
    void createKeyWithoutUsageForAnAsymmetricSpecIsAValidationException() {
        KmsException e = thrown(KmsException.class, () -> client.createKey(r -> r.keySpec(KeySpec.ECC_NIST_P256)));

        assertAwsError(e, "ValidationException",
                "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
    }

    // ---------------------------------------------------------------- DescribeKey

    @Test
    void describeKeyByIdArnAliasAndAliasArnGivesTheSameKey() {
        KeyMetadata created = create(CreateKeyRequest.builder().description("described").build());
        client.createAlias(r -> r.aliasName("alias/described").targetKeyId(created.keyId()));

        for (String id : List.of(created.keyId(), created.arn(), "alias/described", aliasArn("alias/described"))) {
            KeyMetadata m = describe(id);
            assertThat(m).as("DescribeKey %s", id).isEqualTo(created);
        }
    }

    @Test
    void describeKeyReportsTheModelsCreationDateAsAnInstant() {
        KeyMetadata created = create(CreateKeyRequest.builder().build());

        KeyMetadata m = describe(created.keyId());

        Instant modelDate = kms.describeKey(new dev.byokstudio.kms.DescribeKeyRequest(created.keyId(), null))
                .keyMetadata().creationDate();
        assertThat(m.creationDate()).isEqualTo(modelDate).isEqualTo(START);
        assertThat(m.enabled()).isTrue();
        assertThat(m.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(m.origin()).isEqualTo(OriginType.AWS_KMS);
        assertThat(m.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(m.encryptionAlgorithms()).containsExactly(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
    }

    @Test
    void describeUnknownKeyIsNotFoundNamingItsArn() {
        NotFoundException e = thrown(NotFoundException.class, () -> describe(UNKNOWN_KEY_ID));

        assertAwsError(e, "NotFoundException", "Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
    }

    @Test
    void describeUnknownKeyArnIsNotFound() {
        NotFoundException e = thrown(NotFoundException.class, () -> describe(keyArn(UNKNOWN_KEY_ID)));

        assertAwsError(e, "NotFoundException", "Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
    }

    @Test
    void describeMalformedKeyIdIsNotFoundInvalidKeyId() {
        NotFoundException e = thrown(NotFoundException.class, () -> describe("nope"));

        assertAwsError(e, "NotFoundException", "Invalid keyId 'nope'");
    }

    @Test
    void describeUnknownAliasIsNotFound() {
        NotFoundException e = thrown(NotFoundException.class, () -> describe("alias/never-created"));

        assertAwsError(e, "NotFoundException", "Alias " + aliasArn("alias/never-created") + " is not found.");
    }

    @Test
    void describeKeyWithoutKeyIdIsAValidationException() {
        KmsException e = thrown(KmsException.class, () -> client.describeKey(r -> { }));

        assertAwsError(e, "ValidationException", "1 validation error detected: Value null at 'keyId' failed to "
                + "satisfy constraint: Member must not be null");
    }

    // ---------------------------------------------------------------- ListKeys (paging: KmsClientListKeysEndToEndTest)

    @Test
    void keysSharingACreationDatePageEachExactlyOnce() {
        for (int i = 0; i < 6; i++) {
            create(CreateKeyRequest.builder().build());
        }
        List<String> onePage = client.listKeys(r -> r.limit(1000)).keys().stream()
                .map(KeyListEntry::keyId).collect(Collectors.toList());

        List<String> paged = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListKeysResponse page = client.listKeys(r -> r.limit(2).marker(m));
            page.keys().forEach(k -> paged.add(k.keyId()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 1000);

        assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(onePage);
    }

    // ---------------------------------------------------------------- EnableKey / DisableKey

    @Test
    void disableAndEnableKey() {
        KeyMetadata key = create(CreateKeyRequest.builder().build());

        client.disableKey(r -> r.keyId(key.keyId()));
        KeyMetadata disabled = describe(key.keyId());
        assertThat(disabled.keyState()).isEqualTo(KeyState.DISABLED);
        assertThat(disabled.enabled()).isFalse();

        client.enableKey(r -> r.keyId(key.arn()));
        KeyMetadata enabled = describe(key.keyId());
        assertThat(enabled.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(enabled.enabled()).isTrue();
    }

    @Test
    void enablePendingImportKeyIsInvalidState() {
        KeyMetadata key = create(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build());

        KmsInvalidStateException e = thrown(KmsInvalidStateException.class,
                () -> client.enableKey(r -> r.keyId(key.keyId())));

        assertAwsError(e, "KMSInvalidStateException", key.arn() + " is pending import.");
        assertThat(describe(key.keyId()).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
    }

    @Test
    void disableUnknownKeyIsNotFound() {
        NotFoundException e = thrown(NotFoundException.class, () -> client.disableKey(r -> r.keyId(UNKNOWN_KEY_ID)));

        assertAwsError(e, "NotFoundException", "Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
    }

    @Test
    void enableKeyByAliasIsInvalidKeyId() {
        KeyMetadata key = create(CreateKeyRequest.builder().build());
        client.createAlias(r -> r.aliasName("alias/enable-by-alias").targetKeyId(key.keyId()));

        NotFoundException e = thrown(NotFoundException.class,
                () -> client.enableKey(r -> r.keyId("alias/enable-by-alias")));

        assertAwsError(e, "NotFoundException", "Invalid keyId 'alias/enable-by-alias'");
    }

    // ---------------------------------------------------------------- ScheduleKeyDeletion / CancelKeyDeletion

    @Test
    void scheduleAndCancelKeyDeletion() {
        KeyMetadata key = create(CreateKeyRequest.builder().build());

        ScheduleKeyDeletionResponse scheduled = client.scheduleKeyDeletion(r -> r.keyId(key.keyId())
                .pendingWindowInDays(7));

        assertThat(scheduled.keyId()).isEqualTo(key.arn());
        assertThat(scheduled.deletionDate()).isEqualTo(START.plus(Duration.ofDays(7)));
        assertThat(scheduled.pendingWindowInDays()).isEqualTo(7);
        assertThat(scheduled.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        KeyMetadata pending = describe(key.keyId());
        assertThat(pending.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(pending.enabled()).isFalse();
        assertThat(pending.deletionDate()).isEqualTo(START.plus(Duration.ofDays(7)));

        CancelKeyDeletionResponse cancelled = client.cancelKeyDeletion(r -> r.keyId(key.keyId()));

        assertThat(cancelled.keyId()).isEqualTo(key.arn());
        KeyMetadata after = describe(key.keyId());
        assertThat(after.keyState()).isEqualTo(KeyState.DISABLED);
        assertThat(after.deletionDate()).isNull();
    }

    @Test
    void scheduleKeyDeletionDefaultsToThirtyDays() {
        KeyMetadata key = create(CreateKeyRequest.builder().build());

        ScheduleKeyDeletionResponse scheduled = client.scheduleKeyDeletion(r -> r.keyId(key.arn()));

        assertThat(scheduled.keyId()).isEqualTo(key.arn());
        assertThat(scheduled.pendingWindowInDays()).isEqualTo(30);
        assertThat(scheduled.deletionDate()).isEqualTo(START.plus(Duration.ofDays(30)));
    }

    @Test
    void pendingImportKeyCanBeScheduledForDeletionAndComesBackPendingImport() {
        KeyMetadata key = create(CreateKeyRequest.builder().origin(OriginType.EXTERNAL).build());

        client.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
        client.cancelKeyDeletion(r -> r.keyId(key.keyId()));

        assertThat(describe(key.keyId()).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
    }

    @Test
    void pendingWindowOfSixDaysIsAValidationExceptionInCoralForm() {
        KeyMetadata key = create(CreateKeyRequest.builder().build());

        KmsException e = thrown(KmsException.class,
                () -> client.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(6)));

        assertAwsError(e, "ValidationException", "1 validation error detected: Value '6' at 'pendingWindowInDays' "
                + "failed to satisfy constraint: Member must have value greater than or equal to 7");
        assertThat(describe(key.keyId()).keyState()).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void pendingWindowOfThirtyOneDaysIsAValidationException() {
        KeyMetadata key = create(CreateKeyRequest.builder().build());

        KmsException e = thrown(KmsException.class,
                () -> client.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(31)));

        assertAwsError(e, "ValidationException", "1 validation error detected: Value '31' at 'pendingWindowInDays' "
                + "failed to satisfy constraint: Member must have value less than or equal to 30");
    }

    @Test
    void keyPendingDeletionCannotBeEnabledOrScheduledAgain() {
        KeyMetadata key = create(CreateKeyRequest.builder().build());
        client.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));

        KmsInvalidStateException enable = thrown(KmsInvalidStateException.class,
                () -> client.enableKey(r -> r.keyId(key.keyId())));
        KmsInvalidStateException again = thrown(KmsInvalidStateException.class,
                () -> client.scheduleKeyDeletion(r -> r.keyId(key.keyId())));

        assertAwsError(enable, "KMSInvalidStateException", key.arn() + " is pending deletion.");
        assertAwsError(again, "KMSInvalidStateException", key.arn() + " is pending deletion.");
        client.cancelKeyDeletion(r -> r.keyId(key.keyId()));
    }

    @Test
    void cancelDeletionOfAKeyNotPendingDeletionIsInvalidState() {
        KeyMetadata key = create(CreateKeyRequest.builder().build());

        KmsInvalidStateException e = thrown(KmsInvalidStateException.class,
                () -> client.cancelKeyDeletion(r -> r.keyId(key.keyId())));

        assertAwsError(e, "KMSInvalidStateException", key.arn() + " is not pending deletion.");
    }

    @Test
    void everyErrorArrivesWithStatus400AndARequestId() {
        AwsServiceException e = thrown(AwsServiceException.class, () -> describe(UNKNOWN_KEY_ID));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.requestId()).matches(UUID_PATTERN);
        assertThat(e.awsErrorDetails().serviceName()).isEqualTo("Kms");
    }
}
