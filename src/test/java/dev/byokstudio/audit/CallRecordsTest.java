package dev.byokstudio.audit;

import static dev.byokstudio.audit.AuditFixtures.ADMIN_ROLE;
import static dev.byokstudio.audit.AuditFixtures.KEY_ARN;
import static dev.byokstudio.audit.AuditFixtures.KEY_ID;
import static dev.byokstudio.audit.AuditFixtures.OTHER_KEY_ARN;
import static dev.byokstudio.audit.AuditFixtures.OTHER_KEY_ID;
import static dev.byokstudio.audit.AuditFixtures.call;
import static dev.byokstudio.audit.AuditFixtures.events;
import static dev.byokstudio.audit.AuditFixtures.fieldNames;
import static dev.byokstudio.audit.AuditFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byokstudio.audit.CloudTrailEvents.ApiCall;
import dev.byokstudio.kms.CancelKeyDeletionRequest;
import dev.byokstudio.kms.CancelKeyDeletionResponse;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.DecryptRequest;
import dev.byokstudio.kms.DecryptResponse;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.EncryptionAlgorithm;
import dev.byokstudio.kms.GenerateDataKeyRequest;
import dev.byokstudio.kms.GenerateRandomRequest;
import dev.byokstudio.kms.GenerateRandomResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.ListAliasesRequest;
import dev.byokstudio.kms.LookupEventsRequest;
import dev.byokstudio.kms.LookupEventsRequest.LookupAttribute;
import dev.byokstudio.kms.PutKeyPolicyRequest;
import dev.byokstudio.kms.ReEncryptRequest;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.kms.ScheduleKeyDeletionResponse;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.SignRequest;
import dev.byokstudio.kms.MessageType;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.kms.TagResourceRequest;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.kms.DataKeySpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallRecordsTest {

    private static final Instant TIME = Instant.parse("2026-11-28T17:37:56.789Z");

    @Test
    void aFailedCallCarriesErrorCodeAndMessageAndNoResponse() {
        ApiCall failed = new ApiCall("ImportKeyMaterial", CloudTrailEvents.KMS_EVENT_SOURCE, TIME, AuditFixtures.ALICE,
                "AKIAEXAMPLE", "127.0.0.1", "aws-cli/2.15", new ImportKeyMaterialRequest(KEY_ID, new byte[] {1},
                        new byte[] {2}, null, null, null, null, null),
                null, "InvalidImportTokenException", "Import token is invalid or expired.", List.of(KEY_ARN),
                "r-1", "e-1");

        JsonNode record = tree(events().apiCall(failed).cloudTrailEvent());

        assertThat(record.get("errorCode").textValue()).isEqualTo("InvalidImportTokenException");
        assertThat(record.get("errorMessage").textValue()).isEqualTo("Import token is invalid or expired.");
        assertThat(record.get("responseElements").isNull()).isTrue();
        assertThat(fieldNames(record)).containsSubsequence("userAgent", "errorCode", "errorMessage",
                "requestParameters");
    }

    @Test
    void aFailedCallWithoutMessageHasNoErrorMessageAndASuccessfulOneNoErrorFields() {
        ApiCall failed = new ApiCall("Decrypt", CloudTrailEvents.KMS_EVENT_SOURCE, TIME, AuditFixtures.ALICE, null,
                "127.0.0.1", "ua", new DecryptRequest(new byte[] {1}, Map.of(), null, KEY_ID, null), null,
                "InvalidCiphertextException", "", List.of(KEY_ARN), "r", "e");

        JsonNode failure = tree(events().apiCall(failed).cloudTrailEvent());
        JsonNode success = tree(events().apiCall(call("DescribeKey", TIME, new DescribeKeyRequest(KEY_ID, null), null,
                KEY_ARN)).cloudTrailEvent());

        assertThat(failure.get("errorCode").textValue()).isEqualTo("InvalidCiphertextException");
        assertThat(failure.has("errorMessage")).isFalse();
        assertThat(success.has("errorCode")).isFalse();
        assertThat(success.has("errorMessage")).isFalse();
    }

    @Test
    void anIamRoleCallerIsRecordedAsItsAssumedRoleSession() {
        ApiCall byRole = new ApiCall("DescribeKey", CloudTrailEvents.KMS_EVENT_SOURCE, TIME, ADMIN_ROLE,
                "ASIAEXAMPLEROLEKEY01", "127.0.0.1", "ua", new DescribeKeyRequest(KEY_ID, null), null, null, null,
                List.of(KEY_ARN), "r", "e");

        TrailEvent event = events().apiCall(byRole);

        assertThat(tree(event.cloudTrailEvent()).get("userIdentity")).isEqualTo(tree("{\"type\":\"AssumedRole\","
                + "\"principalId\":\"AROAEXAMPLEROLEID1234:byok-studio\","
                + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/KMSAdminRole/byok-studio\","
                + "\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIAEXAMPLEROLEKEY01\","
                + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAEXAMPLEROLEID1234\","
                + "\"arn\":\"arn:aws:iam::111122223333:role/KMSAdminRole\",\"accountId\":\"111122223333\","
                + "\"userName\":\"KMSAdminRole\"},\"attributes\":{\"creationDate\":\"2026-11-28T17:37:56Z\","
                + "\"mfaAuthenticated\":\"false\"}}}"));
        assertThat(event.username()).isEqualTo("byok-studio");
        assertThat(event.accessKeyId()).isEqualTo("ASIAEXAMPLEROLEKEY01");
    }

    @Test
    void eventTimeIsWrittenInWholeSecondsUtc() {
        TrailEvent event = events().apiCall(call("DescribeKey", TIME, new DescribeKeyRequest(KEY_ID, null), null,
                KEY_ARN));

        assertThat(tree(event.cloudTrailEvent()).get("eventTime").textValue()).isEqualTo("2026-11-28T17:37:56Z");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-28T17:37:56Z"));
    }

    @Test
    void readOnlyFollowsCloudTrailsClassification() {
        for (String readOnly : List.of("DescribeKey", "ListKeys", "ListAliases", "ListResourceTags", "GetKeyPolicy",
                "ListKeyPolicies", "GetParametersForImport", "ListKeyRotations", "GetKeyRotationStatus", "Encrypt",
                "Decrypt", "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair",
                "GenerateDataKeyPairWithoutPlaintext", "GenerateRandom", "Sign", "Verify", "GenerateMac", "VerifyMac",
                "GetPublicKey", "DeriveSharedSecret", "LookupEvents")) {
            assertThat(CloudTrailEvents.isReadOnly(readOnly)).as(readOnly).isTrue();
        }
        for (String changes : List.of("CreateKey", "EnableKey", "DisableKey", "ScheduleKeyDeletion",
                "CancelKeyDeletion", "CreateAlias", "UpdateAlias", "DeleteAlias", "TagResource", "UntagResource",
                "PutKeyPolicy", "ImportKeyMaterial", "DeleteImportedKeyMaterial", "RotateKeyOnDemand",
                "EnableKeyRotation", "DisableKeyRotation")) {
            assertThat(CloudTrailEvents.isReadOnly(changes)).as(changes).isFalse();
        }
    }

    @Test
    void partitionFollowsTheRegion() {
        assertThat(new CloudTrailEvents("111122223333", "cn-north-1").partition()).isEqualTo("aws-cn");
        assertThat(new CloudTrailEvents("111122223333", "us-gov-west-1").partition()).isEqualTo("aws-us-gov");
        assertThat(new CloudTrailEvents("111122223333", "eu-central-1").partition()).isEqualTo("aws");
    }

    @Test
    void aBareKeyIdAmongTheKeysBecomesAnArnOfTheRegionsPartition() {
        TrailEvent event = new CloudTrailEvents("111122223333", "cn-north-1").apiCall(call("DescribeKey", TIME,
                new DescribeKeyRequest(KEY_ID, null), null, KEY_ID));

        String arn = "arn:aws-cn:kms:cn-north-1:111122223333:key/" + KEY_ID;
        assertThat(event.resources()).containsExactly(new TrailEvent.TrailResource("AWS::KMS::Key", arn));
        assertThat(tree(event.cloudTrailEvent()).get("resources").get(0).get("ARN").textValue()).isEqualTo(arn);
    }

    @Test
    void eventsWithoutAKeyHaveNoResources() {
        TrailEvent event = events().apiCall(call("ListAliases", TIME, new ListAliasesRequest(null, 5, "m"), null));

        JsonNode record = tree(event.cloudTrailEvent());
        assertThat(record.has("resources")).isFalse();
        assertThat(event.resources()).isEmpty();
        assertThat(record.get("requestParameters")).isEqualTo(tree("{\"limit\":5,\"marker\":\"m\"}"));
    }

    @Test
    void reEncryptListsSourceThenDestinationKey() {
        ReEncryptRequest request = new ReEncryptRequest(new byte[] {1}, Map.of("Project", "Alpha"), null,
                OTHER_KEY_ID, Map.of("Level", "3A"), EncryptionAlgorithm.SYMMETRIC_DEFAULT,
                EncryptionAlgorithm.SYMMETRIC_DEFAULT, null);

        TrailEvent event = events().apiCall(call("ReEncrypt", TIME, request, null, KEY_ARN, OTHER_KEY_ARN));

        JsonNode record = tree(event.cloudTrailEvent());
        assertThat(record.get("requestParameters")).isEqualTo(tree("{\"sourceEncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\","
                + "\"sourceEncryptionContext\":{\"Project\":\"Alpha\"},\"destinationKeyId\":\"" + OTHER_KEY_ID + "\","
                + "\"destinationEncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\","
                + "\"destinationEncryptionContext\":{\"Level\":\"3A\"}}"));
        assertThat(record.get("resources").get(0).get("ARN").textValue()).isEqualTo(KEY_ARN);
        assertThat(record.get("resources").get(1).get("ARN").textValue()).isEqualTo(OTHER_KEY_ARN);
        assertThat(record.get("readOnly").booleanValue()).isTrue();
    }

    @Test
    void decryptAlwaysNamesItsAlgorithmAndKey() {
        DecryptRequest request = new DecryptRequest(new byte[] {1}, Map.of("Department", "Engineering"), null, null,
                null);

        JsonNode record = tree(events().apiCall(call("Decrypt", TIME, request,
                new DecryptResponse(KEY_ARN, SecretBytes.copyOf(new byte[] {7}), EncryptionAlgorithm.SYMMETRIC_DEFAULT),
                KEY_ARN)).cloudTrailEvent());

        assertThat(record.get("requestParameters")).isEqualTo(tree("{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\","
                + "\"keyId\":\"" + KEY_ARN + "\",\"encryptionContext\":{\"Department\":\"Engineering\"}}"));
        assertThat(record.get("responseElements").isNull()).isTrue();
    }

    @Test
    void dataPlaneCallsLogTheirParametersButNoResponse() {
        JsonNode encrypt = tree(events().apiCall(call("Encrypt", TIME, new EncryptRequest(KEY_ARN,
                SecretBytes.copyOf(new byte[] {1}), Map.of("Department", "Engineering"), null,
                EncryptionAlgorithm.SYMMETRIC_DEFAULT), null, KEY_ARN)).cloudTrailEvent());
        JsonNode dataKey = tree(events().apiCall(call("GenerateDataKey", TIME, new GenerateDataKeyRequest(KEY_ID,
                Map.of("Project", "Alpha"), null, DataKeySpec.AES_256, null), null, KEY_ARN)).cloudTrailEvent());
        JsonNode sign = tree(events().apiCall(call("Sign", TIME, new SignRequest(OTHER_KEY_ID,
                SecretBytes.copyOf(new byte[] {1}), MessageType.RAW, null, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256),
                null, OTHER_KEY_ARN)).cloudTrailEvent());
        JsonNode random = tree(events().apiCall(call("GenerateRandom", TIME, new GenerateRandomRequest(32, null),
                new GenerateRandomResponse(SecretBytes.copyOf(new byte[32])))).cloudTrailEvent());

        assertThat(encrypt.get("requestParameters")).isEqualTo(tree("{\"encryptionContext\":{\"Department\":"
                + "\"Engineering\"},\"keyId\":\"" + KEY_ARN + "\",\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}"));
        assertThat(dataKey.get("requestParameters")).isEqualTo(tree("{\"keyId\":\"" + KEY_ID + "\",\"keySpec\":"
                + "\"AES_256\",\"encryptionContext\":{\"Project\":\"Alpha\"}}"));
        assertThat(sign.get("requestParameters")).isEqualTo(tree("{\"messageType\":\"RAW\",\"keyId\":\""
                + OTHER_KEY_ID + "\",\"signingAlgorithm\":\"RSASSA_PKCS1_V1_5_SHA_256\"}"));
        assertThat(random.get("requestParameters").isNull()).isTrue();
        for (JsonNode record : List.of(encrypt, dataKey, sign, random)) {
            assertThat(record.get("responseElements").isNull()).isTrue();
            assertThat(record.get("readOnly").booleanValue()).isTrue();
        }
    }

    @Test
    void managementCallsLogWhatAwsSamplesShow() {
        JsonNode schedule = tree(events().apiCall(call("ScheduleKeyDeletion", TIME,
                new ScheduleKeyDeletionRequest(KEY_ID, 20), new ScheduleKeyDeletionResponse(KEY_ARN,
                        Instant.parse("2021-04-12T18:58:30Z"), KeyState.PendingDeletion, 20), KEY_ARN)).cloudTrailEvent());
        JsonNode cancel = tree(events().apiCall(call("CancelKeyDeletion", TIME, new CancelKeyDeletionRequest(KEY_ID),
                new CancelKeyDeletionResponse(KEY_ARN), KEY_ARN)).cloudTrailEvent());
        JsonNode tag = tree(events().apiCall(call("TagResource", TIME, new TagResourceRequest(KEY_ARN,
                List.of(new Tag("Department", "IT"))), null, KEY_ARN)).cloudTrailEvent());
        JsonNode alias = tree(events().apiCall(call("CreateAlias", TIME, new CreateAliasRequest("alias/my_alias",
                KEY_ARN), null, KEY_ARN)).cloudTrailEvent());
        JsonNode policy = tree(events().apiCall(call("PutKeyPolicy", TIME, new PutKeyPolicyRequest(KEY_ID, "default",
                "{\"Version\":\"2012-10-17\"}", false), null, KEY_ARN)).cloudTrailEvent());

        assertThat(schedule.get("requestParameters")).isEqualTo(tree("{\"pendingWindowInDays\":20,\"keyId\":\""
                + KEY_ID + "\"}"));
        assertThat(schedule.get("responseElements")).isEqualTo(tree("{\"keyId\":\"" + KEY_ARN + "\",\"keyState\":"
                + "\"PendingDeletion\",\"deletionDate\":\"Apr 12, 2021, 6:58:30 PM\",\"pendingWindowInDays\":20}"));
        assertThat(cancel.get("responseElements")).isEqualTo(tree("{\"keyId\":\"" + KEY_ARN + "\"}"));
        assertThat(tag.get("requestParameters")).isEqualTo(tree("{\"keyId\":\"" + KEY_ARN + "\",\"tags\":[{\"tagKey\":"
                + "\"Department\",\"tagValue\":\"IT\"}]}"));
        assertThat(alias.get("requestParameters")).isEqualTo(tree("{\"aliasName\":\"alias/my_alias\","
                + "\"targetKeyId\":\"" + KEY_ARN + "\"}"));
        assertThat(policy.get("requestParameters")).isEqualTo(tree("{\"keyId\":\"" + KEY_ID + "\",\"policyName\":"
                + "\"default\",\"policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\","
                + "\"bypassPolicyLockoutSafetyCheck\":false}"));
        for (JsonNode record : List.of(tag, alias, policy)) {
            assertThat(record.get("responseElements").isNull()).isTrue();
        }
    }

    @Test
    void cloudTrailsOwnLookupEventsIsRecordedWithItsSource() {
        LookupEventsRequest request = new LookupEventsRequest(List.of(new LookupAttribute("EventName",
                "ImportKeyMaterial")), Instant.parse("2026-11-01T00:00:00Z"), null, 10, null);
        ApiCall lookup = new ApiCall("LookupEvents", CloudTrailEvents.CLOUDTRAIL_EVENT_SOURCE, TIME,
                AuditFixtures.ALICE, "AKIAEXAMPLE", "127.0.0.1", "ua", request, null, null, null, List.of(), "r", "e");

        TrailEvent event = events().apiCall(lookup);

        JsonNode record = tree(event.cloudTrailEvent());
        assertThat(event.eventSource()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(record.get("eventSource").textValue()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(record.get("readOnly").booleanValue()).isTrue();
        assertThat(record.get("requestParameters")).isEqualTo(tree("{\"lookupAttributes\":[{\"attributeKey\":"
                + "\"EventName\",\"attributeValue\":\"ImportKeyMaterial\"}],\"startTime\":\"Nov 1, 2026, 12:00:00 AM\","
                + "\"maxResults\":10}"));
        assertThat(record.get("responseElements").isNull()).isTrue();
        assertThat(record.has("resources")).isFalse();
    }

    @Test
    void anUnknownRequestTypeIsRefusedRatherThanSerialisedWhole() {
        ApiCall odd = call("Encrypt", TIME, new Object() {
            @Override
            public String toString() {
                return "secret";
            }
        }, null);

        assertThatThrownBy(() -> events().apiCall(odd)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSummaryFieldsMatchTheRecord() {
        ApiCall byRole = new ApiCall("CreateAlias", CloudTrailEvents.KMS_EVENT_SOURCE, TIME, ADMIN_ROLE, "ASIAKEY",
                "127.0.0.1", "ua", new CreateAliasRequest("alias/a", KEY_ID), null, null, null, List.of(KEY_ARN), null,
                null);

        TrailEvent event = events().apiCall(byRole);

        JsonNode record = tree(event.cloudTrailEvent());
        assertThat(event.eventId()).isEqualTo(record.get("eventID").textValue()).isNotBlank();
        assertThat(record.get("requestID").textValue()).isNotBlank();
        assertThat(event.eventName()).isEqualTo(record.get("eventName").textValue());
        assertThat(event.readOnly()).isEqualTo(record.get("readOnly").asText());
        assertThat(event.accessKeyId()).isEqualTo(record.get("userIdentity").get("accessKeyId").textValue());
        assertThat(event.eventSource()).isEqualTo(record.get("eventSource").textValue());
        assertThat(event.resources()).extracting(TrailEvent.TrailResource::resourceName)
                .containsExactly(record.get("resources").get(0).get("ARN").textValue());
    }
}
