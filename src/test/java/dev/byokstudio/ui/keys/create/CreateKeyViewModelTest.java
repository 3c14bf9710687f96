package dev.byokstudio.ui.keys.create;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Create key form: what it offers per region and origin, how it validates, what it creates. */
class CreateKeyViewModelTest {

    private final FakeDialogService dialogs = new FakeDialogService();
    private EmbeddedKms kms;

    private CreateKeyViewModel formIn(String region) {
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.inRegion(region), SimulatedClock.systemUtc(),
                new SecureRandom());
        StudioSession session = new StudioSession(kms, kms, AccountContext.DEFAULT_ACCOUNT, region, "test");
        return new CreateKeyViewModel(session, new SameThreadTaskExecutor(), dialogs);
    }

    // ---------------------------------------------------------------- what is offered

    @Test
    void startsWithAwsDefaults_awsKmsOriginSymmetricKeyForEncryption() {
        CreateKeyViewModel form = formIn("us-east-1");

        assertThat(form.originProperty().get()).isEqualTo(Origin.AWS_KMS);
        assertThat(form.keySpecProperty().get()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(form.keyUsages()).containsExactly(KeyUsage.ENCRYPT_DECRYPT);
        assertThat(form.keyUsageProperty().get()).isEqualTo(KeyUsage.ENCRYPT_DECRYPT);
        assertThat(form.origins()).containsExactly(Origin.AWS_KMS, Origin.EXTERNAL);
        assertThat(form.valid().get()).isTrue();
    }

    @Test
    void sm2_isOfferedOnlyInChinaRegions() {
        assertThat(formIn("us-east-1").keySpecs()).doesNotContain(KeySpec.SM2);
        assertThat(formIn("eu-west-1").keySpecs()).doesNotContain(KeySpec.SM2);
        assertThat(formIn("cn-north-1").keySpecs()).contains(KeySpec.SM2);
    }

    @Test
    void mlDsa_isOfferedOnlyForAwsKmsOrigin() {
        CreateKeyViewModel form = formIn("us-east-1");
        assertThat(form.keySpecs()).contains(KeySpec.ML_DSA_44, KeySpec.ML_DSA_65, KeySpec.ML_DSA_87);

        form.originProperty().set(Origin.EXTERNAL);

        assertThat(form.keySpecs()).doesNotContain(KeySpec.ML_DSA_44, KeySpec.ML_DSA_65, KeySpec.ML_DSA_87)
                .contains(KeySpec.SYMMETRIC_DEFAULT, KeySpec.RSA_4096, KeySpec.HMAC_512, KeySpec.ECC_NIST_EDWARDS25519);
    }

    @Test
    void offeredKeySpecs_startWithSymmetricAndCoverEveryOtherSpec() {
        assertThat(CreateKeyViewModel.offeredKeySpecs(true, Origin.AWS_KMS))
                .startsWith(KeySpec.SYMMETRIC_DEFAULT, KeySpec.RSA_2048)
                .containsExactlyInAnyOrder(KeySpec.values());
    }

    @Test
    void switchingToExternal_replacesAnMlDsaSpecWithSymmetricDefault() {
        CreateKeyViewModel form = formIn("us-east-1");
        form.keySpecProperty().set(KeySpec.ML_DSA_65);
        assertThat(form.keyUsageProperty().get()).isEqualTo(KeyUsage.SIGN_VERIFY);

        form.originProperty().set(Origin.EXTERNAL);

        assertThat(form.keySpecProperty().get()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(form.keyUsageProperty().get()).isEqualTo(KeyUsage.ENCRYPT_DECRYPT);
    }

    @Test
    void switchingOrigin_keepsASpecThatIsStillOffered() {
        CreateKeyViewModel form = formIn("us-east-1");
        form.keySpecProperty().set(KeySpec.RSA_3072);

        form.originProperty().set(Origin.EXTERNAL);

        assertThat(form.keySpecProperty().get()).isEqualTo(KeySpec.RSA_3072);
    }

    @Test
    void usages_areThoseTheSpecAllows_theFirstPreselected() {
        CreateKeyViewModel form = formIn("us-east-1");

        form.keySpecProperty().set(KeySpec.ECC_NIST_P256);
        assertThat(form.keyUsages()).containsExactlyElementsOf(KeySpec.ECC_NIST_P256.allowedUsages());
        assertThat(form.keyUsageProperty().get()).isEqualTo(KeySpec.ECC_NIST_P256.allowedUsages().iterator().next());

        form.keySpecProperty().set(KeySpec.HMAC_384);
        assertThat(form.keyUsages()).containsExactly(KeyUsage.GENERATE_VERIFY_MAC);
        assertThat(form.keyUsageProperty().get()).isEqualTo(KeyUsage.GENERATE_VERIFY_MAC);
    }

    @Test
    void usages_keepTheChosenUsageWhenTheNewSpecAllowsIt() {
        CreateKeyViewModel form = formIn("us-east-1");
        form.keySpecProperty().set(KeySpec.RSA_2048);
        form.keyUsageProperty().set(KeyUsage.ENCRYPT_DECRYPT);

        form.keySpecProperty().set(KeySpec.RSA_4096);

        assertThat(form.keyUsageProperty().get()).isEqualTo(KeyUsage.ENCRYPT_DECRYPT);
    }

    @Test
    void originExplanation_saysWhatExternalMeans() {
        CreateKeyViewModel form = formIn("us-east-1");

        form.originProperty().set(Origin.EXTERNAL);

        assertThat(form.originExplanation().get()).contains("without key material").contains("import")
                .contains("responsible for keeping a copy");
    }

    // ---------------------------------------------------------------- validation

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "alias/payments", "alias/team_a/key-1:v2"})
    void alias_thatIsBlankOrWellFormed_isAccepted(String alias) {
        CreateKeyViewModel form = formIn("us-east-1");

        form.aliasProperty().set(alias);

        assertThat(form.aliasProblem().get()).isEmpty();
        assertThat(form.valid().get()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "alias/", "alias/aws/mine", "alias/has space", "Alias/payments"})
    void alias_thatKmsWouldRefuse_makesTheFormInvalidWithAReason(String alias) {
        CreateKeyViewModel form = formIn("us-east-1");

        form.aliasProperty().set(alias);

        assertThat(form.aliasProblem().get()).isNotEmpty();
        assertThat(form.valid().get()).isFalse();
    }

    @Test
    void alias_withoutPrefix_isToldToStartWithAliasSlash() {
        CreateKeyViewModel form = formIn("us-east-1");

        form.aliasProperty().set("payments");

        assertThat(form.aliasProblem().get()).contains("starts with alias/").contains("alias/payments");
    }

    // ---------------------------------------------------------------- creating

    @Test
    void create_external_makesAPendingImportKeyWithItsAlias() {
        CreateKeyViewModel form = formIn("us-east-1");
        form.originProperty().set(Origin.EXTERNAL);
        form.keySpecProperty().set(KeySpec.RSA_2048);
        form.keyUsageProperty().set(KeyUsage.ENCRYPT_DECRYPT);
        form.descriptionProperty().set("  rehearsal  ");
        form.aliasProperty().set("alias/rehearsal");
        AtomicReference<String> created = new AtomicReference<>();

        form.create(created::set);

        assertThat(created.get()).isNotNull();
        KeyMetadata key = kms.describeKey(new DescribeKeyRequest(created.get(), null)).keyMetadata();
        assertThat(key.keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(key.origin()).isEqualTo(Origin.EXTERNAL);
        assertThat(key.keySpec()).isEqualTo(KeySpec.RSA_2048);
        assertThat(key.keyUsage()).isEqualTo(KeyUsage.ENCRYPT_DECRYPT);
        assertThat(key.description()).isEqualTo("rehearsal");
        assertThat(kms.describeKey(new DescribeKeyRequest("alias/rehearsal", null)).keyMetadata().keyId())
                .isEqualTo(created.get());
        assertThat(form.busyProperty().get()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void create_sm2InAChinaRegion_isAcceptedByKms() {
        CreateKeyViewModel form = formIn("cn-north-1");
        form.originProperty().set(Origin.EXTERNAL);
        form.keySpecProperty().set(KeySpec.SM2);
        AtomicReference<String> created = new AtomicReference<>();

        form.create(created::set);

        assertThat(dialogs.errors).isEmpty();
        assertThat(kms.describeKey(new DescribeKeyRequest(created.get(), null)).keyMetadata().keySpec())
                .isEqualTo(KeySpec.SM2);
    }

    @Test
    void create_withAnAliasThatExists_createsTheKeyAndShowsAlreadyExists() {
        CreateKeyViewModel form = formIn("us-east-1");
        String other = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        kms.createAlias(new CreateAliasRequest("alias/taken", other));
        form.aliasProperty().set("alias/taken");
        AtomicReference<String> created = new AtomicReference<>();

        form.create(created::set);

        assertThat(created.get()).isNotNull().isNotEqualTo(other);
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).error()).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.errorCode()).isEqualTo("AlreadyExistsException"));
    }

    @Test
    void create_whileInvalid_sendsNothing() {
        CreateKeyViewModel form = formIn("us-east-1");
        form.aliasProperty().set("not-an-alias");
        AtomicReference<String> created = new AtomicReference<>();

        form.create(created::set);

        assertThat(created.get()).isNull();
        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).isEmpty();
    }
}
