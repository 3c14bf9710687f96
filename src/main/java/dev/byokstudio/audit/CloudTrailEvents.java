package dev.byokstudio.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.kms.TrailEvent.TrailResource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Builds CloudTrail records, as AWS KMS writes them, for the calls and service events of one account and
 * region: the whole record as JSON ({@link TrailEvent#cloudTrailEvent()}) and the summary fields
 * LookupEvents shows beside it, consistent with the record.
 *
 * <p>The record follows AWS's published samples (developer guide, {@code ct-*.html}) field for field and
 * in the same order. What a record says about a request is chosen member by member
 * ({@link RecordFields}): key material, plaintext, ciphertext, import tokens, messages, signatures, MACs,
 * public keys and data keys never appear in it, nor do their lengths.
 */
public final class CloudTrailEvents {

    public static final String KMS_EVENT_SOURCE = "kms.amazonaws.com";
    public static final String CLOUDTRAIL_EVENT_SOURCE = "cloudtrail.amazonaws.com";
    public static final String KEY_RESOURCE_TYPE = "AWS::KMS::Key";

    /** What AWS writes for the caller, address and agent of its own service events. */
    static final String AWS_INTERNAL = "AWS Internal";

    /**
     * eventVersion of each event as AWS's current sample shows it: CreateKey 1.08, GetParametersForImport
     * 1.05, ImportKeyMaterial/DeleteImportedKeyMaterial/DeleteExpiredKeyMaterial/ListKeyRotations 1.11,
     * RotateKey 1.08. Every other event: {@link #DEFAULT_EVENT_VERSION} (several AWS samples are older,
     * 1.02 or 1.05, because they were captured years ago, not because the events differ).
     */
    private static final Map<String, String> EVENT_VERSIONS = Map.of(
            "CreateKey", "1.08",
            "GetParametersForImport", "1.05",
            "ImportKeyMaterial", "1.11",
            "DeleteImportedKeyMaterial", "1.11",
            "DeleteExpiredKeyMaterial", "1.11",
            "ListKeyRotations", "1.11",
            "RotateKey", "1.08");
    private static final String DEFAULT_EVENT_VERSION = "1.08";

    /** Read-only events that do not start with Describe, Get, List or GenerateDataKey. */
    private static final Set<String> OTHER_READ_ONLY = Set.of("Encrypt", "Decrypt", "ReEncrypt", "GenerateRandom",
            "Sign", "Verify", "GenerateMac", "VerifyMac", "DeriveSharedSecret", "LookupEvents");

    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    static final ObjectMapper JSON = new ObjectMapper();

    private final String accountId;
    private final String region;
    private final String partition;

    /**
     * One CloudTrail call record: who called ({@code caller} with {@code accessKeyId}), from where, what
     * was asked ({@code request}: the KMS request record, or for CloudTrail's own LookupEvents a
     * {@link dev.byokstudio.kms.LookupEventsRequest}) and answered ({@code response}: the KMS response
     * record, or null for a failure or an operation without a response), the error on failure, and the
     * ARNs of the keys concerned, in the order AWS lists them (ReEncrypt: source, then destination).
     * A null {@code requestId} or {@code eventId} gets a fresh UUID.
     */
    public record ApiCall(String eventName, String eventSource, Instant eventTime, Principal caller,
            String accessKeyId, String sourceIpAddress, String userAgent, Object request, Object response,
            String errorCode, String errorMessage, List<String> keyArns, String requestId, String eventId) {

        public ApiCall {
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(eventSource, "eventSource");
            Objects.requireNonNull(eventTime, "eventTime");
            Objects.requireNonNull(caller, "caller");
            keyArns = keyArns == null ? List.of() : List.copyOf(keyArns);
        }

        /** Whether the call failed, i.e. the record carries an errorCode. */
        public boolean failed() {
            return errorCode != null;
        }
    }

    public CloudTrailEvents(String accountId, String region) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.region = Objects.requireNonNull(region, "region");
        this.partition = partitionOf(region);
    }

    /** {@code aws-cn} for the China Regions, {@code aws-us-gov} for GovCloud, else {@code aws}. */
    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    public String partition() {
        return partition;
    }

    /** Whether CloudTrail marks {@code eventName} read-only (Describe*, Get*, List*, the data plane...). */
    public static boolean isReadOnly(String eventName) {
        return eventName.startsWith("Describe") || eventName.startsWith("Get") || eventName.startsWith("List")
                || eventName.startsWith("GenerateDataKey") || OTHER_READ_ONLY.contains(eventName);
    }

    /** The eventVersion AWS writes for {@code eventName}. */
    public static String eventVersion(String eventName) {
        return EVENT_VERSIONS.getOrDefault(eventName, DEFAULT_EVENT_VERSION);
    }

    /** The CloudTrail record of an API call. */
    public TrailEvent apiCall(ApiCall call) {
        List<String> arns = keyArns(call.keyArns());
        boolean readOnly = isReadOnly(call.eventName());
        String eventId = call.eventId() == null ? UUID.randomUUID().toString() : call.eventId();
        String requestId = call.requestId() == null ? UUID.randomUUID().toString() : call.requestId();
        Instant eventTime = call.eventTime().truncatedTo(ChronoUnit.SECONDS);

        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", eventVersion(call.eventName()));
        record.set("userIdentity", userIdentity(call.caller(), call.accessKeyId(), eventTime));
        record.put("eventTime", EVENT_TIME.format(eventTime));
        record.put("eventSource", call.eventSource());
        record.put("eventName", call.eventName());
        record.put("awsRegion", region);
        putIfPresent(record, "sourceIPAddress", call.sourceIpAddress());
        putIfPresent(record, "userAgent", call.userAgent());
        if (call.failed()) {
            record.put("errorCode", call.errorCode());
            // AWS leaves errorMessage out where the error has none (ct-generatedatakeyplaintext sample).
            if (call.errorMessage() != null && !call.errorMessage().isEmpty()) {
                record.put("errorMessage", call.errorMessage());
            }
        }
        RecordFields fields = new RecordFields(arns, this::keyArn);
        record.set("requestParameters", fields.requestParameters(call.request(), call.response()));
        record.set("responseElements", call.failed() ? null : fields.responseElements(call.response()));
        record.put("requestID", requestId);
        record.put("eventID", eventId);
        record.put("readOnly", readOnly);
        putResources(record, arns);
        record.put("eventType", "AwsApiCall");
        record.put("managementEvent", true);
        record.put("recipientAccountId", accountId);
        record.put("eventCategory", "Management");

        return new TrailEvent(eventId, call.eventName(), Boolean.toString(readOnly), call.accessKeyId(), eventTime,
                call.eventSource(), call.caller().userName(), trailResources(arns), write(record));
    }

    /**
     * The record of an event KMS performs itself ({@code AwsServiceEvent}): DeleteExpiredKeyMaterial with
     * {@code {keyId, keyMaterialId}}, RotateKey with {@code {keyId}} (AWS's current sample adds
     * {@code rotationType}), DeleteKey... {@code serviceEventDetails} is written as given, in its
     * iteration order; its values are strings, numbers, booleans, lists or maps. AWS's samples of these
     * records carry no requestID, no userName or accessKeyId, and no managementEvent member.
     */
    public TrailEvent serviceEvent(String eventName, Instant eventTime, Map<String, Object> serviceEventDetails,
            List<String> keyArns, String eventId) {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(eventTime, "eventTime");
        List<String> arns = keyArns(keyArns == null ? List.of() : keyArns);
        String id = eventId == null ? UUID.randomUUID().toString() : eventId;
        Instant time = eventTime.truncatedTo(ChronoUnit.SECONDS);

        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", eventVersion(eventName));
        ObjectNode identity = record.putObject("userIdentity");
        identity.put("accountId", accountId);
        identity.put("invokedBy", AWS_INTERNAL);
        record.put("eventTime", EVENT_TIME.format(time));
        record.put("eventSource", KMS_EVENT_SOURCE);
        record.put("eventName", eventName);
        record.put("awsRegion", region);
        record.put("sourceIPAddress", AWS_INTERNAL);
        record.put("userAgent", AWS_INTERNAL);
        record.set("requestParameters", null);
        record.set("responseElements", null);
        record.put("eventID", id);
        record.put("readOnly", false);
        putResources(record, arns);
        record.put("eventType", "AwsServiceEvent");
        record.put("recipientAccountId", accountId);
        record.set("serviceEventDetails", JSON.valueToTree(serviceEventDetails == null ? Map.of() : serviceEventDetails));
        record.put("eventCategory", "Management");

        return new TrailEvent(id, eventName, "false", null, time, KMS_EVENT_SOURCE, null, trailResources(arns),
                write(record));
    }

    /**
     * {@code userIdentity}: an IAM user as itself; a role as the assumed-role session its access key
     * stands for, with the role as session issuer. The session's creationDate is not known here; the
     * event time stands for it.
     */
    private ObjectNode userIdentity(Principal caller, String accessKeyId, Instant eventTime) {
        ObjectNode identity = JSON.createObjectNode();
        if (caller.type() == PrincipalType.IAM_USER) {
            identity.put("type", "IAMUser");
            identity.put("principalId", caller.principalId());
            identity.put("arn", caller.arn());
            identity.put("accountId", caller.accountId());
            putIfPresent(identity, "accessKeyId", accessKeyId);
            identity.put("userName", caller.name());
            return identity;
        }
        identity.put("type", "AssumedRole");
        identity.put("principalId", caller.principalId() + ":" + Principal.ROLE_SESSION_NAME);
        identity.put("arn", caller.callerArn());
        identity.put("accountId", caller.accountId());
        putIfPresent(identity, "accessKeyId", accessKeyId);
        ObjectNode session = identity.putObject("sessionContext");
        ObjectNode issuer = session.putObject("sessionIssuer");
        issuer.put("type", "Role");
        issuer.put("principalId", caller.principalId());
        issuer.put("arn", caller.arn());
        issuer.put("accountId", caller.accountId());
        issuer.put("userName", caller.name());
        ObjectNode attributes = session.putObject("attributes");
        attributes.put("creationDate", EVENT_TIME.format(eventTime));
        attributes.put("mfaAuthenticated", "false");
        return identity;
    }

    /** The key ARNs, with any bare key ID turned into this account and region's key ARN. */
    private List<String> keyArns(List<String> given) {
        List<String> arns = new ArrayList<>(given.size());
        for (String arn : given) {
            if (arn != null) {
                arns.add(keyArn(arn));
            }
        }
        return List.copyOf(arns);
    }

    /** {@code idOrArn} if it is an ARN, else the ARN of the key with that ID in this account and region. */
    String keyArn(String idOrArn) {
        if (idOrArn.startsWith("arn:")) {
            return idOrArn;
        }
        return "arn:" + partition + ":kms:" + region + ":" + accountId + ":key/" + idOrArn;
    }

    /** {@code resources}, left out when the event concerns no key (ListKeys, GenerateRandom...). */
    private void putResources(ObjectNode record, List<String> arns) {
        if (arns.isEmpty()) {
            return;
        }
        var resources = record.putArray("resources");
        for (String arn : arns) {
            ObjectNode resource = resources.addObject();
            resource.put("accountId", accountOf(arn));
            resource.put("type", KEY_RESOURCE_TYPE);
            resource.put("ARN", arn);
        }
    }

    /** The account of an ARN (a cross-account key belongs to its owner), this account if it has none. */
    private String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length >= 5 && !parts[4].isEmpty() ? parts[4] : accountId;
    }

    private static List<TrailResource> trailResources(List<String> arns) {
        List<TrailResource> resources = new ArrayList<>(arns.size());
        for (String arn : arns) {
            resources.add(new TrailResource(KEY_RESOURCE_TYPE, arn));
        }
        return resources;
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String write(ObjectNode record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CloudTrail record could not be written as JSON", e);
        }
    }
}
