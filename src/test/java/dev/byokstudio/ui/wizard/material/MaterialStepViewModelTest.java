package dev.byokstudio.ui.wizard.material;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.Conversion;
import dev.byokstudio.material.WrappingCompatibility;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The "Key material" step: where the material comes from, what the step shows of it, and when it is done. */
class MaterialStepViewModelTest {

    private static final Path FIXTURES = Path.of("src/test/fixtures/material");

    private final FakeDialogService dialogs = new FakeDialogService();
    private final EmbeddedKms kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
            SimulatedClock.systemUtc(), new SecureRandom());
    private final ImportWizardModel model = new ImportWizardModel(
            new StudioSession(kms, kms, "111122223333", "us-east-1", "test"), new SameThreadTaskExecutor(), dialogs,
            new SecureRandom());
    private final MaterialStep step = new MaterialStep(model);
    private final MaterialStepViewModel step3 = step.viewModel();

    private void enterFor(KeySpec spec, KeyUsage usage, WrappingAlgorithm algorithm, WrappingKeySpec wrappingKeySpec) {
        model.keySpecProperty().set(spec);
        model.keyUsageProperty().set(usage);
        model.wrappingAlgorithmProperty().set(algorithm);
        model.wrappingKeySpecProperty().set(wrappingKeySpec);
        step.onEnter();
    }

    @Test
    void isTitledKeyMaterialAndIsNotDoneBeforeThereIsMaterial() {
        enterFor(KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, WrappingAlgorithm.RSAES_OAEP_SHA_256,
                WrappingKeySpec.RSA_2048);

        assertThat(step.title()).isEqualTo("Key material");
        assertThat(step.valid().get()).isFalse();
        assertThat(step3.sourceText().get()).isEqualTo("No material yet");
    }

    @Test
    void enteringChecksAgainstTheKeysSpecAndTheWrappingTheParametersWereDownloadedFor() {
        enterFor(KeySpec.ECC_NIST_P521, KeyUsage.SIGN_VERIFY, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256,
                WrappingKeySpec.RSA_4096);

        assertThat(model.workbench().keySpecProperty().get()).isEqualTo(KeySpec.ECC_NIST_P521);
        assertThat(model.workbench().wrappingProperty().get()).isEqualTo(
                new WrappingCompatibility.Combination(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096));
        assertThat(step3.keySpecText().get()).isEqualTo("ECC_NIST_P521");
        assertThat(step3.wrappingText().get()).isEqualTo("RSA_AES_KEY_WRAP_SHA_256 with an RSA_4096 wrapping key");
    }

    @Test
    void enteringWithoutAWrappingChoiceChecksTheMaterialAlone() {
        model.workbench().wrappingProperty().set(
                new WrappingCompatibility.Combination(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));

        enterFor(KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, null, null);

        assertThat(model.workbench().wrappingProperty().get()).isNull();
        assertThat(step3.wrappingText().get()).startsWith("Not chosen yet");
    }

    @Test
    void aChosenFileMakesTheStepDoneAndShowsItsNameAndDetectedFormat() {
        enterFor(KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, WrappingAlgorithm.RSAES_OAEP_SHA_256,
                WrappingKeySpec.RSA_2048);

        step3.open(FIXTURES.resolve("aes256.bin"));

        assertThat(step.valid().get()).isTrue();
        assertThat(step3.sourceText().get()).isEqualTo("aes256.bin");
        assertThat(step3.detectedText().get()).isEqualTo(model.workbench().detectedTextProperty().get()).isNotBlank();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void materialThatWillNotImportStillCompletesTheStep_theNextStepJudgesIt() {
        enterFor(KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256,
                WrappingKeySpec.RSA_4096);

        step3.open(FIXTURES.resolve("rsa2048.pkcs1.der"));

        assertThat(step.valid().get()).isTrue();
        assertThat(step3.detectedText().get()).contains("PKCS#1");
        assertThat(model.workbench().reportProperty().get().willImport()).isFalse();
    }

    @Test
    void pastedHexTextIsExaminedAsPastedTextAndDecodingItIsOffered() throws Exception {
        enterFor(KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC, WrappingAlgorithm.RSAES_OAEP_SHA_256,
                WrappingKeySpec.RSA_2048);
        step3.pastedTextProperty().set(Files.readString(FIXTURES.resolve("hmac-256bit-as-hex.txt"), StandardCharsets.US_ASCII));
        assertThat(step3.canUsePastedText().get()).isTrue();

        step3.usePastedText();

        assertThat(step.valid().get()).isTrue();
        assertThat(step3.sourceText().get()).isEqualTo("pasted text");
        assertThat(step3.detectedText().get()).containsIgnoringCase("hex");
        assertThat(model.workbench().conversions()).contains(Conversion.TEXT_TO_BYTES);
    }

    @Test
    void blankPastedTextCannotBeUsed() {
        step3.pastedTextProperty().set("  \n ");

        assertThat(step3.canUsePastedText().get()).isFalse();
        step3.usePastedText();
        assertThat(step.valid().get()).isFalse();
    }

    @Test
    void generatedTestMaterialCompletesTheStepAndShowsTheOpenSslCommandThatWouldMakeIt() {
        enterFor(KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256,
                WrappingKeySpec.RSA_4096);

        step3.generate();

        assertThat(step.valid().get()).isTrue();
        assertThat(step3.sourceText().get()).contains("test material for ECC_NIST_P256");
        assertThat(model.workbench().opensslCommandProperty().get()).startsWith("openssl");
        assertThat(model.workbench().reportProperty().get().willImport()).isTrue();
    }

    @Test
    void theWorkbenchFollowsTheKeySpecChosenEarlierInTheWizard() {
        model.keySpecProperty().set(KeySpec.HMAC_384);

        step.onEnter();

        assertThat(model.workbench().keySpecProperty().get()).isEqualTo(KeySpec.HMAC_384);
        assertThat(step3.keySpecText().get()).isEqualTo("HMAC_384");
    }
}
