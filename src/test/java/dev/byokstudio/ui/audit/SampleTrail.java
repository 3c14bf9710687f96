package dev.byokstudio.ui.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.TrailEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudTrail events as AWS records them for an import (reference §13): CreateKey by the administrator,
 * GetParametersForImport, the same refused to KeyUserRole, ImportKeyMaterial, and KMS's own
 * DeleteExpiredKeyMaterial. {@link #events()} gives them newest first, as an {@code AuditTrail} does.
 */
public final class SampleTrail {

    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "us-east-1";
    public static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public static final String KEY_ARN = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + KEY_ID;
    public static final String OTHER_KEY_ID = "0987dcba-09fe-87dc-65ba-ab0987654321";
    public static final String OTHER_KEY_ARN = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + OTHER_KEY_ID;
    public static final Instant START = Instant.parse("2026-03-02T09:15:00Z");
    public static final String DENIED_MESSAGE = "User: arn:aws:sts::111122223333:assumed-role/KeyUserRole/byok-studio"
            + " is not authorized to perform: kms:GetParametersForImport on resource: " + KEY_ARN
            + " because no resource-based policy allows the kms:GetParametersForImport action";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleTrail() {
    }

    /** The five events, newest first. */
    public static List<TrailEvent> events() {
        List<TrailEvent> oldestFirst = new ArrayList<>();
        oldestFirst.add(createKey(START, "e0000001-0000-4000-8000-000000000001"));
        oldestFirst.add(getParametersForImport(START.plusSeconds(95), "e0000002-0000-4000-8000-000000000002",
                false));
        oldestFirst.add(getParametersForImport(START.plusSeconds(140), "e0000003-0000-4000-8000-000000000003",
                true));
        oldestFirst.add(importKeyMaterial(START.plusSeconds(300), "e0000004-0000-4000-8000-000000000004"));
        oldestFirst.add(deleteExpiredKeyMaterial(START.plusSeconds(86_400 * 2), "e0000005-0000-4000-8000-000000000005",
                OTHER_KEY_ARN));
        List<TrailEvent> newestFirst = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    public static TrailEvent createKey(Instant time, String eventId) {
        ObjectNode record = envelope(time, eventId, "CreateKey", administrator(), false);
        ObjectNode request = record.putObject("requestParameters");
        request.put("description", "Imported payments key");
        request.put("origin", "EXTERNAL");
        request.put("bypassPolicyLockoutSafetyCheck", false);
        request.put("customerMasterKeySpec", "SYMMETRIC_DEFAULT");
        request.put("keySpec", "SYMMETRIC_DEFAULT");
        request.put("keyUsage", "ENCRYPT_DECRYPT");
        ObjectNode metadata = record.putObject("responseElements").putObject("keyMetadata");
        metadata.put("AWSAccountId", ACCOUNT);
        metadata.put("keyId", KEY_ID);
        metadata.put("arn", KEY_ARN);
        metadata.put("creationDate", "Mar 2, 2026, 9:15:00 AM");
        metadata.put("enabled", false);
        metadata.put("description", "Imported payments key");
        metadata.put("keyUsage", "ENCRYPT_DECRYPT");
        metadata.put("keyState", "PendingImport");
        metadata.put("origin", "EXTERNAL");
        metadata.put("keyManager", "CUSTOMER");
        metadata.put("customerMasterKeySpec", "SYMMETRIC_DEFAULT");
        metadata.put("keySpec", "SYMMETRIC_DEFAULT");
        metadata.putArray("encryptionAlgorithms").add("SYMMETRIC_DEFAULT");
        metadata.put("multiRegion", false);
        resources(record, KEY_ARN);
        finish(record);
        return event(record, eventId, "CreateKey", "false", time, "Administrator", "AKIAIOSFODNN7EXAMPLE", KEY_ARN);
    }

    public static TrailEvent getParametersForImport(Instant time, String eventId, boolean denied) {
        ObjectNode record = envelope(time, eventId, "GetParametersForImport",
                denied ? keyUserRole() : administrator(), true);
        if (denied) {
            record.put("errorCode", "AccessDenied");
            record.put("errorMessage", DENIED_MESSAGE);
        }
        ObjectNode request = record.putObject("requestParameters");
        request.put("keyId", KEY_ID);
        request.put("wrappingAlgorithm", "RSAES_OAEP_SHA_256");
        request.put("wrappingKeySpec", "RSA_4096");
        record.putNull("responseElements");
        resources(record, KEY_ARN);
        finish(record);
        return event(record, eventId, "GetParametersForImport", "true", time,
                denied ? "byok-studio" : "Administrator",
                denied ? "ASIAIOSFODNN7EXAMPLE" : "AKIAIOSFODNN7EXAMPLE", KEY_ARN);
    }

    public static TrailEvent importKeyMaterial(Instant time, String eventId) {
        ObjectNode record = envelope(time, eventId, "ImportKeyMaterial", administrator(), false);
        ObjectNode request = record.putObject("requestParameters");
        request.put("keyId", KEY_ID);
        request.put("validTo", "Mar 4, 2026, 9:20:00 AM");
        request.put("expirationModel", "KEY_MATERIAL_EXPIRES");
        request.put("importType", "EXISTING_KEY_MATERIAL");
        ObjectNode response = record.putObject("responseElements");
        response.put("keyId", KEY_ARN);
        response.put("keyMaterialId", "cc4dd5a0b4d6e41d6d4b4a8e8e13b4d1e3c0b6d0b1f8b3d1b2c1a0f9e8d7c6b5");
        resources(record, KEY_ARN);
        finish(record);
        return event(record, eventId, "ImportKeyMaterial", "false", time, "Administrator", "AKIAIOSFODNN7EXAMPLE",
                KEY_ARN);
    }

    public static TrailEvent deleteExpiredKeyMaterial(Instant time, String eventId, String keyArn) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "1.11");
        ObjectNode identity = record.putObject("userIdentity");
        identity.put("accountId", ACCOUNT);
        identity.put("invokedBy", "AWS Internal");
        record.put("eventTime", time.toString());
        record.put("eventSource", "kms.amazonaws.com");
        record.put("eventName", "DeleteExpiredKeyMaterial");
        record.put("awsRegion", REGION);
        record.put("sourceIPAddress", "AWS Internal");
        record.put("userAgent", "AWS Internal");
        record.putNull("requestParameters");
        record.putNull("responseElements");
        record.put("eventID", eventId);
        record.put("readOnly", false);
        resources(record, keyArn);
        record.put("eventType", "AwsServiceEvent");
        record.put("managementEvent", true);
        record.put("recipientAccountId", ACCOUNT);
        ObjectNode details = record.putObject("serviceEventDetails");
        details.put("keyId", keyArn.substring(keyArn.indexOf("key/") + 4));
        details.put("keyMaterialId", "9f2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809");
        record.put("eventCategory", "Management");
        return event(record, eventId, "DeleteExpiredKeyMaterial", "false", time, null, null, keyArn);
    }

    private static ObjectNode administrator() {
        ObjectNode identity = JSON.createObjectNode();
        identity.put("type", "IAMUser");
        identity.put("principalId", "AIDAJQABLZS4A3QDU576Q");
        identity.put("arn", "arn:aws:iam::" + ACCOUNT + ":user/Administrator");
        identity.put("accountId", ACCOUNT);
        identity.put("accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        identity.put("userName", "Administrator");
        return identity;
    }

    private static ObjectNode keyUserRole() {
        ObjectNode identity = JSON.createObjectNode();
        identity.put("type", "AssumedRole");
        identity.put("principalId", "AROAJI4AVVEXAMPLE1234:byok-studio");
        identity.put("arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/KeyUserRole/byok-studio");
        identity.put("accountId", ACCOUNT);
        identity.put("accessKeyId", "ASIAIOSFODNN7EXAMPLE");
        ObjectNode context = identity.putObject("sessionContext");
        ObjectNode issuer = context.putObject("sessionIssuer");
        issuer.put("type", "Role");
        issuer.put("principalId", "AROAJI4AVVEXAMPLE1234");
        issuer.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/KeyUserRole");
        issuer.put("accountId", ACCOUNT);
        issuer.put("userName", "KeyUserRole");
        ObjectNode attributes = context.putObject("attributes");
        attributes.put("creationDate", "2026-03-02T09:00:00Z");
        attributes.put("mfaAuthenticated", "false");
        return identity;
    }

    private static ObjectNode envelope(Instant time, String eventId, String name, ObjectNode identity, boolean readOnly) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "1.08");
        record.set("userIdentity", identity);
        record.put("eventTime", time.toString());
        record.put("eventSource", "kms.amazonaws.com");
        record.put("eventName", name);
        record.put("awsRegion", REGION);
        record.put("sourceIPAddress", "127.0.0.1");
        record.put("userAgent", "byok-studio");
        record.put("eventID", eventId);
        record.put("readOnly", readOnly);
        return record;
    }

    private static void resources(ObjectNode record, String keyArn) {
        ObjectNode resource = record.putArray("resources").addObject();
        resource.put("accountId", ACCOUNT);
        resource.put("type", "AWS::KMS::Key");
        resource.put("ARN", keyArn);
    }

    private static void finish(ObjectNode record) {
        record.put("requestID", "req-" + record.get("eventID").asText().substring(0, 8));
        record.put("eventType", "AwsApiCall");
        record.put("managementEvent", true);
        record.put("recipientAccountId", ACCOUNT);
        record.put("eventCategory", "Management");
    }

    private static TrailEvent event(ObjectNode record, String eventId, String name, String readOnly, Instant time,
            String userName, String accessKeyId, String keyArn) {
        return new TrailEvent(eventId, name, readOnly, accessKeyId, time, "kms.amazonaws.com", userName,
                List.of(new TrailEvent.TrailResource("AWS::KMS::Key", keyArn)), record.toString());
    }
}
