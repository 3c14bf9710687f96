package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.START;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.aliasArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.describe;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.AliasListEntry;
import dev.byokstudio.kms.AlreadyExistsException;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DeleteAliasRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.ListAliasesRequest;
import dev.byokstudio.kms.NotAuthorizedException;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.UpdateAliasRequest;
import dev.byokstudio.kms.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CreateAlias, UpdateAlias, DeleteAlias and ListAliases (catalogue §5-§8). */
class AliasTest {

    private static final String PREFIX_MESSAGE = "Alias must start with the prefix \"alias/\". Please see "
            + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html";

    // ---------------------------------------------------------------- create and list

    @Test
    void createAlias_isListedWithItsArnTargetAndDates() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        kms.createAlias(new CreateAliasRequest("alias/payroll", key.keyId()));

        assertThat(aliases(kms)).containsExactly(new AliasListEntry("alias/payroll",
                "arn:aws:kms:us-east-1:111122223333:alias/payroll", key.keyId(), START, START));
    }

    @Test
    void createAlias_targetGivenAsKeyArn_recordsTheBareKeyId() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        kms.createAlias(new CreateAliasRequest("alias/payroll", key.arn()));

        assertThat(aliases(kms)).extracting(AliasListEntry::targetKeyId).containsExactly(key.keyId());
    }

    @Test
    void createAlias_forPendingImportKey_isAllowedAndResolves() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createExternal(kms);

        kms.createAlias(new CreateAliasRequest("alias/byok", key.keyId()));

        assertThat(describe(kms, "alias/byok").keyId()).isEqualTo(key.keyId());
    }

    @Test
    void createAlias_forDisabledKey_isAllowed() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);
        kms.disableKey(new DisableKeyRequest(key.keyId()));

        kms.createAlias(new CreateAliasRequest("alias/off", key.keyId()));

        assertThat(describe(kms, "alias/off").keyState()).isEqualTo(KeyState.Disabled);
    }

    @Test
    void createAlias_severalForOneKey_allResolveToIt() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        kms.createAlias(new CreateAliasRequest("alias/a", key.keyId()));
        kms.createAlias(new CreateAliasRequest("alias/b", key.keyId()));

        assertThat(describe(kms, "alias/a").keyId()).isEqualTo(key.keyId());
        assertThat(describe(kms, "alias/b").keyId()).isEqualTo(key.keyId());
    }

    @Test
    void createAlias_withoutAliasPrefix_isAValidationErrorWithAwsText() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        ValidationException e = expectError(ValidationException.class,
                () -> kms.createAlias(new CreateAliasRequest("payroll", key.keyId())));

        assertThat(e.awsMessage()).isEqualTo(PREFIX_MESSAGE);
        assertThat(aliases(kms)).isEmpty();
    }

    @Test
    void createAlias_reservedAwsPrefix_isNotAuthorized() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        NotAuthorizedException e = expectError(NotAuthorizedException.class,
                () -> kms.createAlias(new CreateAliasRequest("alias/aws/x", key.keyId())));

        assertThat(e.errorCode()).isEqualTo("NotAuthorizedException");
        assertThat(aliases(kms)).isEmpty();
    }

    @Test
    void createAlias_nameAlreadyTaken_isAlreadyExistsNamingTheAliasArn() {
        EmbeddedKms kms = newKms();
        KeyMetadata first = createSymmetric(kms);
        KeyMetadata second = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/x", first.keyId()));

        AlreadyExistsException e = expectError(AlreadyExistsException.class,
                () -> kms.createAlias(new CreateAliasRequest("alias/x", second.keyId())));

        assertThat(e.awsMessage())
                .isEqualTo("An alias with the name arn:aws:kms:us-east-1:111122223333:alias/x already exists");
        assertThat(describe(kms, "alias/x").keyId()).isEqualTo(first.keyId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alias/other", "arn:aws:kms:us-east-1:111122223333:alias/other"})
    void createAlias_targetIsAnAlias_isAValidationError(String target) {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/other", key.keyId()));

        expectError(ValidationException.class, () -> kms.createAlias(new CreateAliasRequest("alias/new", target)));

        assertThat(aliases(kms)).extracting(AliasListEntry::aliasName).containsExactly("alias/other");
    }

    @Test
    void createAlias_targetPendingDeletion_isInvalidState() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);
        scheduleDeletion(kms, key.keyId());

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> kms.createAlias(new CreateAliasRequest("alias/x", key.keyId())));

        assertThat(e.awsMessage()).isEqualTo(key.arn() + " is pending deletion.");
        assertThat(aliases(kms)).isEmpty();
    }

    @Test
    void createAlias_unknownTarget_isNotFound() {
        EmbeddedKms kms = newKms();

        NotFoundException e = expectError(NotFoundException.class,
                () -> kms.createAlias(new CreateAliasRequest("alias/x", EmbeddedKmsFixture.UNKNOWN_KEY_ID)));

        assertThat(e.awsMessage())
                .isEqualTo("Key '" + EmbeddedKmsFixture.keyArn(EmbeddedKmsFixture.UNKNOWN_KEY_ID) + "' does not exist");
    }

    @Test
    void createAlias_withInvalidCharacters_isAPatternValidationError() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        ValidationException e = expectError(ValidationException.class,
                () -> kms.createAlias(new CreateAliasRequest("alias/a b", key.keyId())));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value 'alias/a b' at 'aliasName' failed to "
                + "satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
    }

    // ---------------------------------------------------------------- update

    @Test
    void updateAlias_toKeyOfSameTypeAndUsage_movesItAndRefreshesLastUpdatedDate() {
        EmbeddedKms kms = newKms();
        KeyMetadata first = createSymmetric(kms);
        KeyMetadata second = createExternal(kms);
        kms.createAlias(new CreateAliasRequest("alias/x", first.keyId()));
        Instant later = kms.advance(Duration.ofHours(1));

        kms.updateAlias(new UpdateAliasRequest("alias/x", second.keyId()));

        assertThat(aliases(kms)).containsExactly(
                new AliasListEntry("alias/x", aliasArn("alias/x"), second.keyId(), START, later));
        assertThat(describe(kms, "alias/x").keyId()).isEqualTo(second.keyId());
    }

    @Test
    void updateAlias_toKeyOfAnotherType_isAValidationError() {
        EmbeddedKms kms = newKms();
        KeyMetadata symmetric = createSymmetric(kms);
        KeyMetadata hmac = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        kms.createAlias(new CreateAliasRequest("alias/x", symmetric.keyId()));

        expectError(ValidationException.class, () -> kms.updateAlias(new UpdateAliasRequest("alias/x", hmac.keyId())));

        assertThat(describe(kms, "alias/x").keyId()).isEqualTo(symmetric.keyId());
    }

    @Test
    void updateAlias_fromSymmetricToAsymmetricEncryptionKey_isAValidationError() {
        EmbeddedKms kms = newKms();
        KeyMetadata symmetric = createSymmetric(kms);
        KeyMetadata rsa = createExternal(kms, KeySpec.RSA_2048, KeyUsage.ENCRYPT_DECRYPT);
        kms.createAlias(new CreateAliasRequest("alias/x", symmetric.keyId()));

        expectError(ValidationException.class, () -> kms.updateAlias(new UpdateAliasRequest("alias/x", rsa.keyId())));

        assertThat(describe(kms, "alias/x").keyId()).isEqualTo(symmetric.keyId());
    }

    @Test
    void updateAlias_toKeyOfSameSpecButAnotherUsage_isAValidationError() {
        EmbeddedKms kms = newKms();
        KeyMetadata encrypting = createExternal(kms, KeySpec.RSA_2048, KeyUsage.ENCRYPT_DECRYPT);
        KeyMetadata signing = createExternal(kms, KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY);
        kms.createAlias(new CreateAliasRequest("alias/x", encrypting.keyId()));

        expectError(ValidationException.class, () -> kms.updateAlias(new UpdateAliasRequest("alias/x", signing.keyId())));

        assertThat(describe(kms, "alias/x").keyId()).isEqualTo(encrypting.keyId());
    }

    @Test
    void updateAlias_betweenAsymmetricKeysOfSameUsage_isAllowed() {
        EmbeddedKms kms = newKms();
        KeyMetadata rsa = createExternal(kms, KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY);
        KeyMetadata ecc = createExternal(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);
        kms.createAlias(new CreateAliasRequest("alias/signer", rsa.keyId()));

        kms.updateAlias(new UpdateAliasRequest("alias/signer", ecc.keyId()));

        assertThat(describe(kms, "alias/signer").keyId()).isEqualTo(ecc.keyId());
    }

    @Test
    void updateAlias_targetPendingDeletion_isInvalidState() {
        EmbeddedKms kms = newKms();
        KeyMetadata first = createSymmetric(kms);
        KeyMetadata second = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/x", first.keyId()));
        scheduleDeletion(kms, second.keyId());

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> kms.updateAlias(new UpdateAliasRequest("alias/x", second.keyId())));

        assertThat(e.awsMessage()).isEqualTo(second.arn() + " is pending deletion.");
        assertThat(describe(kms, "alias/x").keyId()).isEqualTo(first.keyId());
    }

    @Test
    void updateAlias_targetIsAnAlias_isAValidationError() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/x", key.keyId()));
        kms.createAlias(new CreateAliasRequest("alias/y", key.keyId()));

        expectError(ValidationException.class, () -> kms.updateAlias(new UpdateAliasRequest("alias/x", "alias/y")));
    }

    @Test
    void updateAlias_unknownAlias_isNotFoundNamingTheAliasArn() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        NotFoundException e = expectError(NotFoundException.class,
                () -> kms.updateAlias(new UpdateAliasRequest("alias/x", key.keyId())));

        assertThat(e.awsMessage()).isEqualTo("Alias arn:aws:kms:us-east-1:111122223333:alias/x is not found.");
    }

    @Test
    void updateAlias_withoutAliasPrefix_isAValidationErrorWithAwsText() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);

        ValidationException e = expectError(ValidationException.class,
                () -> kms.updateAlias(new UpdateAliasRequest("x", key.keyId())));

        assertThat(e.awsMessage()).isEqualTo(PREFIX_MESSAGE);
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteAlias_removesTheAliasButNotTheKey() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/x", key.keyId()));

        kms.deleteAlias(new DeleteAliasRequest("alias/x"));

        assertThat(aliases(kms)).isEmpty();
        expectError(NotFoundException.class, () -> describe(kms, "alias/x"));
        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void deleteAlias_ofKeyPendingDeletion_isAllowed() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/x", key.keyId()));
        scheduleDeletion(kms, key.keyId());

        kms.deleteAlias(new DeleteAliasRequest("alias/x"));

        assertThat(aliases(kms)).isEmpty();
    }

    @Test
    void deleteAlias_thenCreateAgain_isAllowed() {
        EmbeddedKms kms = newKms();
        KeyMetadata key = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/x", key.keyId()));
        kms.deleteAlias(new DeleteAliasRequest("alias/x"));

        kms.createAlias(new CreateAliasRequest("alias/x", key.keyId()));

        assertThat(describe(kms, "alias/x").keyId()).isEqualTo(key.keyId());
    }

    @Test
    void deleteAlias_unknownAlias_isNotFoundNamingTheAliasArn() {
        EmbeddedKms kms = newKms();

        NotFoundException e = expectError(NotFoundException.class,
                () -> kms.deleteAlias(new DeleteAliasRequest("alias/x")));

        assertThat(e.awsMessage()).isEqualTo("Alias arn:aws:kms:us-east-1:111122223333:alias/x is not found.");
    }

    // ---------------------------------------------------------------- list filtered by key

    @Test
    void listAliases_filteredByKeyIdOrArn_listsOnlyThatKeysAliases() {
        EmbeddedKms kms = newKms();
        KeyMetadata a = createSymmetric(kms);
        KeyMetadata b = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata();
        kms.createAlias(new CreateAliasRequest("alias/a1", a.keyId()));
        kms.createAlias(new CreateAliasRequest("alias/b1", b.keyId()));
        kms.createAlias(new CreateAliasRequest("alias/a2", a.keyId()));

        List<AliasListEntry> byId = kms.listAliases(new ListAliasesRequest(a.keyId(), null, null)).aliases();
        List<AliasListEntry> byArn = kms.listAliases(new ListAliasesRequest(b.arn(), null, null)).aliases();

        assertThat(byId).extracting(AliasListEntry::aliasName).containsExactlyInAnyOrder("alias/a1", "alias/a2");
        assertThat(byId).extracting(AliasListEntry::targetKeyId).containsOnly(a.keyId());
        assertThat(byArn).extracting(AliasListEntry::aliasName).containsExactly("alias/b1");
    }

    @Test
    void listAliases_filteredByKeyWithoutAliases_isEmpty() {
        EmbeddedKms kms = newKms();
        KeyMetadata a = createSymmetric(kms);
        KeyMetadata lonely = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/a", a.keyId()));

        assertThat(kms.listAliases(new ListAliasesRequest(lonely.keyId(), null, null)).aliases()).isEmpty();
    }

    @Test
    void listAliases_filteredByUnknownKey_isNotFound() {
        EmbeddedKms kms = newKms();

        expectError(NotFoundException.class,
                () -> kms.listAliases(new ListAliasesRequest(EmbeddedKmsFixture.UNKNOWN_KEY_ID, null, null)));
    }

    private static List<AliasListEntry> aliases(EmbeddedKms kms) {
        return kms.listAliases(new ListAliasesRequest(null, null, null)).aliases();
    }
}
