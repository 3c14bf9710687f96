package dev.byokstudio.ui.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.byokstudio.kms.TrailEvent;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One CloudTrail event as the CloudTrail tab shows it: the columns, read from the summary fields and the record's
 * JSON, and the record pretty-printed. Made by {@link #of} in the background: parsing is not for the FX thread.
 *
 * @param userName      CloudTrail's user name (a role's session name, e.g. {@code byok-studio}); empty for AWS
 *                      service events
 * @param principalName who called: the IAM user's or role's name, or the service ({@code AWS Internal})
 * @param resource      the key the event concerns, as its key ID (or the resource's name when it is not a key)
 * @param resourceArn   the resource's ARN, or empty
 * @param errorCode     the record's {@code errorCode}, or empty when the call succeeded
 * @param keyRefs       every key ID and ARN the record names, in lower case, for the key filter
 * @param json          the record, pretty-printed
 */
public record TrailRow(TrailEvent event, String userName, String principalName, String resource, String resourceArn,
        String errorCode, String errorMessage, Set<String> keyRefs, String json) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    public TrailRow {
        Objects.requireNonNull(event, "event");
        keyRefs = Set.copyOf(keyRefs);
    }

    public String eventName() {
        return event.eventName();
    }

    public Instant eventTime() {
        return event.eventTime();
    }

    public String eventId() {
        return event.eventId();
    }

    /** "true" or "false", as CloudTrail gives it. */
    public String readOnly() {
        return event.readOnly() == null ? "" : event.readOnly();
    }

    public boolean failed() {
        return !errorCode.isEmpty();
    }

    /** The User name column: CloudTrail's user name, followed by the role it stands for when they differ. */
    public String userText() {
        if (userName.isEmpty()) {
            return principalName;
        }
        return principalName.isEmpty() || principalName.equals(userName) ? userName : userName + " (" + principalName + ")";
    }

    /** Reads an event's columns from its summary and its record; a record that is not JSON is shown as it is. */
    public static TrailRow of(TrailEvent event) {
        String raw = event.cloudTrailEvent() == null ? "" : event.cloudTrailEvent();
        JsonNode record;
        try {
            record = MAPPER.readTree(raw);
        } catch (JsonProcessingException notJson) {
            record = null;
        }
        if (record == null || !record.isObject()) {
            record = MAPPER.createObjectNode();
        }
        Set<String> keyRefs = new LinkedHashSet<>();
        String resourceArn = "";
        for (TrailEvent.TrailResource resource : event.resources()) {
            if (resource.resourceName() != null) {
                addKeyRef(keyRefs, resource.resourceName());
                if (resourceArn.isEmpty()) {
                    resourceArn = resource.resourceName();
                }
            }
        }
        for (JsonNode resource : record.path("resources")) {
            String arn = resource.path("ARN").asText("");
            addKeyRef(keyRefs, arn);
            if (resourceArn.isEmpty()) {
                resourceArn = arn;
            }
        }
        for (String section : new String[] {"requestParameters", "responseElements", "serviceEventDetails"}) {
            JsonNode node = record.path(section);
            addKeyRef(keyRefs, node.path("keyId").asText(""));
            addKeyRef(keyRefs, node.path("keyMetadata").path("keyId").asText(""));
            addKeyRef(keyRefs, node.path("keyMetadata").path("arn").asText(""));
        }
        String resource = keyIdOf(resourceArn);
        if (resource.isEmpty()) {
            resource = keyIdOf(firstNonEmpty(record.path("requestParameters").path("keyId").asText(""),
                    record.path("serviceEventDetails").path("keyId").asText("")));
        }
        String userName = event.username() == null ? "" : event.username();
        String json = raw;
        if (record.size() > 0) {
            try {
                json = PRETTY.writeValueAsString(record);
            } catch (JsonProcessingException cannotHappen) {
                throw new IllegalStateException("a parsed JSON tree could not be written", cannotHappen);
            }
        }
        return new TrailRow(event, userName, principalOf(record.path("userIdentity"), userName), resource, resourceArn,
                record.path("errorCode").asText(""), record.path("errorMessage").asText(""), keyRefs, json);
    }

    /** The IAM user's or role's name, the service that acted, or CloudTrail's user name. */
    static String principalOf(JsonNode identity, String userName) {
        String type = identity.path("type").asText("");
        String arn = identity.path("arn").asText("");
        switch (type) {
            case "IAMUser":
                return firstNonEmpty(identity.path("userName").asText(""), afterLast(arn, '/'), userName);
            case "AssumedRole": {
                String issuer = identity.path("sessionContext").path("sessionIssuer").path("userName").asText("");
                if (!issuer.isEmpty()) {
                    return issuer;
                }
                String[] parts = arn.split("/");
                return parts.length >= 3 ? parts[1] : userName;
            }
            case "Root":
                return "root";
            default:
                return firstNonEmpty(userName, identity.path("invokedBy").asText(""), identity.path("type").asText(""));
        }
    }

    /** The key ID of a key ARN ({@code arn:aws:kms:...:key/ID}); anything else as it is. */
    static String keyIdOf(String keyIdOrArn) {
        int slash = keyIdOrArn.indexOf(":key/");
        return slash < 0 ? keyIdOrArn : keyIdOrArn.substring(slash + ":key/".length());
    }

    private static void addKeyRef(Set<String> refs, String value) {
        if (value != null && !value.isEmpty()) {
            refs.add(value.toLowerCase(Locale.ROOT));
            refs.add(keyIdOf(value).toLowerCase(Locale.ROOT));
        }
    }

    private static String afterLast(String text, char separator) {
        int at = text.lastIndexOf(separator);
        return at < 0 ? "" : text.substring(at + 1);
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
