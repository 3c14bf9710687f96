package dev.byokstudio.audit;

import static dev.byokstudio.audit.AuditFixtures.ACCESS_KEY;
import static dev.byokstudio.audit.AuditFixtures.ACCOUNT;
import static dev.byokstudio.audit.AuditFixtures.KEY_ARN;
import static dev.byokstudio.audit.AuditFixtures.KEY_ID;
import static dev.byokstudio.audit.AuditFixtures.MATERIAL_ID;
import static dev.byokstudio.audit.AuditFixtures.call;
import static dev.byokstudio.audit.AuditFixtures.events;
import static dev.byokstudio.audit.AuditFixtures.fieldNames;
import static dev.byokstudio.audit.AuditFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.CreateKeyResponse;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialResponse;
import dev.byokstudio.kms.EncryptionAlgorithm;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.ImportKeyMaterialResponse;
import dev.byokstudio.kms.ImportType;
import dev.byokstudio.kms.KeyManager;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records of each step of an import, compared with the AWS samples of the KMS developer guide
 * (docs.aws.amazon.com/kms/latest/developerguide/ct-createkey.html, ct-getparametersforimport.html,
 * ct-importkeymaterial.html, ct-deleteimportedkeymaterial.html, ct-deleteexpiredkeymaterial.html): the
 * same inputs give the sample's record, field for field and in the sample's order (the samples'
 * tlsDetails, which BYOK Studio does not know, aside).
 */
class ImportStepRecordsTest {

    private static final List<String> API_CALL_FIELDS = List.of("eventVersion", "userIdentity", "eventTime",
            "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent", "requestParameters",
            "responseElements", "requestID", "eventID", "readOnly", "resources", "eventType", "managementEvent",
            "recipientAccountId", "eventCategory");

    private static final String ALICE_IDENTITY = "{\"type\":\"IAMUser\",\"principalId\":\"EX_PRINCIPAL_ID\","
            + "\"arn\":\"arn:aws:iam::111122223333:user/Alice\",\"accountId\":\"111122223333\","
            + "\"accessKeyId\":\"EXAMPLE_KEY_ID\",\"userName\":\"Alice\"}";
    private static final String KEY_RESOURCES = "[{\"accountId\":\"111122223333\",\"type\":\"AWS::KMS::Key\","
            + "\"ARN\":\"" + KEY_ARN + "\"}]";

    private static String envelope(String version, String time, String name, String requestParameters,
            String responseElements, boolean readOnly) {
        return "{\"eventVersion\":\"" + version + "\",\"userIdentity\":" + ALICE_IDENTITY + ",\"eventTime\":\""
                + time + "\",\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"" + name
                + "\",\"awsRegion\":\"us-west-2\",\"sourceIPAddress\":\"192.0.2.0\",\"userAgent\":\"AWS Internal\","
                + "\"requestParameters\":" + requestParameters + ",\"responseElements\":" + responseElements
                + ",\"requestID\":\"req-" + name + "\",\"eventID\":\"evt-" + name + "\",\"readOnly\":" + readOnly
                + ",\"resources\":" + KEY_RESOURCES + ",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
                + "\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\"}";
    }

