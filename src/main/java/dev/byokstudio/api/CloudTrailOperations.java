package dev.byokstudio.api;

import static dev.byokstudio.api.ResponseWriter.object;
import static dev.byokstudio.api.ResponseWriter.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.CloudTrail;
import dev.byokstudio.kms.LookupEventsRequest;
import dev.byokstudio.kms.LookupEventsRequest.LookupAttribute;
import dev.byokstudio.kms.LookupEventsResponse;
import dev.byokstudio.kms.TrailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CloudTrail operation the endpoint serves, {@code LookupEvents}, under CloudTrail's JSON 1.1 target
 * {@code com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents}, so that
 * {@code aws cloudtrail lookup-events --endpoint-url ...} queries the recorded events.
 */
final class CloudTrailOperations {

    static final String PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    static final String SIGNING_NAME = "cloudtrail";

    private CloudTrailOperations() {
    }

    static boolean isCloudTrail(String target) {
        return target != null && target.startsWith(PREFIX);
    }

    /** The handler for a CloudTrail target this endpoint serves. */
    static Optional<Handler> forTarget(String target) {
        return (PREFIX + "LookupEvents").equals(target) ? Optional.of(CloudTrailOperations::lookupEvents)
                : Optional.empty();
    }

    interface Handler {
        ObjectNode handle(CloudTrail trail, RequestReader request);
    }

    static ObjectNode lookupEvents(CloudTrail trail, RequestReader r) {
        List<LookupAttribute> attributes = new ArrayList<>();
        List<RequestReader> given = r.structures("LookupAttributes");
        if (given != null) {
            for (RequestReader a : given) {
                attributes.add(new LookupAttribute(a.string("AttributeKey"), a.string("AttributeValue")));
            }
        }
        LookupEventsResponse page = trail.lookupEvents(new LookupEventsRequest(attributes, r.timestamp("StartTime"),
                r.timestamp("EndTime"), r.integer("MaxResults"), r.string("NextToken")));
        ObjectNode out = object();
        ArrayNode events = out.putArray("Events");
        for (TrailEvent e : page.events()) {
            ObjectNode o = events.addObject();
            put(o, "EventId", e.eventId());
            put(o, "EventName", e.eventName());
            put(o, "ReadOnly", e.readOnly());
            put(o, "AccessKeyId", e.accessKeyId());
            put(o, "EventTime", e.eventTime());
            put(o, "EventSource", e.eventSource());
            put(o, "Username", e.username());
            ArrayNode resources = o.putArray("Resources");
            e.resources().forEach(res -> {
                ObjectNode ro = resources.addObject();
                put(ro, "ResourceType", res.resourceType());
                put(ro, "ResourceName", res.resourceName());
            });
            put(o, "CloudTrailEvent", e.cloudTrailEvent());
        }
        put(out, "NextToken", page.nextToken());
        return out;
    }
}
