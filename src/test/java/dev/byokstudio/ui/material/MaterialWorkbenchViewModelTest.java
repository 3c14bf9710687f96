package dev.byokstudio.ui.material;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.Conversion;
import dev.byokstudio.material.RuleResult;
import dev.byokstudio.material.WrappingCompatibility;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.material.MaterialWorkbenchViewModel.Verdict;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterialWorkbenchViewModelTest {

    private static final Path FIXTURES = Path.of("src/test/fixtures/material");

    private final FakeDialogService dialogs = new FakeDialogService();
    private final MaterialWorkbenchViewModel workbench =
            new MaterialWorkbenchViewModel(new SameThreadTaskExecutor(), dialogs, false, new SecureRandom());

    @Test
    void offersOnlyTheKeySpecsThatTakeImportedMaterialInTheRegion() {
        assertThat(workbench.keySpecs()).contains(KeySpec.SYMMETRIC_DEFAULT, KeySpec.RSA_4096, KeySpec.HMAC_512,
                KeySpec.ECC_NIST_EDWARDS25519).doesNotContain(KeySpec.SM2, KeySpec.ML_DSA_65, KeySpec.ML_KEM_768);
        MaterialWorkbenchViewModel china = new MaterialWorkbenchViewModel(new SameThreadTaskExecutor(), dialogs, true,
                new SecureRandom());
        assertThat(china.keySpecs()).contains(KeySpec.SM2);
    }

    @Test
    void aPkcs1FileIsReportedAsNotImportingWithItsConversionOffered() {
        workbench.keySpecProperty().set(KeySpec.RSA_2048);

        workbench.open(FIXTURES.resolve("rsa2048.pkcs1.der"));

        assertThat(workbench.verdictProperty().get()).isEqualTo(Verdict.WILL_NOT_IMPORT);
        assertThat(workbench.detectedTextProperty().get()).contains("PKCS#1 RSAPrivateKey of 2048 bits");
        assertThat(workbench.lines()).filteredOn(RuleResult::failed).extracting(RuleResult::rule).containsExactly("pkcs8.format");
        assertThat(workbench.conversions()).containsExactly(Conversion.PKCS1_TO_PKCS8);
        assertThat(workbench.verdictTextProperty().get()).contains("PKCS#1 to PKCS#8");
        assertThat(workbench.unsavedProperty().get()).isFalse();
    }

    @Test
    void convertingGivesMaterialThatWillImportAndTheOpenSslCommandThatDoesTheSame() {
        workbench.keySpecProperty().set(KeySpec.RSA_2048);
        workbench.open(FIXTURES.resolve("rsa2048.pkcs1.der"));

        workbench.convert(Conversion.PKCS1_TO_PKCS8);

        assertThat(workbench.verdictProperty().get()).isEqualTo(Verdict.WILL_IMPORT);
        assertThat(workbench.conversions()).isEmpty();
        assertThat(workbench.unsavedProperty().get()).isTrue();
        assertThat(workbench.sourceProperty().get()).contains("converted: PKCS#1 to PKCS#8");
        assertThat(workbench.opensslCommandProperty().get()).startsWith("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void changingTheKeySpecChecksTheSameMaterialAgain() {
        workbench.keySpecProperty().set(KeySpec.ECC_NIST_P256);
        workbench.open(FIXTURES.resolve("p384.pkcs8.der"));
        assertThat(workbench.verdictProperty().get()).isEqualTo(Verdict.WILL_NOT_IMPORT);

        workbench.keySpecProperty().set(KeySpec.ECC_NIST_P384);

        assertThat(workbench.verdictProperty().get()).isEqualTo(Verdict.WILL_IMPORT);
    }

    @Test
    void aWrappingThatCannotCarryTheMaterialMakesItNotImportAndTheWrappingLineSaysWhy() {
        workbench.keySpecProperty().set(KeySpec.RSA_4096);
        workbench.open(FIXTURES.resolve("rsa4096.pkcs8.der"));
        assertThat(workbench.wrappingChoices()).allMatch(c -> c.algorithm().name().startsWith("RSA_AES_KEY_WRAP"));

        workbench.wrappingProperty().set(new WrappingCompatibility.Combination(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256,
                WrappingKeySpec.RSA_4096));
        assertThat(workbench.verdictProperty().get()).isEqualTo(Verdict.WILL_IMPORT);
        assertThat(workbench.verdictTextProperty().get()).contains("RSA_AES_KEY_WRAP_SHA_256 with RSA_4096");

        workbench.keySpecProperty().set(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(workbench.wrappingProperty().get()).as("a choice that cannot carry the new spec is dropped").isNull();
    }

    @Test
    void anEncryptedPkcs8IsDecryptedWithThePasswordThePersonGives() {
        workbench.keySpecProperty().set(KeySpec.RSA_2048);
        workbench.open(FIXTURES.resolve("rsa2048.pkcs8.encrypted.der"));
        assertThat(workbench.conversions()).containsExactly(Conversion.DECRYPT_PKCS8);

        dialogs.passwordAnswer = Optional.of("throwaway".toCharArray());
        workbench.convert(Conversion.DECRYPT_PKCS8);

        assertThat(dialogs.passwordQuestions).hasSize(1);
        assertThat(workbench.verdictProperty().get()).isEqualTo(Verdict.WILL_IMPORT);
    }

    @Test
    void aWrongPasswordIsShownAsAnErrorAndTheEncryptedFileStays() {
        workbench.keySpecProperty().set(KeySpec.RSA_2048);
        workbench.open(FIXTURES.resolve("rsa2048.pkcs8.encrypted.der"));
        dialogs.passwordAnswer = Optional.of("not-the-password".toCharArray());

        workbench.convert(Conversion.DECRYPT_PKCS8);

        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).error().getMessage()).contains("does not decrypt it").doesNotContain("not-the-password");
        assertThat(workbench.conversions()).containsExactly(Conversion.DECRYPT_PKCS8);
    }

    @Test
    void cancellingThePasswordQuestionChangesNothing() {
        workbench.keySpecProperty().set(KeySpec.RSA_2048);
        workbench.open(FIXTURES.resolve("rsa2048.pkcs8.encrypted.der"));

        workbench.convert(Conversion.DECRYPT_PKCS8);

        assertThat(dialogs.errors).isEmpty();
        assertThat(workbench.unsavedProperty().get()).isFalse();
    }

    @Test
    void generatedTestMaterialWillImportAndComesWithTheOpenSslCommand() {
        workbench.keySpecProperty().set(KeySpec.ECC_NIST_EDWARDS25519);

        workbench.generate();

        assertThat(workbench.verdictProperty().get()).isEqualTo(Verdict.WILL_IMPORT);
        assertThat(workbench.opensslCommandProperty().get()).startsWith("openssl genpkey -algorithm ED25519");
        assertThat(workbench.unsavedProperty().get()).isTrue();
    }

    @Test
    void savingWritesTheCurrentBytesReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        workbench.keySpecProperty().set(KeySpec.RSA_2048);
        workbench.open(FIXTURES.resolve("rsa2048.pkcs1.der"));
        workbench.convert(Conversion.PKCS1_TO_PKCS8);
        Path file = dir.resolve("key.pkcs8.der");

        workbench.save(file);

        assertThat(workbench.unsavedProperty().get()).isFalse();
        assertThat(dev.byokstudio.material.MaterialWorkbench.report(Files.readAllBytes(file), KeySpec.RSA_2048, false,
                null, null).materialAccepted()).isTrue();
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void aFileThatCannotBeReadIsShownAsAnErrorNotAStackTrace(@TempDir Path dir) {
        workbench.open(dir.resolve("missing.der"));

        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).whatFailed()).isEqualTo("Could not read missing.der");
        assertThat(workbench.verdictProperty().get()).isEqualTo(Verdict.NONE);
    }

    @Test
    void clearingForgetsTheMaterial() {
        workbench.open(FIXTURES.resolve("aes256.bin"));
        assertThat(workbench.hasMaterial()).isTrue();

        workbench.clear();

        assertThat(workbench.hasMaterial()).isFalse();
        assertThat(workbench.lines()).isEmpty();
        assertThat(workbench.verdictProperty().get()).isEqualTo(Verdict.NONE);
    }

    @Test
    void generationThatTakesLongCanBeCancelledAndLeavesNoMaterial() {
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        dev.byokstudio.ui.task.TaskExecutor held = new dev.byokstudio.ui.task.TaskExecutor() {
            @Override
            public <T> Cancellable execute(java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                    java.util.function.Consumer<? super Throwable> onFailure) {
                return () -> cancelled.set(true); // the work never finishes on its own
            }
        };
        MaterialWorkbenchViewModel slow = new MaterialWorkbenchViewModel(held, dialogs, false, new SecureRandom());
        slow.keySpecProperty().set(KeySpec.RSA_4096);

        slow.generate();
        assertThat(slow.busyProperty().get()).isTrue();
        assertThat(slow.cancellableProperty().get()).isTrue();

        slow.cancel();

        assertThat(cancelled).isTrue();
        assertThat(slow.busyProperty().get()).isFalse();
        assertThat(slow.cancellableProperty().get()).isFalse();
        assertThat(slow.hasMaterial()).isFalse();
        assertThat(slow.lastStepProperty().get()).isEqualTo("Generation cancelled.");
    }
}
