package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.AliasListEntry;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.InvalidMarkerException;
import dev.byokstudio.kms.KeyListEntry;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.ListAliasesRequest;
import dev.byokstudio.kms.ListAliasesResponse;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.ListKeysResponse;
import dev.byokstudio.kms.ListResourceTagsRequest;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.kms.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Limit/Marker paging of ListKeys and ListAliases. */
class PagingTest {

    @Test
    void listKeys_withLimit2Over5Keys_walksEveryKeyOnceInCreationOrder() {
        EmbeddedKms kms = newKms();
        List<String> created = createKeysOneSecondApart(kms, 5);

        ListKeysResponse first = kms.listKeys(new ListKeysRequest(2, null));
        ListKeysResponse second = kms.listKeys(new ListKeysRequest(2, first.nextMarker()));
        ListKeysResponse third = kms.listKeys(new ListKeysRequest(2, second.nextMarker()));

        assertThat(ids(first)).containsExactlyElementsOf(created.subList(0, 2));
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextMarker()).isNotBlank();
        assertThat(ids(second)).containsExactlyElementsOf(created.subList(2, 4));
        assertThat(second.truncated()).isTrue();
        assertThat(second.nextMarker()).isNotBlank();
        assertThat(ids(third)).containsExactlyElementsOf(created.subList(4, 5));
        assertThat(third.truncated()).isFalse();
        assertThat(third.nextMarker()).isNull();
    }

    @Test
    void listKeys_entriesCarryKeyIdAndKeyArn() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys())
                .containsExactly(new KeyListEntry(key.keyId(), keyArn(key.keyId())));
    }

    @Test
    void listKeys_limitEqualToTheNumberOfKeys_isOnePageNotTruncated() {
        EmbeddedKms kms = newKms();
        List<String> created = createKeysOneSecondApart(kms, 3);

        ListKeysResponse page = kms.listKeys(new ListKeysRequest(3, null));

        assertThat(ids(page)).containsExactlyElementsOf(created);
        assertThat(page.truncated()).isFalse();
        assertThat(page.nextMarker()).isNull();
    }

    @Test
    void listKeys_withoutLimit_returns100KeysAPage() {
        EmbeddedKms kms = newKms();
        for (int i = 0; i < 101; i++) {
            createExternal(kms);
            kms.advance(Duration.ofMillis(1));
        }

        ListKeysResponse first = kms.listKeys(new ListKeysRequest(null, null));
        ListKeysResponse second = kms.listKeys(new ListKeysRequest(null, first.nextMarker()));

        assertThat(first.keys()).hasSize(100);
        assertThat(first.truncated()).isTrue();
        assertThat(second.keys()).hasSize(1);
        assertThat(second.truncated()).isFalse();
    }

    @Test
    void listKeys_keysCreatedInTheSameInstant_areEachListedExactlyOnce() {
        EmbeddedKms kms = newKms();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createExternal(kms).keyId());
        }

        assertThat(walkKeys(kms, 2)).containsExactlyElementsOf(created);
    }

    @Test
    void listKeys_keysCreatedAfterReturningToRealTime_areStillListed() {
        EmbeddedKms kms = newKms();
        kms.advance(Duration.ofDays(1));
        List<String> created = new ArrayList<>(createKeysOneSecondApart(kms, 3));
        kms.returnToRealTime();
        created.addAll(createKeysOneSecondApart(kms, 2));

        assertThat(walkKeys(kms, 2)).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void listKeys_keysDeletedBetweenPages_pagingContinuesWithTheRest() {
        EmbeddedKms kms = newKms();
        List<String> created = createKeysOneSecondApart(kms, 5);
        ListKeysResponse first = kms.listKeys(new ListKeysRequest(2, null));
        // Delete the last key of the first page (the marker's anchor) and the next one.
        kms.scheduleKeyDeletion(new ScheduleKeyDeletionRequest(created.get(1), 7));
        kms.scheduleKeyDeletion(new ScheduleKeyDeletionRequest(created.get(2), 7));
        kms.advance(Duration.ofDays(8));

        ListKeysResponse second = kms.listKeys(new ListKeysRequest(2, first.nextMarker()));

        assertThat(ids(second)).containsExactly(created.get(3), created.get(4));
        assertThat(second.truncated()).isFalse();
    }

    @Test
    void listKeys_markerFromListAliases_isInvalidMarker() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/a", key.keyId()));
        kms.createAlias(new CreateAliasRequest("alias/b", key.keyId()));
        String aliasMarker = kms.listAliases(new ListAliasesRequest(null, 1, null)).nextMarker();

        InvalidMarkerException e = expectError(InvalidMarkerException.class,
                () -> kms.listKeys(new ListKeysRequest(1, aliasMarker)));

        assertThat(e.errorCode()).isEqualTo("InvalidMarkerException");
    }

    @Test
    void listResourceTags_markerFromListKeys_isInvalidMarker() {
        EmbeddedKms kms = newKms();
        List<String> created = createKeysOneSecondApart(kms, 2);
        String keysMarker = kms.listKeys(new ListKeysRequest(1, null)).nextMarker();

        expectError(InvalidMarkerException.class,
                () -> kms.listResourceTags(new ListResourceTagsRequest(created.get(0), 1, keysMarker)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "!!not-base64!!", "AAAA", "bm90IGEgbWFya2Vy"})
    void listKeys_garbageMarker_isInvalidMarker(String marker) {
        EmbeddedKms kms = newKms();
        createSymmetric(kms);

        expectError(InvalidMarkerException.class, () -> kms.listKeys(new ListKeysRequest(null, marker)));
    }

    @Test
    void listKeys_limit0_isAValidationErrorAtLimit() {
        EmbeddedKms kms = newKms();

        ValidationException e = expectError(ValidationException.class, () -> kms.listKeys(new ListKeysRequest(0, null)));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value '0' at 'limit' failed to satisfy "
                + "constraint: Member must have value greater than or equal to 1");
    }

    @Test
    void listKeys_limit1001_isAValidationErrorAtLimit() {
        EmbeddedKms kms = newKms();

        ValidationException e = expectError(ValidationException.class,
                () -> kms.listKeys(new ListKeysRequest(1001, null)));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value '1001' at 'limit' failed to satisfy "
                + "constraint: Member must have value less than or equal to 1000");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000})
    void listKeys_limitAtTheBounds_isAccepted(int limit) {
        EmbeddedKms kms = newKms();
        createSymmetric(kms);

        assertThat(kms.listKeys(new ListKeysRequest(limit, null)).keys()).hasSize(1);
    }

    @Test
    void listAliases_limit101_isAValidationErrorAtLimit() {
        EmbeddedKms kms = newKms();

        ValidationException e = expectError(ValidationException.class,
                () -> kms.listAliases(new ListAliasesRequest(null, 101, null)));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value '101' at 'limit' failed to satisfy "
                + "constraint: Member must have value less than or equal to 100");
    }

    @Test
    void listResourceTags_limit51_isAValidationErrorAtLimit() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        ValidationException e = expectError(ValidationException.class,
                () -> kms.listResourceTags(new ListResourceTagsRequest(key.keyId(), 51, null)));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value '51' at 'limit' failed to satisfy "
                + "constraint: Member must have value less than or equal to 50");
    }

    @Test
    void listAliases_withLimit2Over5Aliases_walksEveryAliasOnce() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);
        List<String> names = List.of("alias/e", "alias/b", "alias/d", "alias/a", "alias/c");
        for (String name : names) {
            kms.createAlias(new CreateAliasRequest(name, key.keyId()));
        }

        List<String> listed = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            ListAliasesResponse page = kms.listAliases(new ListAliasesRequest(null, 2, marker));
            assertThat(page.aliases()).hasSizeLessThanOrEqualTo(2);
            assertThat(page.truncated()).isEqualTo(page.nextMarker() != null);
            page.aliases().stream().map(AliasListEntry::aliasName).forEach(listed::add);
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(names);
    }

    private static List<String> createKeysOneSecondApart(EmbeddedKms kms, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(createExternal(kms).keyId());
            kms.advance(Duration.ofSeconds(1));
        }
        return ids;
    }

    /** Every key ID ListKeys gives, page after page (at most 20 pages). */
    private static List<String> walkKeys(EmbeddedKms kms, int limit) {
        List<String> listed = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            ListKeysResponse page = kms.listKeys(new ListKeysRequest(limit, marker));
            listed.addAll(ids(page));
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 20);
        return listed;
    }

    private static List<String> ids(ListKeysResponse response) {
        List<String> ids = new ArrayList<>();
        for (KeyListEntry entry : response.keys()) {
            ids.add(entry.keyId());
        }
        return ids;
    }
}
