package dev.byokstudio.kms;

/**
 * AWS CloudTrail's {@code LookupEvents} over the events the workspace recorded. Errors (as CloudTrail names them):
 * InvalidLookupAttributesException, InvalidTimeRangeException, InvalidMaxResultsException,
 * InvalidNextTokenException, AccessDeniedException.
 */
public interface CloudTrail {
    LookupEventsResponse lookupEvents(LookupEventsRequest request);
}