    @Test
    void createKeyWithExternalOriginMatchesTheAwsSample() {
        Instant created = Instant.parse("2022-08-10T22:38:27Z");
        CreateKeyRequest request = CreateKeyRequest.builder().description("").origin(Origin.EXTERNAL)
                .bypassPolicyLockoutSafetyCheck(false).customerMasterKeySpec(KeySpec.SYMMETRIC_DEFAULT)
                .keySpec(KeySpec.SYMMETRIC_DEFAULT).keyUsage(KeyUsage.ENCRYPT_DECRYPT).build();
        KeyMetadata metadata = new KeyMetadata(ACCOUNT, KEY_ID, KEY_ARN, created, false, "",
                KeyUsage.ENCRYPT_DECRYPT, KeyState.PendingImport, null, null, Origin.EXTERNAL, KeyManager.CUSTOMER,
                KeySpec.SYMMETRIC_DEFAULT, KeySpec.SYMMETRIC_DEFAULT, List.of(EncryptionAlgorithm.SYMMETRIC_DEFAULT),
                List.of(), List.of(), List.of(), List.of(), false, null, null, null, null);

        TrailEvent event = events().apiCall(call("CreateKey", created, request, new CreateKeyResponse(metadata),
                KEY_ARN));

        JsonNode record = tree(event.cloudTrailEvent());
        assertThat(record).isEqualTo(tree(envelope("1.08", "2022-08-10T22:38:27Z", "CreateKey",
                "{\"description\":\"\",\"origin\":\"EXTERNAL\",\"bypassPolicyLockoutSafetyCheck\":false,"
                        + "\"customerMasterKeySpec\":\"SYMMETRIC_DEFAULT\",\"keySpec\":\"SYMMETRIC_DEFAULT\","
                        + "\"keyUsage\":\"ENCRYPT_DECRYPT\"}",
                "{\"keyMetadata\":{\"AWSAccountId\":\"111122223333\",\"keyId\":\"" + KEY_ID + "\",\"arn\":\""
                        + KEY_ARN + "\",\"creationDate\":\"Aug 10, 2022, 10:38:27 PM\",\"enabled\":false,"
                        + "\"description\":\"\",\"keyUsage\":\"ENCRYPT_DECRYPT\",\"keyState\":\"PendingImport\","
                        + "\"origin\":\"EXTERNAL\",\"keyManager\":\"CUSTOMER\","
                        + "\"customerMasterKeySpec\":\"SYMMETRIC_DEFAULT\",\"keySpec\":\"SYMMETRIC_DEFAULT\","
                        + "\"encryptionAlgorithms\":[\"SYMMETRIC_DEFAULT\"],\"multiRegion\":false}}",
                false)));
        assertThat(fieldNames(record)).containsExactlyElementsOf(API_CALL_FIELDS);
        assertThat(fieldNames(record.get("responseElements").get("keyMetadata"))).containsExactly("AWSAccountId",
                "keyId", "arn", "creationDate", "enabled", "description", "keyUsage", "keyState", "origin",
                "keyManager", "customerMasterKeySpec", "keySpec", "encryptionAlgorithms", "multiRegion");
        assertThat(event.readOnly()).isEqualTo("false");
        assertThat(event.eventName()).isEqualTo("CreateKey");
        assertThat(event.eventId()).isEqualTo("evt-CreateKey");
        assertThat(event.username()).isEqualTo("Alice");
        assertThat(event.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(event.eventSource()).isEqualTo("kms.amazonaws.com");
        assertThat(event.eventTime()).isEqualTo(created);
        assertThat(event.resources()).containsExactly(new TrailEvent.TrailResource("AWS::KMS::Key", KEY_ARN));
    }

    @Test
    void getParametersForImportIsReadOnlyAndLogsNoResponse() {
        Instant time = Instant.parse("2020-07-25T23:58:23Z");
        TrailEvent event = events().apiCall(call("GetParametersForImport", time,
                new GetParametersForImportRequest(KEY_ID, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048),
                new GetParametersForImportResponse(KEY_ARN, new byte[] {1, 2, 3}, new byte[] {4, 5, 6},
                        time.plusSeconds(86_400)),
                KEY_ARN));

        JsonNode record = tree(event.cloudTrailEvent());
        assertThat(record).isEqualTo(tree(envelope("1.05", "2020-07-25T23:58:23Z", "GetParametersForImport",
                "{\"keyId\":\"" + KEY_ID + "\",\"wrappingAlgorithm\":\"RSAES_OAEP_SHA_256\","
                        + "\"wrappingKeySpec\":\"RSA_2048\"}",
                "null", true)));
        assertThat(record.get("readOnly").booleanValue()).isTrue();
        assertThat(record.get("responseElements").isNull()).isTrue();
        assertThat(fieldNames(record)).containsExactlyElementsOf(API_CALL_FIELDS);
        assertThat(event.readOnly()).isEqualTo("true");
    }

    @Test
    void importKeyMaterialWithExpirationModelMatchesTheAwsSample() {
        Instant time = Instant.parse("2025-05-21T05:42:31Z");
        ImportKeyMaterialRequest request = new ImportKeyMaterialRequest(KEY_ID, new byte[] {9, 9}, new byte[] {8, 8},
                Instant.parse("2025-05-21T05:47:45Z"), ExpirationModel.KEY_MATERIAL_EXPIRES,
                ImportType.NEW_KEY_MATERIAL, "ExampleKeyMaterialA", null);

        TrailEvent event = events().apiCall(call("ImportKeyMaterial", time, request,
                new ImportKeyMaterialResponse(KEY_ARN, MATERIAL_ID), KEY_ARN));

        JsonNode record = tree(event.cloudTrailEvent());
        assertThat(record).isEqualTo(tree(envelope("1.11", "2025-05-21T05:42:31Z", "ImportKeyMaterial",
                "{\"keyId\":\"" + KEY_ID + "\",\"validTo\":\"May 21, 2025, 5:47:45 AM\","
                        + "\"expirationModel\":\"KEY_MATERIAL_EXPIRES\",\"importType\":\"NEW_KEY_MATERIAL\","
                        + "\"keyMaterialDescription\":\"ExampleKeyMaterialA\"}",
                "{\"keyId\":\"" + KEY_ARN + "\",\"keyMaterialId\":\"" + MATERIAL_ID + "\"}", false)));
        assertThat(fieldNames(record.get("requestParameters"))).containsExactly("keyId", "validTo",
                "expirationModel", "importType", "keyMaterialDescription");
        assertThat(fieldNames(record)).containsExactlyElementsOf(API_CALL_FIELDS);
        assertThat(event.readOnly()).isEqualTo("false");
    }

    @Test
    void importKeyMaterialWithoutExpirationModelLeavesItOut() {
        Instant time = Instant.parse("2025-05-21T05:42:31Z");
        ImportKeyMaterialRequest request = new ImportKeyMaterialRequest(KEY_ID, new byte[] {9}, new byte[] {8},
                Instant.parse("2025-11-28T17:07:05Z"), null, null, null, null);

        JsonNode record = tree(events().apiCall(call("ImportKeyMaterial", time, request,
                new ImportKeyMaterialResponse(KEY_ARN, MATERIAL_ID), KEY_ARN)).cloudTrailEvent());

        JsonNode parameters = record.get("requestParameters");
        assertThat(fieldNames(parameters)).containsExactly("keyId", "validTo");
        assertThat(parameters.get("validTo").textValue()).isEqualTo("Nov 28, 2025, 5:07:05 PM");
        assertThat(parameters.has("expirationModel")).isFalse();
    }

    @Test
    void importKeyMaterialOfAnAsymmetricKeyLogsNoKeyMaterialId() {
        ImportKeyMaterialRequest request = new ImportKeyMaterialRequest(KEY_ID, new byte[] {9}, new byte[] {8}, null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, null, null, null);

        JsonNode record = tree(events().apiCall(call("ImportKeyMaterial", Instant.parse("2025-05-21T05:42:31Z"),
                request, new ImportKeyMaterialResponse(KEY_ARN, null), KEY_ARN)).cloudTrailEvent());

        assertThat(record.get("responseElements")).isEqualTo(tree("{\"keyId\":\"" + KEY_ARN + "\"}"));
        assertThat(record.get("requestParameters")).isEqualTo(tree("{\"keyId\":\"" + KEY_ID
                + "\",\"expirationModel\":\"KEY_MATERIAL_DOES_NOT_EXPIRE\"}"));
    }

    @Test
    void importKeyMaterialLogsTheKeyArnEvenWhenTheResponseGivesTheKeyId() {
        ImportKeyMaterialRequest request = new ImportKeyMaterialRequest(KEY_ID, new byte[] {9}, new byte[] {8}, null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, null, null, null);

        JsonNode record = tree(events().apiCall(call("ImportKeyMaterial", Instant.parse("2025-05-21T05:42:31Z"),
                request, new ImportKeyMaterialResponse(KEY_ID, MATERIAL_ID))).cloudTrailEvent());

        assertThat(record.get("responseElements").get("keyId").textValue()).isEqualTo(KEY_ARN);
        assertThat(record.has("resources")).isFalse();
    }

    @Test
    void deleteImportedKeyMaterialMatchesTheAwsSample() {
        Instant time = Instant.parse("2025-05-20T20:45:08Z");
        TrailEvent event = events().apiCall(call("DeleteImportedKeyMaterial", time,
                new DeleteImportedKeyMaterialRequest(KEY_ID, MATERIAL_ID),
                new DeleteImportedKeyMaterialResponse(KEY_ARN, MATERIAL_ID), KEY_ARN));

        JsonNode record = tree(event.cloudTrailEvent());
        assertThat(record).isEqualTo(tree(envelope("1.11", "2025-05-20T20:45:08Z", "DeleteImportedKeyMaterial",
                "{\"keyId\":\"" + KEY_ID + "\",\"keyMaterialId\":\"" + MATERIAL_ID + "\"}",
                "{\"keyId\":\"" + KEY_ARN + "\",\"keyMaterialId\":\"" + MATERIAL_ID + "\"}", false)));
        assertThat(fieldNames(record)).containsExactlyElementsOf(API_CALL_FIELDS);
        assertThat(event.readOnly()).isEqualTo("false");
    }

    @Test
    void deleteExpiredKeyMaterialIsAnAwsServiceEventAsInTheAwsSample() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keyId", KEY_ID);
        details.put("keyMaterialId", MATERIAL_ID);

        TrailEvent event = events().serviceEvent("DeleteExpiredKeyMaterial", Instant.parse("2025-05-22T19:55:11Z"),
                details, List.of(KEY_ARN), "cfa932fd-0d3a-4a76-a8b8-616863a2b547");

        JsonNode record = tree(event.cloudTrailEvent());
        assertThat(record).isEqualTo(tree("{\"eventVersion\":\"1.11\",\"userIdentity\":{\"accountId\":\"111122223333\","
                + "\"invokedBy\":\"AWS Internal\"},\"eventTime\":\"2025-05-22T19:55:11Z\","
                + "\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"DeleteExpiredKeyMaterial\","
                + "\"awsRegion\":\"us-west-2\",\"sourceIPAddress\":\"AWS Internal\",\"userAgent\":\"AWS Internal\","
                + "\"requestParameters\":null,\"responseElements\":null,"
                + "\"eventID\":\"cfa932fd-0d3a-4a76-a8b8-616863a2b547\",\"readOnly\":false,\"resources\":"
                + KEY_RESOURCES + ",\"eventType\":\"AwsServiceEvent\",\"recipientAccountId\":\"111122223333\","
                + "\"serviceEventDetails\":{\"keyId\":\"" + KEY_ID + "\",\"keyMaterialId\":\"" + MATERIAL_ID
                + "\"},\"eventCategory\":\"Management\"}"));
        assertThat(fieldNames(record)).containsExactly("eventVersion", "userIdentity", "eventTime", "eventSource",
                "eventName", "awsRegion", "sourceIPAddress", "userAgent", "requestParameters", "responseElements",
                "eventID", "readOnly", "resources", "eventType", "recipientAccountId", "serviceEventDetails",
                "eventCategory");
        assertThat(record.has("requestID")).isFalse();
        assertThat(event.readOnly()).isEqualTo("false");
        assertThat(event.username()).isNull();
        assertThat(event.accessKeyId()).isNull();
        assertThat(event.eventSource()).isEqualTo("kms.amazonaws.com");
        assertThat(event.resources()).containsExactly(new TrailEvent.TrailResource("AWS::KMS::Key", KEY_ARN));
    }

    @Test
    void automaticRotationIsARotateKeyServiceEvent() {
        TrailEvent event = events().serviceEvent("RotateKey", Instant.parse("2021-01-14T01:41:59Z"),
                Map.of("keyId", KEY_ID), List.of(KEY_ARN), null);

        JsonNode record = tree(event.cloudTrailEvent());
        assertThat(record.get("eventType").textValue()).isEqualTo("AwsServiceEvent");
        assertThat(record.get("serviceEventDetails")).isEqualTo(tree("{\"keyId\":\"" + KEY_ID + "\"}"));
        assertThat(record.get("eventVersion").textValue()).isEqualTo("1.08");
        assertThat(record.get("eventID").textValue()).isEqualTo(event.eventId()).isNotBlank();
    }
}
