package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.UNKNOWN_KEY_ID;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.aliasArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.describe;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.EnableKeyRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How DescribeKey and EnableKey find a key from what the request names (reference §1.2, catalogue §1). */
class KeyIdentifiersTest {

    private EmbeddedKms kms;
    private KeyMetadata key;

    @BeforeEach
    void createKeyWithAlias() {
        kms = newKms();
        key = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/x", key.keyId()));
    }

    @Test
    void describeKey_byKeyId_findsTheKey() {
        assertThat(describe(kms, key.keyId()).keyId()).isEqualTo(key.keyId());
    }

    @Test
    void describeKey_byKeyArn_findsTheKey() {
        assertThat(describe(kms, key.arn()).keyId()).isEqualTo(key.keyId());
    }

    @Test
    void describeKey_byAliasName_findsTheTargetKey() {
        assertThat(describe(kms, "alias/x").keyId()).isEqualTo(key.keyId());
    }

    @Test
    void describeKey_byAliasArn_findsTheTargetKey() {
        assertThat(describe(kms, aliasArn("alias/x")).keyId()).isEqualTo(key.keyId());
    }

    @Test
    void enableKey_byKeyArn_changesTheKey() {
        kms.disableKey(new DisableKeyRequest(key.arn()));
        kms.enableKey(new EnableKeyRequest(key.arn()));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void describeKey_unknownKeyId_isNotFoundNamingTheKeyArn() {
        NotFoundException e = expectError(NotFoundException.class, () -> describe(kms, UNKNOWN_KEY_ID));

        assertThat(e.awsMessage()).isEqualTo("Key 'arn:aws:kms:us-east-1:111122223333:key/" + UNKNOWN_KEY_ID
                + "' does not exist");
        assertThat(e.errorCode()).isEqualTo("NotFoundException");
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void describeKey_unknownKeyArn_isNotFoundNamingTheKeyArn() {
        NotFoundException e = expectError(NotFoundException.class, () -> describe(kms, keyArn(UNKNOWN_KEY_ID)));

        assertThat(e.awsMessage()).isEqualTo("Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
    }

    @Test
    void describeKey_unknownMultiRegionKeyId_isNotFoundNamingTheKeyArn() {
        String mrk = "mrk-d3b95762d3b95762d3b95762d3b95762";

        NotFoundException e = expectError(NotFoundException.class, () -> describe(kms, mrk));

        assertThat(e.awsMessage()).isEqualTo("Key '" + keyArn(mrk) + "' does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake-key-id", "134f2428cec14b25a1ae9048164dba47", "mrk-fake-key-id"})
    void describeKey_identifierThatIsNoKeyIdArnOrAlias_isInvalidKeyId(String identifier) {
        NotFoundException e = expectError(NotFoundException.class, () -> describe(kms, identifier));

        assertThat(e.awsMessage()).isEqualTo("Invalid keyId '" + identifier + "'");
    }

    @Test
    void describeKey_keyArnOfAnotherRegion_isInvalidArnNamingThatRegion() {
        String otherRegion = "arn:aws:kms:eu-west-1:111122223333:key/" + key.keyId();

        NotFoundException e = expectError(NotFoundException.class, () -> describe(kms, otherRegion));

        assertThat(e.awsMessage()).isEqualTo("Invalid arn eu-west-1");
    }

    @Test
    void enableKey_givenAnExistingAliasName_isInvalidKeyId() {
        NotFoundException e = expectError(NotFoundException.class, () -> kms.enableKey(new EnableKeyRequest("alias/x")));

        assertThat(e.awsMessage()).isEqualTo("Invalid keyId 'alias/x'");
    }

    @Test
    void disableKey_givenAnAliasName_leavesTheKeyEnabled() {
        expectError(NotFoundException.class, () -> kms.disableKey(new DisableKeyRequest("alias/x")));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void describeKey_unknownAliasName_isNotFoundNamingTheAliasArn() {
        NotFoundException e = expectError(NotFoundException.class, () -> describe(kms, "alias/unknown"));

        assertThat(e.awsMessage()).isEqualTo("Alias arn:aws:kms:us-east-1:111122223333:alias/unknown is not found.");
    }

    @Test
    void describeKey_unknownAliasArn_isNotFoundNamingTheAliasArn() {
        NotFoundException e = expectError(NotFoundException.class, () -> describe(kms, aliasArn("alias/unknown")));

        assertThat(e.awsMessage()).isEqualTo("Alias arn:aws:kms:us-east-1:111122223333:alias/unknown is not found.");
    }
}
