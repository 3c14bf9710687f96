package dev.byokstudio.kms;

import java.time.Instant;
import java.util.List;

/**
 * A recorded CloudTrail event as LookupEvents returns it: the summary fields and the whole record as JSON
 * ({@code cloudTrailEvent}). {@code readOnly} is the string "true" or "false", as CloudTrail gives it;
 * {@code accessKeyId} and {@code username} are null for AWS service events.
 */
public record TrailEvent(String eventId, String eventName, String readOnly, String accessKeyId, Instant eventTime,
        String eventSource, String username, List<TrailResource> resources, String cloudTrailEvent) {

    public TrailEvent {
        resources = List.copyOf(resources);
    }

    /** A resource the event concerns, e.g. {@code AWS::KMS::Key} and the key's ARN. */
    public record TrailResource(String resourceType, String resourceName) {
    }
}
