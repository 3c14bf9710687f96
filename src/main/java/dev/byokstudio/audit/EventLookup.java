package dev.byokstudio.audit;

import dev.byokstudio.kms.AwsErrorException;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.LookupEventsRequest;
import dev.byokstudio.kms.LookupEventsRequest.LookupAttribute;
import dev.byokstudio.kms.LookupEventsResponse;
import dev.byokstudio.kms.TrailEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * CloudTrail {@code LookupEvents} over recorded events, as CloudTrail's event history answers it:
 * at most one lookup attribute, matched exactly (EventId, EventName, ReadOnly, Username, ResourceType,
 * ResourceName, EventSource, AccessKeyId); StartTime and EndTime inclusive, by default the last 90 days
 * up to now, and never reaching further back than those 90 days (CloudTrail keeps no older history);
 * MaxResults 1 to 50, 50 by default; newest first.
 *
 * <p>NextToken is opaque and signed with a key of this process: it resumes after the last event of the
 * previous page, over the same time window, whatever was recorded in between, and only for the query
 * that issued it. A token of another query, a forged or altered one, or one from an earlier run of the
 * application is refused with InvalidNextTokenException.
 *
 * <p>Error codes are CloudTrail's (LookupEvents API reference). CloudTrail's wire messages for them are
 * not published; the messages here are the error descriptions of CloudTrail's API reference and
 * service model, and the {@link Explanation} says what exactly was wrong.
 */
public final class EventLookup {

    public static final int MAX_RESULTS = 50;
    /** How far back CloudTrail's event history reaches. */
    public static final Duration HISTORY = Duration.ofDays(90);
    /** The attribute keys CloudTrail accepts (AWS {@code LookupAttributeKey}). */
    public static final List<String> ATTRIBUTE_KEYS = List.of("EventId", "EventName", "ReadOnly", "Username",
            "ResourceType", "ResourceName", "EventSource", "AccessKeyId");
    /** AWS {@code LookupAttributeValue}: 1 to 2000 characters. */
    static final int ATTRIBUTE_VALUE_MAX = 2000;

    static final String INVALID_LOOKUP_ATTRIBUTES = "InvalidLookupAttributesException";
    static final String INVALID_TIME_RANGE = "InvalidTimeRangeException";
    static final String INVALID_MAX_RESULTS = "InvalidMaxResultsException";
    static final String INVALID_NEXT_TOKEN = "InvalidNextTokenException";

    // The error descriptions of CloudTrail's API reference (API_LookupEvents.html, Errors) and service
    // model (botocore cloudtrail/2013-11-01/service-2.json).
    static final String LOOKUP_ATTRIBUTES_MESSAGE = "Occurs when a lookup attribute is specified that is not valid.";
    static final String TIME_RANGE_MESSAGE = "Occurs if the timestamp values are not valid. Either the start time "
            + "occurs after the end time, or the time range is outside the range of possible values.";
    static final String MAX_RESULTS_MESSAGE = "This exception is thrown if the limit specified is not valid.";
    static final String NEXT_TOKEN_MESSAGE = "A token that is not valid, or a token that was previously used in a "
            + "request with different parameters. This exception is thrown if the token is not valid.";

