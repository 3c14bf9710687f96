package dev.byokstudio.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.byokstudio.kms.AwsErrorException;
import dev.byokstudio.kms.LookupEventsRequest;
import dev.byokstudio.kms.LookupEventsRequest.LookupAttribute;
import dev.byokstudio.kms.LookupEventsResponse;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.kms.TrailEvent.TrailResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventLookupTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String KEY_A = "arn:aws:kms:us-east-1:111122223333:key/aaaa";
    private static final String KEY_B = "arn:aws:kms:us-east-1:111122223333:key/bbbb";

    private static TrailEvent event(String id, String name, String readOnly, String accessKey, Instant time,
            String source, String user, String... keys) {
        List<TrailResource> resources = new ArrayList<>();
        for (String key : keys) {
            resources.add(new TrailResource("AWS::KMS::Key", key));
        }
        return new TrailEvent(id, name, readOnly, accessKey, time, source, user, resources, "{}");
    }

    /** A small history, newest first. */
    private static final List<TrailEvent> HISTORY = List.of(
            event("e5", "LookupEvents", "true", "AKIAALICE", NOW.minusSeconds(10), "cloudtrail.amazonaws.com", "Alice"),
            event("e4", "Decrypt", "true", "ASIAROLE", NOW.minusSeconds(60), "kms.amazonaws.com", "byok-studio", KEY_B),
            event("e3", "DeleteExpiredKeyMaterial", "false", null, NOW.minus(Duration.ofDays(1)), "kms.amazonaws.com",
                    null, KEY_A),
            event("e2", "ImportKeyMaterial", "false", "AKIAALICE", NOW.minus(Duration.ofDays(2)), "kms.amazonaws.com",
                    "Alice", KEY_A),
            event("e1", "CreateKey", "false", "AKIAALICE", NOW.minus(Duration.ofDays(89)), "kms.amazonaws.com", "Alice",
                    KEY_A),
            event("e0", "CreateKey", "false", "AKIAALICE", NOW.minus(Duration.ofDays(95)), "kms.amazonaws.com", "Alice",
                    KEY_B));

    private static List<String> ids(LookupEventsResponse response) {
        return response.events().stream().map(TrailEvent::eventId).toList();
    }

    private static List<String> lookupBy(String key, String value) {
        return ids(EventLookup.lookup(HISTORY, new LookupEventsRequest(List.of(new LookupAttribute(key, value)), null,
                null, null, null), NOW));
    }

    private static AwsErrorException failure(LookupEventsRequest request) {
        AwsErrorException e = catchThrowableOfType(() -> EventLookup.lookup(HISTORY, request, NOW),
                AwsErrorException.class);
        assertThat(e).as("an AwsErrorException").isNotNull();
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.explanation()).isNotNull();
        assertThat(e.explanation().whatHappened()).isNotBlank();
        assertThat(e.explanation().whatToDo()).isNotBlank();
        assertThat(e.explanation().likelyCauses()).isNotEmpty();
        return e;
    }

    // ------------------------------------------------------------------------------ attributes

    @Test
    void withoutAttributesAllEventsOfTheLast90DaysComeNewestFirst() {
        LookupEventsResponse response = EventLookup.lookup(HISTORY, LookupEventsRequest.all(), NOW);

        assertThat(ids(response)).containsExactly("e5", "e4", "e3", "e2", "e1");
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void eventIdMatchesOneEvent() {
        assertThat(lookupBy("EventId", "e2")).containsExactly("e2");
    }

    @Test
    void eventNameMatchesExactly() {
        assertThat(lookupBy("EventName", "CreateKey")).containsExactly("e1");
        assertThat(lookupBy("EventName", "createkey")).isEmpty();
        assertThat(lookupBy("EventName", "Create")).isEmpty();
    }

    @Test
    void readOnlySelectsReadsOrChanges() {
        assertThat(lookupBy("ReadOnly", "true")).containsExactly("e5", "e4");
        assertThat(lookupBy("ReadOnly", "false")).containsExactly("e3", "e2", "e1");
    }

    @Test
    void usernameMatchesUsersAndRoleSessions() {
        assertThat(lookupBy("Username", "Alice")).containsExactly("e5", "e2", "e1");
        assertThat(lookupBy("Username", "byok-studio")).containsExactly("e4");
    }

    @Test
    void resourceTypeMatchesEventsConcerningSuchAResource() {
        assertThat(lookupBy("ResourceType", "AWS::KMS::Key")).containsExactly("e4", "e3", "e2", "e1");
        assertThat(lookupBy("ResourceType", "AWS::KMS::Alias")).isEmpty();
    }

    @Test
    void resourceNameMatchesTheKeyArn() {
        assertThat(lookupBy("ResourceName", KEY_A)).containsExactly("e3", "e2", "e1");
        assertThat(lookupBy("ResourceName", "aaaa")).isEmpty();
    }

    @Test
    void eventSourceSeparatesKmsFromCloudTrail() {
        assertThat(lookupBy("EventSource", "cloudtrail.amazonaws.com")).containsExactly("e5");
        assertThat(lookupBy("EventSource", "kms.amazonaws.com")).containsExactly("e4", "e3", "e2", "e1");
    }

    @Test
    void accessKeyIdMatchesTheSigningKey() {
        assertThat(lookupBy("AccessKeyId", "ASIAROLE")).containsExactly("e4");
        assertThat(lookupBy("AccessKeyId", "AKIAALICE")).containsExactly("e5", "e2", "e1");
    }

    // ------------------------------------------------------------------------------ time range

    @Test
    void startAndEndTimeAreInclusive() {
        LookupEventsRequest request = new LookupEventsRequest(List.of(), NOW.minus(Duration.ofDays(2)),
                NOW.minusSeconds(60), null, null);

        assertThat(ids(EventLookup.lookup(HISTORY, request, NOW))).containsExactly("e4", "e3", "e2");
    }

    @Test
    void anOpenEndedRangeEndsNow() {
        List<TrailEvent> withFuture = new ArrayList<>(HISTORY);
        withFuture.add(0, event("future", "Encrypt", "true", "AKIAALICE", NOW.plusSeconds(5), "kms.amazonaws.com",
                "Alice"));

        LookupEventsRequest request = new LookupEventsRequest(List.of(), NOW.minus(Duration.ofDays(1)), null, null,
                null);

        assertThat(ids(EventLookup.lookup(withFuture, request, NOW))).containsExactly("e5", "e4", "e3");
    }

    @Test
    void historyReachesBackNinetyDaysEvenWhenAskedForMore() {
        LookupEventsRequest request = new LookupEventsRequest(List.of(), NOW.minus(Duration.ofDays(365)), NOW, null,
                null);

        assertThat(ids(EventLookup.lookup(HISTORY, request, NOW))).doesNotContain("e0").contains("e1");
    }

    // ---------------------------------------------------------------------------------- paging

    @Test
    void pagingThrough120EventsWithMaxResults50GivesEachEventOnceNewestFirst() {
        List<TrailEvent> many = new ArrayList<>();
        for (int i = 119; i >= 0; i--) {
            many.add(event("ev-" + i, "Encrypt", "true", "AKIAALICE", NOW.minus(Duration.ofMinutes(120 - i)),
                    "kms.amazonaws.com", "Alice", KEY_A));
        }
        LookupEventsRequest first = new LookupEventsRequest(List.of(new LookupAttribute("EventName", "Encrypt")), null,
                null, 50, null);

        LookupEventsResponse page1 = EventLookup.lookup(many, first, NOW);
        LookupEventsResponse page2 = EventLookup.lookup(many, withToken(first, page1.nextToken()), NOW);
        LookupEventsResponse page3 = EventLookup.lookup(many, withToken(first, page2.nextToken()), NOW);

        assertThat(page1.events()).hasSize(50);
        assertThat(page2.events()).hasSize(50);
        assertThat(page3.events()).hasSize(20);
        assertThat(page1.nextToken()).isNotNull();
        assertThat(page2.nextToken()).isNotNull().isNotEqualTo(page1.nextToken());
        assertThat(page3.nextToken()).isNull();
        List<String> all = new ArrayList<>();
        all.addAll(ids(page1));
        all.addAll(ids(page2));
        all.addAll(ids(page3));
        assertThat(all).isEqualTo(many.stream().map(TrailEvent::eventId).toList());
    }

    @Test
    void pagingIsUndisturbedByEventsRecordedBetweenPagesAndByTimePassing() {
        List<TrailEvent> many = new ArrayList<>();
        for (int i = 119; i >= 0; i--) {
            many.add(event("ev-" + i, "Encrypt", "true", "AKIAALICE", NOW.minus(Duration.ofMinutes(120 - i)),
                    "kms.amazonaws.com", "Alice"));
        }
        LookupEventsRequest first = new LookupEventsRequest(List.of(), null, null, 50, null);
        LookupEventsResponse page1 = EventLookup.lookup(many, first, NOW);

        List<TrailEvent> later = new ArrayList<>(many);
        later.add(0, event("new", "Encrypt", "true", "AKIAALICE", NOW.plusSeconds(30), "kms.amazonaws.com", "Alice"));
        Instant afterwards = NOW.plusSeconds(60);
        LookupEventsResponse page2 = EventLookup.lookup(later, withToken(first, page1.nextToken()), afterwards);
        LookupEventsResponse page3 = EventLookup.lookup(later, withToken(first, page2.nextToken()), afterwards);

        Set<String> seen = new HashSet<>(ids(page1));
        assertThat(ids(page2)).doesNotContain("new").doesNotContainAnyElementsOf(seen);
        seen.addAll(ids(page2));
        assertThat(ids(page3)).doesNotContainAnyElementsOf(seen).hasSize(20);
        assertThat(page3.nextToken()).isNull();
    }

    @Test
    void maxResultsDefaultsToFifty() {
        List<TrailEvent> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(event("ev-" + i, "Encrypt", "true", "AKIAALICE", NOW.minusSeconds(i), "kms.amazonaws.com", "Alice"));
        }

        LookupEventsResponse page = EventLookup.lookup(many, LookupEventsRequest.all(), NOW);

        assertThat(page.events()).hasSize(50);
        assertThat(page.nextToken()).isNotNull();
    }

    private static LookupEventsRequest withToken(LookupEventsRequest r, String token) {
        return new LookupEventsRequest(r.lookupAttributes(), r.startTime(), r.endTime(), r.maxResults(), token);
    }

    // ---------------------------------------------------------------------------------- errors

    @Test
    void twoLookupAttributesAreRefused() {
        AwsErrorException e = failure(new LookupEventsRequest(List.of(new LookupAttribute("EventName", "CreateKey"),
                new LookupAttribute("Username", "Alice")), null, null, null, null));

        assertThat(e.errorCode()).isEqualTo("InvalidLookupAttributesException");
        assertThat(e.awsMessage()).isEqualTo("Occurs when a lookup attribute is specified that is not valid.");
        assertThat(e.explanation().whatHappened()).contains("2 lookup attributes");
    }

    @Test
    void anUnknownAttributeKeyIsRefused() {
        AwsErrorException e = failure(new LookupEventsRequest(List.of(new LookupAttribute("eventName", "CreateKey")),
                null, null, null, null));

        assertThat(e.errorCode()).isEqualTo("InvalidLookupAttributesException");
        assertThat(e.explanation().whatToDo()).contains("EventName").contains("AccessKeyId");
    }

    @Test
    void anAttributeWithoutValueIsRefused() {
        assertThat(failure(new LookupEventsRequest(List.of(new LookupAttribute("EventName", null)), null, null, null,
                null)).errorCode()).isEqualTo("InvalidLookupAttributesException");
        assertThat(failure(new LookupEventsRequest(List.of(new LookupAttribute("EventName", "x".repeat(2001))), null,
                null, null, null)).errorCode()).isEqualTo("InvalidLookupAttributesException");
    }

    @Test
    void readOnlyTakesOnlyLowerCaseTrueOrFalse() {
        AwsErrorException e = failure(new LookupEventsRequest(List.of(new LookupAttribute("ReadOnly", "True")), null,
                null, null, null));

        assertThat(e.errorCode()).isEqualTo("InvalidLookupAttributesException");
    }

    @Test
    void aStartAfterTheEndIsAnInvalidTimeRange() {
        AwsErrorException e = failure(new LookupEventsRequest(List.of(), NOW, NOW.minusSeconds(1), null, null));

        assertThat(e.errorCode()).isEqualTo("InvalidTimeRangeException");
        assertThat(e.awsMessage()).startsWith("Occurs if the timestamp values are not valid.");
    }

    @Test
    void aFutureStartWithoutEndIsAnInvalidTimeRange() {
        AwsErrorException e = failure(new LookupEventsRequest(List.of(), NOW.plusSeconds(3600), null, null, null));

        assertThat(e.errorCode()).isEqualTo("InvalidTimeRangeException");
    }

    @Test
    void maxResultsOutsideOneToFiftyIsRefused() {
        for (int max : new int[] {0, -1, 51}) {
            AwsErrorException e = failure(new LookupEventsRequest(List.of(), null, null, max, null));

            assertThat(e.errorCode()).isEqualTo("InvalidMaxResultsException");
            assertThat(e.awsMessage()).isEqualTo("This exception is thrown if the limit specified is not valid.");
        }
    }

    @Test
    void aTokenOfAnotherQueryIsRefused() {
        List<TrailEvent> many = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            many.add(event("ev-" + i, "Encrypt", "true", "AKIAALICE", NOW.minusSeconds(i), "kms.amazonaws.com", "Alice"));
        }
        String token = EventLookup.lookup(many, new LookupEventsRequest(List.of(), null, null, 5, null), NOW).nextToken();

        AwsErrorException otherMax = catchThrowableOfType(() -> EventLookup.lookup(many,
                new LookupEventsRequest(List.of(), null, null, 4, token), NOW), AwsErrorException.class);
        AwsErrorException otherAttribute = catchThrowableOfType(() -> EventLookup.lookup(many,
                new LookupEventsRequest(List.of(new LookupAttribute("EventName", "Encrypt")), null, null, 5, token),
                NOW), AwsErrorException.class);

        assertThat(otherMax.errorCode()).isEqualTo("InvalidNextTokenException");
        assertThat(otherAttribute.errorCode()).isEqualTo("InvalidNextTokenException");
        assertThat(otherMax.awsMessage()).startsWith("A token that is not valid");
        assertThat(otherMax.explanation().whatToDo()).contains("same parameters");
    }

    @Test
    void aForgedOrAlteredTokenIsRefused() {
        List<TrailEvent> many = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            many.add(event("ev-" + i, "Encrypt", "true", "AKIAALICE", NOW.minusSeconds(i), "kms.amazonaws.com", "Alice"));
        }
        LookupEventsRequest first = new LookupEventsRequest(List.of(), null, null, 5, null);
        String token = EventLookup.lookup(many, first, NOW).nextToken();
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        String skipAhead = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("ev-4", "ev-8").getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));

        for (String forged : List.of("broken", "", "a.b", skipAhead, token + "x", token.substring(1))) {
            AwsErrorException e = failure(withToken(first, forged));
            assertThat(e.errorCode()).as(forged).isEqualTo("InvalidNextTokenException");
        }
    }
}
