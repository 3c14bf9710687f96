package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.ACCOUNT;
import static dev.byokstudio.api.EndpointTestSupport.UNKNOWN_KEY_ID;
import static dev.byokstudio.api.EndpointTestSupport.aliasArn;
import static dev.byokstudio.api.EndpointTestSupport.assertAwsError;
import static dev.byokstudio.api.EndpointTestSupport.keyArn;
import static dev.byokstudio.api.EndpointTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.byokstudio.embedded.EmbeddedKms;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyResponse;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.ListAliasesResponse;
import software.amazon.awssdk.services.kms.model.ListKeyPoliciesResponse;
import software.amazon.awssdk.services.kms.model.ListResourceTagsResponse;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.TagException;

/**
 * Aliases, tags and key policies through the real AWS SDK for Java v2 against the endpoint, with their
 * errors as the SDK's typed exceptions.
 */
class KmsClientAliasesTagsPoliciesEndToEndTest {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    static EmbeddedKms kms;
    static KmsEndpoint endpoint;
    static KmsClient client;

    @BeforeAll
    static void start() throws IOException {
        kms = EndpointTestSupport.newKms(Clock.fixed(START, ZoneOffset.UTC));
        endpoint = EndpointTestSupport.start(kms);
        client = EndpointTestSupport.sdkClient(endpoint);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private static KeyMetadata newKey() {
        return client.createKey(CreateKeyRequest.builder().build()).keyMetadata();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().tagKey(key).tagValue(value).build();
    }

    // ---------------------------------------------------------------- aliases

    @Test
    void createUpdateListAndDeleteAnAlias() {
        KeyMetadata first = newKey();
        KeyMetadata second = newKey();

        client.createAlias(r -> r.aliasName("alias/app").targetKeyId(first.keyId()));
        assertThat(client.describeKey(r -> r.keyId("alias/app")).keyMetadata().keyId()).isEqualTo(first.keyId());

        ListAliasesResponse ofFirst = client.listAliases(r -> r.keyId(first.keyId()));
        assertThat(ofFirst.aliases()).extracting(AliasListEntry::aliasName, AliasListEntry::aliasArn,
                AliasListEntry::targetKeyId)
                .containsExactly(tuple("alias/app", aliasArn("alias/app"), first.keyId()));
        assertThat(ofFirst.aliases().get(0).creationDate()).isEqualTo(START);
        assertThat(ofFirst.aliases().get(0).lastUpdatedDate()).isEqualTo(START);
        assertThat(ofFirst.truncated()).isFalse();

        client.updateAlias(r -> r.aliasName("alias/app").targetKeyId(second.arn()));
        assertThat(client.describeKey(r -> r.keyId("alias/app")).keyMetadata().keyId()).isEqualTo(second.keyId());
        assertThat(client.listAliases(r -> r.keyId(first.keyId())).aliases()).isEmpty();
        assertThat(client.listAliases(r -> r.keyId(second.arn())).aliases())
                .extracting(AliasListEntry::aliasName, AliasListEntry::targetKeyId)
                .containsExactly(tuple("alias/app", second.keyId()));
        assertThat(client.listAliases().aliases()).extracting(AliasListEntry::aliasName).contains("alias/app");

        client.deleteAlias(r -> r.aliasName("alias/app"));
        assertThat(client.listAliases().aliases()).extracting(AliasListEntry::aliasName)
                .doesNotContain("alias/app");
        NotFoundException gone = thrown(NotFoundException.class, () -> client.describeKey(r -> r.keyId("alias/app")));
        assertAwsError(gone, "NotFoundException", "Alias " + aliasArn("alias/app") + " is not found.");
    }

    @Test
    void listAliasesPagesWithLimitAndMarker() {
        KeyMetadata key = newKey();
        for (String name : List.of("alias/page-a", "alias/page-b", "alias/page-c")) {
            client.createAlias(r -> r.aliasName(name).targetKeyId(key.keyId()));
        }

        List<String> names = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListAliasesResponse page = client.listAliases(r -> r.keyId(key.keyId()).limit(2).marker(m));
            assertThat(page.truncated()).isEqualTo(page.nextMarker() != null);
            page.aliases().forEach(a -> names.add(a.aliasName()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 10);

        assertThat(names).containsExactly("alias/page-a", "alias/page-b", "alias/page-c");
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void listAliasesWithAnUnknownMarkerIsInvalidMarker() {
        InvalidMarkerException e = thrown(InvalidMarkerException.class,
                () -> client.listAliases(r -> r.marker("bm90IGEgbWFya2Vy")));

        assertAwsError(e, "InvalidMarkerException", null);
    }

    @Test
    void creatingAnAliasTwiceIsAlreadyExists() {
        KeyMetadata key = newKey();
        client.createAlias(r -> r.aliasName("alias/twice").targetKeyId(key.keyId()));

        AlreadyExistsException e = thrown(AlreadyExistsException.class,
                () -> client.createAlias(r -> r.aliasName("alias/twice").targetKeyId(key.keyId())));

        assertAwsError(e, "AlreadyExistsException",
                "An alias with the name " + aliasArn("alias/twice") + " already exists");
    }

    @Test
    void aliasesUnderAliasAwsAreNotAuthorized() {
        KeyMetadata key = newKey();

        KmsException e = thrown(KmsException.class,
                () -> client.createAlias(r -> r.aliasName("alias/aws/x").targetKeyId(key.keyId())));

        assertAwsError(e, "NotAuthorizedException", null);
    }

    @Test
    void aliasWithoutThePrefixIsAValidationException() {
        KeyMetadata key = newKey();

        KmsException e = thrown(KmsException.class,
                () -> client.createAlias(r -> r.aliasName("no-prefix").targetKeyId(key.keyId())));

        assertAwsError(e, "ValidationException", "Alias must start with the prefix \"alias/\". Please see "
                + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
    }

    @Test
    void aliasForAnUnknownKeyIsNotFound() {
        NotFoundException e = thrown(NotFoundException.class,
                () -> client.createAlias(r -> r.aliasName("alias/orphan").targetKeyId(UNKNOWN_KEY_ID)));

        assertAwsError(e, "NotFoundException", "Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
    }

    @Test
    void updatingOrDeletingAnUnknownAliasIsNotFound() {
        KeyMetadata key = newKey();

        NotFoundException update = thrown(NotFoundException.class,
                () -> client.updateAlias(r -> r.aliasName("alias/unknown").targetKeyId(key.keyId())));
        NotFoundException delete = thrown(NotFoundException.class,
                () -> client.deleteAlias(r -> r.aliasName("alias/unknown")));

        assertAwsError(update, "NotFoundException", "Alias " + aliasArn("alias/unknown") + " is not found.");
        assertAwsError(delete, "NotFoundException", "Alias " + aliasArn("alias/unknown") + " is not found.");
    }

    @Test
    void anAliasCannotMoveToAKeyOfAnotherType() {
        KeyMetadata symmetric = newKey();
        KeyMetadata hmac = client.createKey(r -> r.keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsageType.GENERATE_VERIFY_MAC)).keyMetadata();
        client.createAlias(r -> r.aliasName("alias/typed").targetKeyId(symmetric.keyId()));

        KmsException e = thrown(KmsException.class,
                () -> client.updateAlias(r -> r.aliasName("alias/typed").targetKeyId(hmac.keyId())));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(client.describeKey(r -> r.keyId("alias/typed")).keyMetadata().keyId())
                .isEqualTo(symmetric.keyId());
    }

    @Test
    void anAliasCannotTargetAnotherAlias() {
        KeyMetadata key = newKey();
        client.createAlias(r -> r.aliasName("alias/base").targetKeyId(key.keyId()));

        KmsException e = thrown(KmsException.class,
                () -> client.createAlias(r -> r.aliasName("alias/chained").targetKeyId("alias/base")));

        assertAwsError(e, "ValidationException", "Aliases must refer to keys. Not aliases");
    }

    @Test
    void anAliasCannotBeCreatedForAKeyPendingDeletion() {
        KeyMetadata key = newKey();
        client.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));

        KmsInvalidStateException e = thrown(KmsInvalidStateException.class,
                () -> client.createAlias(r -> r.aliasName("alias/doomed").targetKeyId(key.keyId())));

        assertAwsError(e, "KMSInvalidStateException", key.arn() + " is pending deletion.");
        client.cancelKeyDeletion(r -> r.keyId(key.keyId()));
    }

    // ---------------------------------------------------------------- tags

    @Test
    void tagUntagAndListTags() {
        KeyMetadata key = newKey();

        client.tagResource(r -> r.keyId(key.keyId()).tags(tag("Team", "security"), tag("Env", "test")));
        client.tagResource(r -> r.keyId(key.arn()).tags(tag("Env", "prod")));
        ListResourceTagsResponse tags = client.listResourceTags(r -> r.keyId(key.keyId()));

        assertThat(tags.tags()).extracting(Tag::tagKey, Tag::tagValue)
                .containsExactlyInAnyOrder(tuple("Team", "security"), tuple("Env", "prod"));
        assertThat(tags.truncated()).isFalse();

        client.untagResource(r -> r.keyId(key.keyId()).tagKeys("Team", "NotThere"));
        assertThat(client.listResourceTags(r -> r.keyId(key.arn())).tags())
                .extracting(Tag::tagKey, Tag::tagValue)
                .containsExactly(tuple("Env", "prod"));
    }

    @Test
    void listResourceTagsPagesWithLimitAndMarker() {
        KeyMetadata key = newKey();
        client.tagResource(r -> r.keyId(key.keyId()).tags(tag("A", "1"), tag("B", "2"), tag("C", "3")));

        ListResourceTagsResponse first = client.listResourceTags(r -> r.keyId(key.keyId()).limit(2));
        assertThat(first.tags()).hasSize(2);
        assertThat(first.truncated()).isTrue();
        ListResourceTagsResponse second = client.listResourceTags(r -> r.keyId(key.keyId()).limit(2)
                .marker(first.nextMarker()));

        assertThat(second.tags()).hasSize(1);
        assertThat(second.truncated()).isFalse();
        assertThat(second.nextMarker()).isNull();
        List<String> all = new ArrayList<>();
        first.tags().forEach(t -> all.add(t.tagKey()));
        second.tags().forEach(t -> all.add(t.tagKey()));
        assertThat(all).containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void reservedTagKeysAreATagException() {
        KeyMetadata key = newKey();

        TagException e = thrown(TagException.class,
                () -> client.tagResource(r -> r.keyId(key.keyId()).tags(tag("aws:owner", "me"))));

        assertAwsError(e, "TagException", "Tags beginning with aws: are reserved");
    }

    @Test
    void duplicateTagKeysAreATagException() {
        TagException e = thrown(TagException.class,
                () -> client.createKey(r -> r.tags(tag("Dup", "1"), tag("Dup", "2"))));

        assertAwsError(e, "TagException", "Duplicate tag keys");
    }

    @Test
    void tagsOfAnUnknownKeyAreNotFound() {
        NotFoundException e = thrown(NotFoundException.class,
                () -> client.listResourceTags(r -> r.keyId(UNKNOWN_KEY_ID)));

        assertAwsError(e, "NotFoundException", "Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
    }

    // ---------------------------------------------------------------- key policies

    @Test
    void aNewKeyHasTheDefaultPolicy() {
        KeyMetadata key = newKey();

        GetKeyPolicyResponse policy = client.getKeyPolicy(r -> r.keyId(key.keyId()));

        assertThat(policy.policyName()).isEqualTo("default");
        assertThat(EndpointTestSupport.json(policy.policy()).at("/Statement/0/Principal/AWS").asText())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(EndpointTestSupport.json(policy.policy()).at("/Statement/0/Action").asText()).isEqualTo("kms:*");
    }

    @Test
    void putKeyPolicyReplacesThePolicyAndGetKeyPolicyReturnsItVerbatim() {
        KeyMetadata key = newKey();
        String policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"Root\", \"Effect\": \"Allow\", "
                + "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"kms:*\", "
                + "\"Resource\": \"*\"}]\n}";

        client.putKeyPolicy(r -> r.keyId(key.arn()).policyName("default").policy(policy));

        assertThat(client.getKeyPolicy(r -> r.keyId(key.keyId()).policyName("default")).policy()).isEqualTo(policy);
        assertThat(client.getKeyPolicy(r -> r.keyId(key.keyId())).policy()).isEqualTo(policy);
    }

    @Test
    void listKeyPoliciesNamesOnlyDefault() {
        KeyMetadata key = newKey();

        ListKeyPoliciesResponse policies = client.listKeyPolicies(r -> r.keyId(key.keyId()));

        assertThat(policies.policyNames()).containsExactly("default");
        assertThat(policies.truncated()).isFalse();
        assertThat(policies.nextMarker()).isNull();
    }

    @Test
    void aPolicyThatIsNotJsonIsMalformed() {
        KeyMetadata key = newKey();

        MalformedPolicyDocumentException e = thrown(MalformedPolicyDocumentException.class,
                () -> client.putKeyPolicy(r -> r.keyId(key.keyId()).policy("{not json")));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocumentException");
        assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
        assertThat(client.getKeyPolicy(r -> r.keyId(key.keyId())).policy()).contains("key-default-1");
    }

    @Test
    void aPolicyStatementWithoutEffectIsMalformedAtCreateKeyToo() {
        MalformedPolicyDocumentException e = thrown(MalformedPolicyDocumentException.class,
                () -> client.createKey(r -> r.policy("{\"Version\": \"2012-10-17\", \"Statement\": [{"
                        + "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]}")));

        assertAwsError(e, "MalformedPolicyDocumentException", "Statement 1 has no valid Effect.");
    }

    @Test
    void aPolicyNameOtherThanDefaultIsNotFound() {
        KeyMetadata key = newKey();

        NotFoundException e = thrown(NotFoundException.class,
                () -> client.getKeyPolicy(r -> r.keyId(key.keyId()).policyName("other")));

        assertAwsError(e, "NotFoundException", "No such policy exists");
    }

    @Test
    void policiesOfAnUnknownKeyAreNotFound() {
        NotFoundException get = thrown(NotFoundException.class, () -> client.getKeyPolicy(r -> r.keyId(UNKNOWN_KEY_ID)));
        NotFoundException list = thrown(NotFoundException.class,
                () -> client.listKeyPolicies(r -> r.keyId(UNKNOWN_KEY_ID)));

        assertAwsError(get, "NotFoundException", "Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
        assertAwsError(list, "NotFoundException", "Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
    }
}
