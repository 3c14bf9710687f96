package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.ListResourceTagsRequest;
import dev.byokstudio.kms.ListResourceTagsResponse;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.kms.TagException;
import dev.byokstudio.kms.TagResourceRequest;
import dev.byokstudio.kms.UntagResourceRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TagResource, UntagResource and ListResourceTags (catalogue §11). */
class TagsTest {

    private EmbeddedKms kms;
    private KeyMetadata key;

    @BeforeEach
    void createKey() {
        kms = newKms();
        key = createSymmetric(kms);
    }

    @Test
    void tagResource_addsTagsInInsertionOrderAcrossCalls() {
        kms.tagResource(new TagResourceRequest(key.keyId(), List.of(new Tag("z", "1"), new Tag("a", "2"))));
        kms.tagResource(new TagResourceRequest(key.keyId(), List.of(new Tag("m", "3"))));

        assertThat(tags(key.keyId())).containsExactly(new Tag("z", "1"), new Tag("a", "2"), new Tag("m", "3"));
    }

    @Test
    void tagResource_byKeyArn_tagsTheKey() {
        kms.tagResource(new TagResourceRequest(key.arn(), List.of(new Tag("team", "payments"))));

        assertThat(tags(key.keyId())).containsExactly(new Tag("team", "payments"));
    }

    @Test
    void tagResource_existingTagKey_overwritesItsValue() {
        kms.tagResource(new TagResourceRequest(key.keyId(), List.of(new Tag("env", "dev"), new Tag("team", "a"))));

        kms.tagResource(new TagResourceRequest(key.keyId(), List.of(new Tag("env", "prod"))));

        assertThat(tags(key.keyId())).containsExactlyInAnyOrder(new Tag("env", "prod"), new Tag("team", "a"));
    }

    @Test
    void tagResource_pendingImportKey_isAllowed() {
        KeyMetadata external = createExternal(kms);

        kms.tagResource(new TagResourceRequest(external.keyId(), List.of(new Tag("k", "v"))));

        assertThat(tags(external.keyId())).containsExactly(new Tag("k", "v"));
    }

    @Test
    void untagResource_removesOnlyTheNamedTags() {
        kms.tagResource(new TagResourceRequest(key.keyId(),
                List.of(new Tag("a", "1"), new Tag("b", "2"), new Tag("c", "3"))));

        kms.untagResource(new UntagResourceRequest(key.keyId(), List.of("b")));

        assertThat(tags(key.keyId())).containsExactly(new Tag("a", "1"), new Tag("c", "3"));
    }

    @Test
    void untagResource_tagThatIsNotThere_isNotAnError() {
        kms.tagResource(new TagResourceRequest(key.keyId(), List.of(new Tag("a", "1"))));

        kms.untagResource(new UntagResourceRequest(key.keyId(), List.of("missing")));

        assertThat(tags(key.keyId())).containsExactly(new Tag("a", "1"));
    }

    @Test
    void untagResource_everyTag_leavesAnEmptyList() {
        kms.tagResource(new TagResourceRequest(key.keyId(), List.of(new Tag("a", "1"))));

        kms.untagResource(new UntagResourceRequest(key.keyId(), List.of("a")));

        ListResourceTagsResponse response = kms.listResourceTags(new ListResourceTagsRequest(key.keyId(), null, null));
        assertThat(response.tags()).isEmpty();
        assertThat(response.truncated()).isFalse();
    }

    @Test
    void tagResource_reaching50TagsInTwoCalls_isAllowed() {
        kms.tagResource(new TagResourceRequest(key.keyId(), tags(1, 30)));

        kms.tagResource(new TagResourceRequest(key.keyId(), tags(31, 50)));

        assertThat(tags(key.keyId())).hasSize(50);
    }