    private static final String TOKEN_VERSION = "1";
    private static final byte[] TOKEN_KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(TOKEN_KEY);
    }

    private EventLookup() {
    }

    /**
     * One page of the events that match {@code request}, newest first, and the token of the next page
     * (null on the last).
     *
     * @param newestFirst every recorded event, newest first
     * @param now the current time, which the default time window ends at
     * @throws AwsErrorException InvalidLookupAttributesException, InvalidTimeRangeException,
     *         InvalidMaxResultsException or InvalidNextTokenException
     */
    public static LookupEventsResponse lookup(List<TrailEvent> newestFirst, LookupEventsRequest request, Instant now) {
        Objects.requireNonNull(newestFirst, "newestFirst");
        Objects.requireNonNull(now, "now");
        LookupEventsRequest r = request == null ? LookupEventsRequest.all() : request;

        Predicate<TrailEvent> matches = attributeFilter(r.lookupAttributes());
        checkTimeRange(r, now);
        int max = maxResults(r.maxResults());
        String query = fingerprint(r, max);

        Instant from;
        Instant to;
        Cursor after = null;
        if (r.nextToken() != null) {
            after = Cursor.decode(r.nextToken(), query);
            from = after.from();
            to = after.to();
        } else {
            Instant floor = now.minus(HISTORY);
            from = r.startTime() == null || r.startTime().isBefore(floor) ? floor : r.startTime();
            to = r.endTime() == null ? now : r.endTime();
        }

        List<TrailEvent> selected = new ArrayList<>();
        for (TrailEvent event : newestFirst) {
            Instant t = event.eventTime();
            if (!t.isBefore(from) && !t.isAfter(to) && matches.test(event)) {
                selected.add(event);
            }
        }
        int start = after == null ? 0 : after.resumeIndex(selected);
        int end = Math.min(start + max, selected.size());
        List<TrailEvent> page = selected.subList(start, end);
        String next = null;
        if (end < selected.size()) {
            TrailEvent last = page.get(page.size() - 1);
            next = new Cursor(query, from, to, last.eventId(), last.eventTime()).encode();
        }
        return new LookupEventsResponse(page, next);
    }

    // ------------------------------------------------------------------------------- validation

    private static Predicate<TrailEvent> attributeFilter(List<LookupAttribute> attributes) {
        if (attributes.isEmpty()) {
            return e -> true;
        }
        if (attributes.size() > 1) {
            throw lookupAttributes("The request gave " + attributes.size() + " lookup attributes; CloudTrail "
                    + "accepts at most one per request.",
                    "Look up by one attribute, and narrow the result further with the time range or by reading "
                            + "the events returned.",
                    "Two attributes were given to combine conditions (for example an event name and a user).");
        }
        LookupAttribute a = attributes.get(0);
        String key = a.attributeKey();
        String value = a.attributeValue();
        if (key == null || !ATTRIBUTE_KEYS.contains(key)) {
            throw lookupAttributes(key == null ? "The lookup attribute has no AttributeKey."
                            : "'" + key + "' is not a lookup attribute key CloudTrail knows.",
                    "Use one of " + String.join(", ", ATTRIBUTE_KEYS) + ", spelt exactly so.",
                    "The key is misspelt or in the wrong case (EventName, not eventName).",
                    "The key names a record field that LookupEvents cannot search (errorCode, sourceIPAddress...).");
        }
        if (value == null || value.isEmpty() || value.length() > ATTRIBUTE_VALUE_MAX) {
            throw lookupAttributes("The " + key + " lookup attribute has " + (value == null || value.isEmpty()
                            ? "no value." : "a value of " + value.length() + " characters; at most "
                            + ATTRIBUTE_VALUE_MAX + " are allowed."),
                    "Give the value to match, 1 to " + ATTRIBUTE_VALUE_MAX + " characters.",
                    "AttributeValue was left out or empty.");
        }
        if (key.equals("ReadOnly") && !value.equals("true") && !value.equals("false")) {
            throw lookupAttributes("The ReadOnly lookup attribute takes \"true\" or \"false\"; it was \"" + value
                            + "\".",
                    "Give ReadOnly as true (reads: Describe, Get, List, Encrypt, Decrypt...) or false (changes).",
                    "The value is capitalised (True) or another word (yes, 1).");
        }
        switch (key) {
            case "EventId":
                return e -> value.equals(e.eventId());
            case "EventName":
                return e -> value.equals(e.eventName());
            case "ReadOnly":
                return e -> value.equals(e.readOnly());
            case "Username":
                return e -> value.equals(e.username());
            case "ResourceType":
                return e -> e.resources().stream().anyMatch(res -> value.equals(res.resourceType()));
            case "ResourceName":
                return e -> e.resources().stream().anyMatch(res -> value.equals(res.resourceName()));
            case "EventSource":
                return e -> value.equals(e.eventSource());
            case "AccessKeyId":
                return e -> value.equals(e.accessKeyId());
            default:
                throw new IllegalStateException("unhandled lookup attribute " + key);
        }
    }

    private static void checkTimeRange(LookupEventsRequest r, Instant now) {
        if (r.startTime() != null && r.endTime() != null && r.startTime().isAfter(r.endTime())) {
            throw new AwsErrorException(INVALID_TIME_RANGE, TIME_RANGE_MESSAGE, Explanation.of(
                    "The time range starts (" + r.startTime() + ") after it ends (" + r.endTime() + ").",
                    "Give a StartTime at or before the EndTime; both are inclusive.",
                    "StartTime and EndTime were swapped.",
                    "The times were given in different time zones."));
        }
        if (r.startTime() != null && r.endTime() == null && r.startTime().isAfter(now)) {
            throw new AwsErrorException(INVALID_TIME_RANGE, TIME_RANGE_MESSAGE, Explanation.of(
                    "The time range starts in the future (" + r.startTime() + ") and has no end, so it ends now, "
                            + "before it starts.",
                    "Give a StartTime in the past, or leave it out to search the last 90 days.",
                    "The start time was given in local time but read as UTC.",
                    "The clock of the workspace is behind the time given."));
        }
    }

    private static int maxResults(Integer maxResults) {
        if (maxResults == null) {
            return MAX_RESULTS;
        }
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw new AwsErrorException(INVALID_MAX_RESULTS, MAX_RESULTS_MESSAGE, Explanation.of(
                    "MaxResults was " + maxResults + "; CloudTrail returns 1 to " + MAX_RESULTS + " events a page.",
                    "Give MaxResults from 1 to " + MAX_RESULTS + ", or leave it out for " + MAX_RESULTS
                            + "; page through more with NextToken.",
                    "A larger page was asked for to avoid paging.",
                    "MaxResults was 0 or negative."));
        }
        return maxResults;
    }

    private static AwsErrorException lookupAttributes(String whatHappened, String whatToDo, String... causes) {
        return new AwsErrorException(INVALID_LOOKUP_ATTRIBUTES, LOOKUP_ATTRIBUTES_MESSAGE,
                Explanation.of(whatHappened, whatToDo, causes));
    }

    static AwsErrorException invalidNextToken() {
        return new AwsErrorException(INVALID_NEXT_TOKEN, NEXT_TOKEN_MESSAGE, Explanation.of(
                "The NextToken was not issued for this query: it belongs to a query with other lookup attributes, "
                        + "time range or MaxResults, was altered, or comes from an earlier run of BYOK Studio.",
                "Repeat the request that returned the token with exactly the same parameters and only NextToken "
                        + "added, or start again without NextToken.",
                "A parameter was changed between pages.",
                "The token was copied incompletely.",
                "BYOK Studio was restarted since the token was issued."));
    }

    /** The query a token is valid for: every parameter but NextToken, MaxResults as applied. */
    private static String fingerprint(LookupEventsRequest r, int max) {
        StringBuilder s = new StringBuilder();
        for (LookupAttribute a : r.lookupAttributes()) {
            field(s, a.attributeKey());
            field(s, a.attributeValue());
        }
        field(s, r.startTime() == null ? null : r.startTime().toString());
        field(s, r.endTime() == null ? null : r.endTime().toString());
        field(s, Integer.toString(max));
        byte[] digest = sha256().digest(s.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A length-prefixed field, so that no two parameter lists give the same string. */
    private static void field(StringBuilder s, String value) {
        if (value == null) {
            s.append("-;");
        } else {
            s.append(value.length()).append(':').append(value).append(';');
        }
    }

    // ----------------------------------------------------------------------------------- tokens

    /** Where a page ended: the window of the query and the last event given. */
    private record Cursor(String query, Instant from, Instant to, String lastEventId, Instant lastEventTime) {

        String encode() {
            String payload = String.join("\n", TOKEN_VERSION, query, from.toString(), to.toString(),
                    lastEventTime.toString(), lastEventId == null ? "" : lastEventId);
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return b64.encodeToString(bytes) + "." + b64.encodeToString(sign(bytes));
        }

        static Cursor decode(String token, String query) {
            int dot = token.indexOf('.');
            if (dot <= 0 || dot != token.lastIndexOf('.')) {
                throw invalidNextToken();
            }
            byte[] payload;
            byte[] signature;
            try {
                payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
                signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            } catch (IllegalArgumentException e) {
                throw invalidNextToken();
            }
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                throw invalidNextToken();
            }
            String[] f = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            if (f.length != 6 || !f[0].equals(TOKEN_VERSION) || !f[1].equals(query)) {
                throw invalidNextToken();
            }
            try {
                return new Cursor(f[1], Instant.parse(f[2]), Instant.parse(f[3]), f[5], Instant.parse(f[4]));
            } catch (RuntimeException e) {
                throw invalidNextToken();
            }
        }

        /** The index in {@code selected} of the first event after the last one given. */
        int resumeIndex(List<TrailEvent> selected) {
            for (int i = 0; i < selected.size(); i++) {
                if (lastEventId.equals(selected.get(i).eventId())) {
                    return i + 1;
                }
            }
            // The last event is gone from the history: resume with the first one older than it.
            for (int i = 0; i < selected.size(); i++) {
                if (selected.get(i).eventTime().isBefore(lastEventTime)) {
                    return i;
                }
            }
            return selected.size();
        }

        /** HMAC-SHA256 (RFC 2104) of {@code payload} under this process's token key. */
        private static byte[] sign(byte[] payload) {
            byte[] inner = new byte[64];
            byte[] outer = new byte[64];
            for (int i = 0; i < 64; i++) {
                byte k = i < TOKEN_KEY.length ? TOKEN_KEY[i] : 0;
                inner[i] = (byte) (k ^ 0x36);
                outer[i] = (byte) (k ^ 0x5c);
            }
            MessageDigest sha256 = sha256();
            sha256.update(inner);
            byte[] innerHash = sha256.digest(payload);
            sha256.update(outer);
            return sha256.digest(innerHash);
        }
    }
}
