package dev.byokstudio.kms;

import java.util.List;

/** One page of events, newest first, and the token for the next page (null on the last). */
public record LookupEventsResponse(List<TrailEvent> events, String nextToken) {
    public LookupEventsResponse {
        events = List.copyOf(events);
    }
}
