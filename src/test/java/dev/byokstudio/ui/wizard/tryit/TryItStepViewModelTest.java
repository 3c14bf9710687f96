package dev.byokstudio.ui.wizard.tryit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Try it step on a real embedded KMS: one operation per kind of key, each checked end to end. */
class TryItStepViewModelTest {

    private final FakeDialogService dialogs = new FakeDialogService();
    private final SecureRandom random = new SecureRandom();
    private EmbeddedKms kms;
    private ImportWizardModel model;

    @BeforeEach
    void session() {
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(), SimulatedClock.systemUtc(), random);
        StudioSession session = new StudioSession(kms, kms, "111122223333", "us-east-1", "test");
        model = new ImportWizardModel(session, new SameThreadTaskExecutor(), dialogs, random);
    }

    private TryItViewModel tryingA(KeySpec spec, KeyUsage usage) {
        String keyId = kms.createKey(CreateKeyRequest.builder().keySpec(spec).keyUsage(usage).build())
                .keyMetadata().keyId();
        model.keySpecProperty().set(spec);
        model.keyUsageProperty().set(usage);
        model.keyIdProperty().set(keyId);
        TryItStep step = new TryItStep(model);
        step.onEnter();
        assertThat(step.valid().get()).isTrue();
        return step.viewModel();
    }

    @Test
    void symmetricKey_encryptsAndDecryptsBackToTheText() {
        TryItViewModel trial = tryingA(KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        assertThat(trial.operationProperty().get()).isEqualTo(TryItViewModel.Operation.ENCRYPT_DECRYPT);
        trial.messageProperty().set("attack at dawn");

        trial.run();

        assertThat(dialogs.errors).isEmpty();
        assertThat(Base64.getDecoder().decode(trial.firstProperty().get())).isNotEmpty();
        assertThat(trial.secondProperty().get()).isEqualTo("attack at dawn");
        assertThat(trial.okProperty().get()).isTrue();
        assertThat(trial.verdictProperty().get()).startsWith("Matches");
        assertThat(trial.commandProperty().get()).contains("can only be decrypted by KMS").contains("aws kms decrypt");
    }

    @Test
    void rsaSigningKey_signsAndVerifiesWithTheFirstSigningAlgorithm() {
        TryItViewModel trial = tryingA(KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY);
        assertThat(trial.operationProperty().get()).isEqualTo(TryItViewModel.Operation.SIGN_VERIFY);

        trial.run();

        assertThat(dialogs.errors).isEmpty();
        assertThat(trial.firstLabelProperty().get()).contains("RSASSA_PKCS1_V1_5_SHA_256");
        assertThat(Base64.getDecoder().decode(trial.firstProperty().get())).hasSize(256);
        assertThat(trial.okProperty().get()).isTrue();
        assertThat(trial.commandProperty().get())
                .contains("aws kms get-public-key")
                .contains("openssl dgst -sha256 -verify public_key.der -keyform DER -signature sig.bin message.txt")
                .contains(trial.firstProperty().get());
    }

    @Test
    void hmacKey_generatesAndVerifiesAMac() {
        TryItViewModel trial = tryingA(KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        assertThat(trial.operationProperty().get()).isEqualTo(TryItViewModel.Operation.MAC);

        trial.run();

        assertThat(dialogs.errors).isEmpty();
        assertThat(trial.firstProperty().get()).matches("[0-9a-f]{64}");
        assertThat(trial.okProperty().get()).isTrue();
        assertThat(trial.commandProperty().get()).contains("openssl dgst -sha256 -mac HMAC -macopt hexkey:");
    }

    @Test
    void p256KeyAgreementKey_derivesTheSameSecretAsTheLocalPeer() {
        TryItViewModel trial = tryingA(KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT);
        assertThat(trial.operationProperty().get()).isEqualTo(TryItViewModel.Operation.KEY_AGREEMENT);

        trial.run();

        assertThat(dialogs.errors).isEmpty();
        assertThat(trial.okProperty().get()).isTrue();
        assertThat(trial.verdictProperty().get()).contains("same 32-byte secret");
        assertThat(trial.commandProperty().get()).contains("ec_paramgen_curve:P-256").contains("derive-shared-secret");
    }

    @Test
    void rsaEncryptionKey_roundTripsWithOaepSha256() {
        TryItViewModel trial = tryingA(KeySpec.RSA_2048, KeyUsage.ENCRYPT_DECRYPT);

        trial.run();

        assertThat(dialogs.errors).isEmpty();
        assertThat(trial.firstLabelProperty().get()).contains("RSAES_OAEP_SHA_256");
        assertThat(trial.okProperty().get()).isTrue();
        assertThat(trial.commandProperty().get()).contains("rsa_oaep_md:sha256").contains("--encryption-algorithm RSAES_OAEP_SHA_256");
    }

    @Test
    void aKmsFailure_goesToTheDialogAndMarksTheTrialFailed() {
        TryItViewModel trial = tryingA(KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        model.keyIdProperty().set("1234abcd-12ab-34cd-56ef-1234567890ab");

        trial.run();

        assertThat(dialogs.errors).hasSize(1);
        assertThat(trial.okProperty().get()).isFalse();
    }

    @Test
    void shellQuoting_keepsSingleQuotesInTheText() {
        assertThat(TryItViewModel.shellQuote("it's")).isEqualTo("'it'\\''s'");
    }
}