    @Test
    void tagResource_exceeding50TagsInTotal_isTooManyTagsAndAddsNone() {
        kms.tagResource(new TagResourceRequest(key.keyId(), tags(1, 30)));

        TagException e = expectError(TagException.class,
                () -> kms.tagResource(new TagResourceRequest(key.keyId(), tags(31, 51))));

        assertThat(e.awsMessage()).isEqualTo("Too many tags");
        assertThat(tags(key.keyId())).containsExactlyElementsOf(tags(1, 30));
    }

    @Test
    void tagResource_overwritingWhenAt50Tags_isAllowed() {
        kms.tagResource(new TagResourceRequest(key.keyId(), tags(1, 50)));

        kms.tagResource(new TagResourceRequest(key.keyId(), List.of(new Tag("tag1", "changed"))));

        assertThat(tags(key.keyId())).hasSize(50).contains(new Tag("tag1", "changed"));
    }

    @Test
    void tagResource_duplicateKeysInOneRequest_isATagException() {
        TagException e = expectError(TagException.class, () -> kms.tagResource(new TagResourceRequest(key.keyId(),
                List.of(new Tag("k", "1"), new Tag("k", "2")))));

        assertThat(e.awsMessage()).isEqualTo("Duplicate tag keys");
        assertThat(tags(key.keyId())).isEmpty();
    }

    @Test
    void tagResource_reservedAwsPrefix_isATagException() {
        TagException e = expectError(TagException.class, () -> kms.tagResource(new TagResourceRequest(key.keyId(),
                List.of(new Tag("aws:owner", "me")))));

        assertThat(e.awsMessage()).isEqualTo("Tags beginning with aws: are reserved");
    }

    @Test
    void tagResource_pendingDeletionKey_isInvalidState() {
        scheduleDeletion(kms, key.keyId());

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> kms.tagResource(new TagResourceRequest(key.keyId(), List.of(new Tag("k", "v")))));

        assertThat(e.awsMessage()).isEqualTo(key.arn() + " is pending deletion.");
        assertThat(tags(key.keyId())).isEmpty();
    }

    @Test
    void untagResource_pendingDeletionKey_isInvalidState() {
        kms.tagResource(new TagResourceRequest(key.keyId(), List.of(new Tag("k", "v"))));
        scheduleDeletion(kms, key.keyId());

        expectError(KmsInvalidStateException.class,
                () -> kms.untagResource(new UntagResourceRequest(key.keyId(), List.of("k"))));

        assertThat(tags(key.keyId())).containsExactly(new Tag("k", "v"));
    }

    @Test
    void listResourceTags_withLimit2Over5Tags_walksThreePagesInOrder() {
        List<Tag> five = tags(1, 5);
        kms.tagResource(new TagResourceRequest(key.keyId(), five));

        ListResourceTagsResponse first = kms.listResourceTags(new ListResourceTagsRequest(key.keyId(), 2, null));
        ListResourceTagsResponse second = kms.listResourceTags(
                new ListResourceTagsRequest(key.keyId(), 2, first.nextMarker()));
        ListResourceTagsResponse third = kms.listResourceTags(
                new ListResourceTagsRequest(key.keyId(), 2, second.nextMarker()));

        assertThat(first.tags()).containsExactlyElementsOf(five.subList(0, 2));
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextMarker()).isNotBlank();
        assertThat(second.tags()).containsExactlyElementsOf(five.subList(2, 4));
        assertThat(second.truncated()).isTrue();
        assertThat(third.tags()).containsExactlyElementsOf(five.subList(4, 5));
        assertThat(third.truncated()).isFalse();
        assertThat(third.nextMarker()).isNull();
    }

    private List<Tag> tags(String keyId) {
        return kms.listResourceTags(new ListResourceTagsRequest(keyId, null, null)).tags();
    }

    /** Tags tagN=valueN for N from {@code from} to {@code to}, inclusive. */
    private static List<Tag> tags(int from, int to) {
        List<Tag> tags = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            tags.add(new Tag("tag" + i, "value" + i));
        }
        return tags;
    }
}
