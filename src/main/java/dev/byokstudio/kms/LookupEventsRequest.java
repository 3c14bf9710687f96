package dev.byokstudio.kms;

import java.time.Instant;
import java.util.List;

/**
 * CloudTrail LookupEvents: at most one lookup attribute (AttributeKey one of EventId, EventName, ReadOnly,
 * Username, ResourceType, ResourceName, EventSource, AccessKeyId), an optional time range, MaxResults 1..50
 * (default 50) and the NextToken of a previous page. Null means absent.
 */
public record LookupEventsRequest(List<LookupAttribute> lookupAttributes, Instant startTime, Instant endTime,
        Integer maxResults, String nextToken) {

    public LookupEventsRequest {
        lookupAttributes = lookupAttributes == null ? List.of() : List.copyOf(lookupAttributes);
    }

    public static LookupEventsRequest all() {
        return new LookupEventsRequest(List.of(), null, null, null, null);
    }

    /** One {@code AttributeKey}/{@code AttributeValue} pair; either may be null when the request left it out. */
    public record LookupAttribute(String attributeKey, String attributeValue) {
    }
}
