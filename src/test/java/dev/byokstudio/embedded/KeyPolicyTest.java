package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.GetKeyPolicyResponse;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.ListKeyPoliciesRequest;
import dev.byokstudio.kms.ListKeyPoliciesResponse;
import dev.byokstudio.kms.MalformedPolicyDocumentException;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.PutKeyPolicyRequest;
import org.junit.jupiter.api.Test;

/** GetKeyPolicy, PutKeyPolicy and ListKeyPolicies (reference §14.3, catalogue §12). */
class KeyPolicyTest {

    /** The default policy exactly as GetKeyPolicy returns it from AWS (Jackson's default pretty printer). */
    private static final String DEFAULT_POLICY = "{\n"
            + "  \"Version\" : \"2012-10-17\",\n"
            + "  \"Id\" : \"key-default-1\",\n"
            + "  \"Statement\" : [ {\n"
            + "    \"Sid\" : \"Enable IAM User Permissions\",\n"
            + "    \"Effect\" : \"Allow\",\n"
            + "    \"Principal\" : {\n"
            + "      \"AWS\" : \"arn:aws:iam::111122223333:root\"\n"
            + "    },\n"
            + "    \"Action\" : \"kms:*\",\n"
            + "    \"Resource\" : \"*\"\n"
            + "  } ]\n"
            + "}";

    /** A valid policy laid out unusually, to show it is stored as sent. */
    private static final String CUSTOM_POLICY = "{\"Version\":\"2012-10-17\",   \"Statement\":[{\"Sid\":\"Root\","
            + "\"Effect\":\"Allow\",\n\t\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
            + "\"Action\":[\"kms:*\"],\"Resource\":\"*\"}]}";

    @Test
    void getKeyPolicy_ofKeyCreatedWithoutPolicy_isTheDefaultPolicyLaidOutAsAwsDoes() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        GetKeyPolicyResponse response = kms.getKeyPolicy(new GetKeyPolicyRequest(key.keyId(), null));

        assertThat(response.policy()).isEqualTo(DEFAULT_POLICY);
        assertThat(response.policyName()).isEqualTo("default");
    }

    @Test
    void getKeyPolicy_externalKey_hasTheSameDefaultPolicy() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createExternal(kms);

        assertThat(kms.getKeyPolicy(new GetKeyPolicyRequest(key.keyId(), "default")).policy()).isEqualTo(DEFAULT_POLICY);
    }

    @Test
    void getKeyPolicy_ofKeyCreatedWithPolicy_returnsItUnchanged() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().policy(CUSTOM_POLICY).build()).keyMetadata();

        assertThat(kms.getKeyPolicy(new GetKeyPolicyRequest(key.keyId(), null)).policy()).isEqualTo(CUSTOM_POLICY);
    }

    @Test
    void putKeyPolicy_thenGetKeyPolicy_returnsTheStoredTextUnchanged() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        kms.putKeyPolicy(new PutKeyPolicyRequest(key.keyId(), "default", CUSTOM_POLICY, null));

        assertThat(kms.getKeyPolicy(new GetKeyPolicyRequest(key.arn(), null)).policy()).isEqualTo(CUSTOM_POLICY);
    }

    @Test
    void putKeyPolicy_withoutPolicyName_replacesTheDefaultPolicy() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        kms.putKeyPolicy(new PutKeyPolicyRequest(key.keyId(), null, CUSTOM_POLICY, null));

        assertThat(kms.getKeyPolicy(new GetKeyPolicyRequest(key.keyId(), "default")).policy()).isEqualTo(CUSTOM_POLICY);
    }

    @Test
    void putKeyPolicy_malformed_isRefusedAndKeepsThePreviousPolicy() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        expectError(MalformedPolicyDocumentException.class, () -> kms.putKeyPolicy(
                new PutKeyPolicyRequest(key.keyId(), null, "{\"Version\":\"2012-10-17\",\"Statement\":[]}", null)));

        assertThat(kms.getKeyPolicy(new GetKeyPolicyRequest(key.keyId(), null)).policy()).isEqualTo(DEFAULT_POLICY);
    }

    @Test
    void getKeyPolicy_otherPolicyName_isNoSuchPolicy() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        NotFoundException e = expectError(NotFoundException.class,
                () -> kms.getKeyPolicy(new GetKeyPolicyRequest(key.keyId(), "other")));

        assertThat(e.awsMessage()).isEqualTo("No such policy exists");
    }

    @Test
    void getKeyPolicy_unknownKey_isNotFound() {
        EmbeddedKms kms = newKms();

        expectError(NotFoundException.class,
                () -> kms.getKeyPolicy(new GetKeyPolicyRequest(EmbeddedKmsFixture.UNKNOWN_KEY_ID, null)));
    }

    @Test
    void getKeyPolicy_keyPendingDeletion_stillAnswers() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);
        scheduleDeletion(kms, key.keyId());

        assertThat(kms.getKeyPolicy(new GetKeyPolicyRequest(key.keyId(), null)).policy()).isEqualTo(DEFAULT_POLICY);
    }

    @Test
    void listKeyPolicies_isAlwaysJustDefaultAndNotTruncated() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        ListKeyPoliciesResponse response = kms.listKeyPolicies(new ListKeyPoliciesRequest(key.keyId(), null, null));

        assertThat(response.policyNames()).containsExactly("default");
        assertThat(response.truncated()).isFalse();
        assertThat(response.nextMarker()).isNull();
    }

    @Test
    void listKeyPolicies_unknownKey_isNotFound() {
        EmbeddedKms kms = newKms();

        expectError(NotFoundException.class,
                () -> kms.listKeyPolicies(new ListKeyPoliciesRequest(EmbeddedKmsFixture.UNKNOWN_KEY_ID, null, null)));
    }
}
