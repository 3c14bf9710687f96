package dev.byokstudio.ui.wizard.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Import step on a real embedded KMS: wrap, import, read the new state; failures lead back to their fix. */
class ImportStepViewModelTest {

    private final FakeDialogService dialogs = new FakeDialogService();
    private final SecureRandom random = new SecureRandom();
    private EmbeddedKms kms;
    private ImportWizardModel model;
    private ImportStep step;
    private ImportViewModel importing;
    private String keyId;

    @BeforeEach
    void externalSymmetricKeyWithParameters() {
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(), SimulatedClock.systemUtc(), random);
        StudioSession session = new StudioSession(kms, kms, "111122223333", "us-east-1", "test");
        model = new ImportWizardModel(session, new SameThreadTaskExecutor(), dialogs, random);
        keyId = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).keySpec(KeySpec.SYMMETRIC_DEFAULT)
                .keyUsage(KeyUsage.ENCRYPT_DECRYPT).build()).keyMetadata().keyId();
        model.keyIdProperty().set(keyId);
        model.keySpecProperty().set(KeySpec.SYMMETRIC_DEFAULT);
        model.keyUsageProperty().set(KeyUsage.ENCRYPT_DECRYPT);
        model.wrappingAlgorithmProperty().set(WrappingAlgorithm.RSAES_OAEP_SHA_256);
        model.wrappingKeySpecProperty().set(WrappingKeySpec.RSA_2048);
        model.parametersProperty().set(kms.getParametersForImport(
                new GetParametersForImportRequest(keyId, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048)));
        step = new ImportStep(model);
        step.onEnter();
        importing = step.viewModel();
    }

    private void materialOf(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        model.workbench().examine("test", bytes);
    }

    private KeyMetadata described() {
        return kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata();
    }

    @Test
    void importingValidMaterial_enablesTheKeyAndMakesTheStepValid() {
        materialOf(32);
        assertThat(step.valid().get()).isFalse();
        assertThat(importing.canImport().get()).isTrue();

        importing.importMaterial();

        assertThat(model.keyStateProperty().get()).isEqualTo(KeyState.Enabled);
        assertThat(described().keyState()).isEqualTo(KeyState.Enabled);
        assertThat(described().validTo()).isNull();
        assertThat(step.valid().get()).isTrue();
        assertThat(importing.failedProperty().get()).isFalse();
        assertThat(importing.resultTextProperty().get()).contains("Enabled").contains("does not expire");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void importingWithAnExpiry_setsValidToAndShowsIt() {
        materialOf(32);
        LocalDate date = LocalDate.ofInstant(model.clock().now(), ZoneOffset.UTC).plusDays(100);
        importing.expiresProperty().set(true);
        importing.expiryDateProperty().set(date);
        importing.expiryTimeProperty().set("12:30");

        importing.importMaterial();

        Instant expected = date.atTime(12, 30).toInstant(ZoneOffset.UTC);
        assertThat(described().validTo()).isEqualTo(expected);
        assertThat(importing.importedValidToProperty().get()).isEqualTo(expected);
        assertThat(model.keyStateProperty().get()).isEqualTo(KeyState.Enabled);
        assertThat(importing.resultTextProperty().get()).contains("expires at").contains("12:30 UTC");
    }

    @Test
    void sixteenByteMaterial_isShownAsInvalidCiphertextWithTheWayBackToValidate() {
        materialOf(16);

        importing.importMaterial();

        assertThat(importing.failedProperty().get()).isTrue();
        assertThat(importing.errorCodeProperty().get()).isEqualTo("InvalidCiphertextException");
        assertThat(importing.whatHappenedProperty().get()).isNotEmpty();
        assertThat(importing.whatToDoProperty().get()).isNotEmpty();
        assertThat(importing.fixStepProperty().get()).isEqualTo(3);
        assertThat(step.valid().get()).isFalse();
        assertThat(described().keyState()).isEqualTo(KeyState.PendingImport);

        importing.goToFix();

        assertThat(model.requestedStepProperty().get()).isEqualTo(3);
    }

    @Test
    void aTokenOlderThan24Hours_isShownAsExpiredWithTheWayBackToWrappingParameters() {
        materialOf(32);
        model.clock().advance(Duration.ofHours(25));

        importing.importMaterial();

        assertThat(importing.errorCodeProperty().get()).isEqualTo("ExpiredImportTokenException");
        assertThat(importing.fixStepProperty().get()).isEqualTo(1);
        assertThat(importing.fixLabelProperty().get()).contains("Wrapping parameters");
        importing.goToFix();
        assertThat(model.requestedStepProperty().get()).isEqualTo(1);
    }

    @Test
    void aValidToMoreThan365DaysAhead_isRefusedBeforeCallingKms() {
        materialOf(32);
        importing.expiresProperty().set(true);
        importing.expiryDateProperty().set(LocalDate.ofInstant(model.clock().now(), ZoneOffset.UTC).plusDays(366));

        assertThat(importing.expiryProblemProperty().get()).contains("365 days");
        assertThat(importing.canImport().get()).isFalse();
        importing.importMaterial();

        assertThat(importing.failedProperty().get()).isFalse();
        assertThat(model.keyStateProperty().get()).isNull();
        assertThat(described().keyState()).isEqualTo(KeyState.PendingImport);
    }

    @Test
    void aValidToInThePast_isRefused() {
        importing.expiresProperty().set(true);
        importing.expiryDateProperty().set(LocalDate.ofInstant(model.clock().now(), ZoneOffset.UTC).minusDays(1));

        assertThat(importing.expiryProblemProperty().get()).contains("has passed");
        assertThat(importing.canImport().get()).isFalse();
    }

    @Test
    void theCommands_wrapWithOaepSha256AndImportWithTheChosenExpiry() {
        assertThat(importing.opensslCommandsProperty().get())
                .contains("rsa_oaep_md:sha256")
                .contains("aws kms import-key-material --key-id " + keyId)
                .contains("KEY_MATERIAL_DOES_NOT_EXPIRE");
        assertThat(importing.opensslNotes()).isNotEmpty();
        assertThat(importing.expiryLimitProperty().get()).contains("365 days");

        importing.expiresProperty().set(true);

        assertThat(importing.opensslCommandsProperty().get()).contains("--valid-to");
    }
}
