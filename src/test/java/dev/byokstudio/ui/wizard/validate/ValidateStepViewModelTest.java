package dev.byokstudio.ui.wizard.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.Conversion;
import dev.byokstudio.material.RuleResult;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The "Validate" step: the report for the key's spec and downloaded wrapping decides whether Next is allowed. */
class ValidateStepViewModelTest {

    private static final Path FIXTURES = Path.of("src/test/fixtures/material");

    private final FakeDialogService dialogs = new FakeDialogService();
    private final EmbeddedKms kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
            SimulatedClock.systemUtc(), new SecureRandom());
    private final ImportWizardModel model = new ImportWizardModel(
            new StudioSession(kms, kms, "111122223333", "us-east-1", "test"), new SameThreadTaskExecutor(), dialogs,
            new SecureRandom());
    private final ValidateStep step = new ValidateStep(model);
    private final ValidateStepViewModel step4 = step.viewModel();

    /** Step 3's part: the key spec and wrapping are chosen, and the file goes into the shared workbench. */
    private void materialFor(KeySpec spec, WrappingAlgorithm algorithm, WrappingKeySpec wrappingKeySpec, String file) {
        model.keySpecProperty().set(spec);
        model.wrappingAlgorithmProperty().set(algorithm);
        model.wrappingKeySpecProperty().set(wrappingKeySpec);
        model.workbench().open(FIXTURES.resolve(file));
        step.onEnter();
    }

    @Test
    void isTitledValidateAndIsNotValidWithoutAReport() {
        step.onEnter();

        assertThat(step.title()).isEqualTo("Validate");
        assertThat(step.valid().get()).isFalse();
        assertThat(step4.wrappingCheckText().get()).isEqualTo("Not checked yet");
        assertThat(step4.wrappingStatus().get()).isNull();
    }

    @Test
    void aes256MaterialForASymmetricKeyWillImportSoTheStepIsValid() {
        materialFor(KeySpec.SYMMETRIC_DEFAULT, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048, "aes256.bin");

        assertThat(step.valid().get()).isTrue();
        assertThat(step4.wrappingStatus().get()).isEqualTo(RuleResult.Status.PASSED);
        assertThat(step4.wrappingCheckText().get())
                .isEqualTo("RSAES_OAEP_SHA_256 with RSA_2048 can carry SYMMETRIC_DEFAULT material");
        assertThat(step4.keySpecText().get()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(step4.sourceText().get()).isEqualTo("aes256.bin");
    }

    @Test
    void pkcs1RsaMaterialIsNotValidUntilThePkcs1ToPkcs8ConversionIsApplied() {
        materialFor(KeySpec.RSA_2048, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096,
                "rsa2048.pkcs1.der");
        assertThat(step.valid().get()).isFalse();
        assertThat(step4.workbench().lines()).filteredOn(RuleResult::failed).extracting(RuleResult::rule)
                .containsExactly("pkcs8.format");
        assertThat(step4.workbench().conversions()).containsExactly(Conversion.PKCS1_TO_PKCS8);

        step4.workbench().convert(Conversion.PKCS1_TO_PKCS8);

        assertThat(step.valid().get()).isTrue();
        assertThat(step4.sourceText().get()).contains("converted: PKCS#1 to PKCS#8");
        assertThat(step4.workbench().opensslCommandProperty().get()).startsWith("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void oversizedHmacMaterialIsNotValidUntilItIsHashedToTheDigestSize() {
        materialFor(KeySpec.HMAC_256, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048, "hmac-2048bit.bin");
        assertThat(step.valid().get()).isFalse();
        assertThat(step4.workbench().conversions()).contains(Conversion.HMAC_DIGEST);

        step4.workbench().convert(Conversion.HMAC_DIGEST);

        assertThat(step.valid().get()).isTrue();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aWrappingThatCannotCarryTheMaterialMakesItInvalidWithTheWrappingRuleFailed() {
        materialFor(KeySpec.ECC_NIST_P521, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048,
                "p521.pkcs8.der");

        assertThat(step.valid().get()).isFalse();
        assertThat(step4.workbench().reportProperty().get().materialAccepted()).isTrue();
        assertThat(step4.workbench().lines()).filteredOn(RuleResult::failed).extracting(RuleResult::rule)
                .containsExactly("wrapping.compatible");
        assertThat(step4.wrappingStatus().get()).isEqualTo(RuleResult.Status.FAILED);
        assertThat(step4.wrappingCheckText().get()).startsWith("RSAES_OAEP_SHA_256 with RSA_2048")
                .contains("cannot be used to import a ECC_NIST_P521 key");
    }

    @Test
    void theSameMaterialBecomesValidWhenTheWizardComesBackWithAWrappingThatCanCarryIt() {
        materialFor(KeySpec.ECC_NIST_P521, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048,
                "p521.pkcs8.der");
        assertThat(step.valid().get()).isFalse();

        model.wrappingAlgorithmProperty().set(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256);
        model.wrappingKeySpecProperty().set(WrappingKeySpec.RSA_4096);
        step.onEnter();

        assertThat(step.valid().get()).isTrue();
    }

    @Test
    void pastedHexTextIsNotValidUntilDecodedToBytes() throws Exception {
        // 64 hex digits and a newline are 65 bytes: not an AES-256 key until decoded to the 32 bytes they spell.
        pasteFor(KeySpec.SYMMETRIC_DEFAULT, "hmac-256bit-as-hex.txt");
        assertThat(step.valid().get()).isFalse();
        assertThat(step4.workbench().detectedTextProperty().get()).contains("hexadecimal text holding 32 bytes");
        assertThat(step4.workbench().conversions()).contains(Conversion.TEXT_TO_BYTES);

        step4.workbench().convert(Conversion.TEXT_TO_BYTES);

        assertThat(step.valid().get()).isTrue();
    }

    @Test
    void hexTextThatKmsWouldTakeAsItsOwnBytesIsValid_theDecodingStaysOffered() throws Exception {
        // 65 bytes of text are valid HMAC_256 material as far as KMS can tell: the report says so, and offers the decoding.
        pasteFor(KeySpec.HMAC_256, "hmac-256bit-as-hex.txt");

        assertThat(step.valid().get()).isTrue();
        assertThat(step4.workbench().conversions()).contains(Conversion.TEXT_TO_BYTES);
    }

    private void pasteFor(KeySpec spec, String file) throws Exception {
        model.keySpecProperty().set(spec);
        model.wrappingAlgorithmProperty().set(WrappingAlgorithm.RSAES_OAEP_SHA_256);
        model.wrappingKeySpecProperty().set(WrappingKeySpec.RSA_2048);
        model.workbench().examine("pasted text", Files.readAllBytes(FIXTURES.resolve(file)));
        step.onEnter();
    }
}
