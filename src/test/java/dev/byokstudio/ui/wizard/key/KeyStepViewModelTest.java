package dev.byokstudio.ui.wizard.key;

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
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.LimitExceededException;
import dev.byokstudio.kms.ListAliasesRequest;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Step 1 of the import wizard: what it offers, what it creates, and how it shows an existing key. */
class KeyStepViewModelTest {

    private final FakeDialogService dialogs = new FakeDialogService();
    private final List<String> outcomes = new ArrayList<>();
    private EmbeddedKms kms;
    private ImportWizardModel model;

    private KeyStepViewModel stepIn(String region) {
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.inRegion(region), SimulatedClock.systemUtc(),
                new SecureRandom());
        StudioSession session = new StudioSession(kms, kms, AccountContext.DEFAULT_ACCOUNT, region, "test");
        model = new ImportWizardModel(session, new SameThreadTaskExecutor(), dialogs, new SecureRandom());
        return new KeyStepViewModel(model);
    }

    private void next(KeyStepViewModel step) {
        step.next(() -> outcomes.add("proceed"), () -> outcomes.add("stay"));
    }

    private KeyMetadata describe(String keyId) {
        return kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata();
    }

    // ---------------------------------------------------------------- what is offered

    @Test
    void offersOnlyKeySpecsThatTakeImportedMaterial_noSm2OutsideChina() {
        KeyStepViewModel step = stepIn("us-east-1");

        assertThat(step.keySpecs()).startsWith(KeySpec.SYMMETRIC_DEFAULT)
                .contains(KeySpec.RSA_4096, KeySpec.HMAC_256, KeySpec.ECC_NIST_EDWARDS25519)
                .doesNotContain(KeySpec.SM2, KeySpec.ML_DSA_44, KeySpec.ML_KEM_768);
        assertThat(step.keySpecProperty().get()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(step.keyUsageProperty().get()).isEqualTo(KeyUsage.ENCRYPT_DECRYPT);
        assertThat(step.existing().get()).isFalse();
        assertThat(step.valid().get()).isTrue();
    }

    @Test
    void offersSm2InAChinaRegion() {
        assertThat(stepIn("cn-north-1").keySpecs()).contains(KeySpec.SM2).doesNotContain(KeySpec.ML_DSA_65);
    }

    @Test
    void offersTheUsagesTheKeySpecAllows() {
        KeyStepViewModel step = stepIn("us-east-1");

        step.keySpecProperty().set(KeySpec.ECC_NIST_P384);

        assertThat(step.keyUsages()).containsExactlyElementsOf(KeySpec.ECC_NIST_P384.allowedUsages());
        assertThat(step.keyUsageProperty().get()).isEqualTo(KeyUsage.SIGN_VERIFY);
    }

    @Test
    void explainsExternalOriginInTwoSentences() {
        String text = stepIn("us-east-1").externalExplanation();

        assertThat(text).contains("without key material").contains("PendingImport").contains("keep a copy");
        assertThat(text.split("\\. ")).hasSize(2);
    }

    // ---------------------------------------------------------------- creating

    @Test
    void next_createsAnExternalKeyInPendingImportWithItsAlias_andProceeds() {
        KeyStepViewModel step = stepIn("us-east-1");
        step.keySpecProperty().set(KeySpec.RSA_3072);
        step.keyUsageProperty().set(KeyUsage.SIGN_VERIFY);
        step.descriptionProperty().set(" rehearsal ");
        step.aliasProperty().set("alias/wizard-key");

        next(step);

        assertThat(outcomes).containsExactly("proceed");
        assertThat(dialogs.errors).isEmpty();
        String keyId = model.keyIdProperty().get();
        KeyMetadata key = describe(keyId);
        assertThat(key.origin()).isEqualTo(Origin.EXTERNAL);
        assertThat(key.keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(key.keySpec()).isEqualTo(KeySpec.RSA_3072);
        assertThat(key.keyUsage()).isEqualTo(KeyUsage.SIGN_VERIFY);
        assertThat(key.description()).isEqualTo("rehearsal");
        assertThat(describe("alias/wizard-key").keyId()).isEqualTo(keyId);
        assertThat(model.keyArnProperty().get()).isEqualTo(key.arn());
        assertThat(model.keySpecProperty().get()).isEqualTo(KeySpec.RSA_3072);
        assertThat(model.keyUsageProperty().get()).isEqualTo(KeyUsage.SIGN_VERIFY);
        assertThat(step.busyProperty().get()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ML_KEM_512", "ML_KEM_768",
            "ML_KEM_1024", "SM2"}, mode = EnumSource.Mode.EXCLUDE)
    void next_everyOfferedSpecWithEveryOfferedUsage_isAcceptedByKms(KeySpec spec) {
        KeyStepViewModel step = stepIn("us-east-1");
        for (KeyUsage usage : spec.allowedUsages()) {
            model.keyIdProperty().set(null);
            step.keySpecProperty().set(spec);
            step.keyUsageProperty().set(usage);

            next(step);

            assertThat(dialogs.errors).as(spec + " " + usage).isEmpty();
            assertThat(describe(model.keyIdProperty().get()).keyUsage()).isEqualTo(usage);
        }
    }

    @Test
    void next_withoutAlias_createsNoAlias() {
        KeyStepViewModel step = stepIn("us-east-1");

        next(step);

        assertThat(outcomes).containsExactly("proceed");
        assertThat(kms.listAliases(new ListAliasesRequest(null, null, null)).aliases())
                .noneMatch(a -> model.keyIdProperty().get().equals(a.targetKeyId()));
    }

    @Test
    void aliasKmsWouldRefuse_makesTheStepInvalidWithAReason() {
        KeyStepViewModel step = stepIn("us-east-1");

        step.aliasProperty().set("alias/aws/mine");

        assertThat(step.aliasProblem().get()).contains("reserved");
        assertThat(step.valid().get()).isFalse();
        next(step);
        assertThat(outcomes).containsExactly("stay");
        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).isEmpty();
    }

    @Test
    void kmsRefusingTheKey_showsTheErrorAndStays() {
        stepIn("us-east-1");
        StudioSession refusing = new StudioSession(refusingCreateKey(kms), kms, AccountContext.DEFAULT_ACCOUNT,
                "us-east-1", "test");
        model = new ImportWizardModel(refusing, new SameThreadTaskExecutor(), dialogs, new SecureRandom());
        KeyStepViewModel step = new KeyStepViewModel(model);
        step.aliasProperty().set("alias/never");

        next(step);

        assertThat(outcomes).containsExactly("stay");
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).whatFailed()).isEqualTo("Could not create the key");
        assertThat(dialogs.errors.get(0).error()).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.errorCode()).isEqualTo("LimitExceededException"));
        assertThat(model.keyIdProperty().get()).isNull();
        assertThat(step.existing().get()).isFalse();
        assertThat(step.busyProperty().get()).isFalse();
        assertThat(step.valid().get()).isTrue();
    }

    /** The KMS, except that CreateKey fails as it does when the account's key quota is reached. */
    private static Kms refusingCreateKey(Kms kms) {
        return (Kms) Proxy.newProxyInstance(Kms.class.getClassLoader(), new Class<?>[] {Kms.class}, (proxy, method, args) -> {
            if (method.getName().equals("createKey")) {
                throw new LimitExceededException("The request would exceed the quota of keys in this account.");
            }
            try {
                return method.invoke(kms, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void aliasThatExists_keepsTheCreatedKey_showsTheErrorAndStays() {
        KeyStepViewModel step = stepIn("us-east-1");
        String other = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        kms.createAlias(new CreateAliasRequest("alias/taken", other));
        step.aliasProperty().set("alias/taken");

        next(step);

        assertThat(outcomes).containsExactly("stay");
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).error()).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.errorCode()).isEqualTo("AlreadyExistsException"));
        String created = model.keyIdProperty().get();
        assertThat(created).isNotNull().isNotEqualTo(other);
        assertThat(step.existing().get()).isTrue();

        next(step);

        assertThat(outcomes).containsExactly("stay", "proceed");
        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).hasSize(2);
    }

    // ---------------------------------------------------------------- an existing key

    @Test
    void existingKey_isShownReadOnlyAndValidAtOnce_andNextJustProceeds() {
        KeyStepViewModel step = stepIn("us-east-1");
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).keySpec(KeySpec.HMAC_384)
                .keyUsage(KeyUsage.GENERATE_VERIFY_MAC).build()).keyMetadata();

        model.keyIdProperty().set(key.keyId());

        assertThat(step.existing().get()).isTrue();
        assertThat(step.valid().get()).isTrue();

        step.enter();

        assertThat(step.existingSpecProperty().get()).isEqualTo("HMAC_384");
        assertThat(step.existingUsageProperty().get()).isEqualTo("GENERATE_VERIFY_MAC");
        assertThat(step.existingStateProperty().get()).isEqualTo("PendingImport");
        assertThat(step.existingArnProperty().get()).isEqualTo(key.arn());
        assertThat(model.keySpecProperty().get()).isEqualTo(KeySpec.HMAC_384);
        assertThat(model.keyArnProperty().get()).isEqualTo(key.arn());

        next(step);

        assertThat(outcomes).containsExactly("proceed");
        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).hasSize(1);
    }

    @Test
    void existingKey_nextBeforeTheKeyWasRead_readsItFirst_soTheNextStepsKnowItsSpec() {
        KeyStepViewModel step = stepIn("us-east-1");
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).keySpec(KeySpec.RSA_2048)
                .keyUsage(KeyUsage.SIGN_VERIFY).build()).keyMetadata();
        model.keyIdProperty().set(key.keyId());

        next(step);

        assertThat(outcomes).containsExactly("proceed");
        assertThat(model.keySpecProperty().get()).isEqualTo(KeySpec.RSA_2048);
        assertThat(model.keyUsageProperty().get()).isEqualTo(KeyUsage.SIGN_VERIFY);
    }

    @Test
    void existingKeyThatCannotBeRead_staysOnNext() {
        KeyStepViewModel step = stepIn("us-east-1");
        model.keyIdProperty().set("1234abcd-12ab-34cd-56ef-1234567890ab");

        next(step);

        assertThat(outcomes).containsExactly("stay");
        assertThat(dialogs.errors).hasSize(1);
    }

    @Test
    void existingKeyThatIsNotExternal_isSaidSo() {
        KeyStepViewModel step = stepIn("us-east-1");
        String keyId = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        model.keyIdProperty().set(keyId);

        step.enter();

        assertThat(step.existingStateProperty().get()).isEqualTo("Enabled");
        assertThat(step.existingNoteProperty().get()).contains("AWS_KMS").contains("only into EXTERNAL keys");
    }

    @Test
    void existingKeyThatCannotBeRead_showsTheError() {
        KeyStepViewModel step = stepIn("us-east-1");
        model.keyIdProperty().set("1234abcd-12ab-34cd-56ef-1234567890ab");

        step.enter();

        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).error()).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.errorCode()).isEqualTo("NotFoundException"));
    }
}
