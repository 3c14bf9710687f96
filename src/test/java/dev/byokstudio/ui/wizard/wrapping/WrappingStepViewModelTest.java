package dev.byokstudio.ui.wizard.wrapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.OpenSslCommands;
import dev.byokstudio.material.WrappingCompatibility.Combination;
import dev.byokstudio.material.WrappingKeys;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step 2 of the import wizard: the wrapping offered, the parameters, their fingerprint, validity and files. */
class WrappingStepViewModelTest {

    private final FakeDialogService dialogs = new FakeDialogService();
    private EmbeddedKms kms;
    private ImportWizardModel model;

    /** A wizard in {@code region} whose step 1 created an EXTERNAL key of {@code spec}. */
    private WrappingStepViewModel stepFor(String region, KeySpec spec, KeyUsage usage) {
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.inRegion(region), SimulatedClock.systemUtc(),
                new SecureRandom());
        StudioSession session = new StudioSession(kms, kms, AccountContext.DEFAULT_ACCOUNT, region, "test");
        model = new ImportWizardModel(session, new SameThreadTaskExecutor(), dialogs, new SecureRandom());
        String keyId = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).keySpec(spec).keyUsage(usage)
                .build()).keyMetadata().keyId();
        model.keySpecProperty().set(spec);
        model.keyUsageProperty().set(usage);
        model.keyIdProperty().set(keyId);
        return new WrappingStepViewModel(model);
    }

    private static Combination combination(WrappingAlgorithm algorithm, WrappingKeySpec spec) {
        return new Combination(algorithm, spec);
    }

    // ---------------------------------------------------------------- choices

    @Test
    void symmetricKey_offersOaepOnly_recommendingOaepSha256WithRsa4096() {
        WrappingStepViewModel step = stepFor("us-east-1", KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);

        assertThat(step.choices()).first().isEqualTo(combination(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_4096));
        assertThat(step.choices()).extracting(Combination::algorithm)
                .containsOnly(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingAlgorithm.RSAES_OAEP_SHA_1);
        assertThat(step.choiceProperty().get()).isEqualTo(step.choices().get(0));
        assertThat(step.recommendationProperty().get()).contains("RSAES_OAEP_SHA_256").contains("RSA_4096 is the strongest");
        assertThat(model.wrappingAlgorithmProperty().get()).isEqualTo(WrappingAlgorithm.RSAES_OAEP_SHA_256);
        assertThat(model.wrappingKeySpecProperty().get()).isEqualTo(WrappingKeySpec.RSA_4096);
    }

    @Test
    void rsaKey_offersRsaAesKeyWrapOnly_becauseOaepCarriesOnlyShortMaterial() {
        WrappingStepViewModel step = stepFor("us-east-1", KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY);

        assertThat(step.choices()).first()
                .isEqualTo(combination(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096));
        assertThat(step.choices()).extracting(Combination::algorithm)
                .containsOnly(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1);
        assertThat(step.recommendationProperty().get()).contains("private keys").contains("only short material");
    }

    @Test
    void inAChinaRegion_noRsaAes_andSm2PkeForAnSm2Key() {
        WrappingStepViewModel sm2 = stepFor("cn-north-1", KeySpec.SM2, KeyUsage.SIGN_VERIFY);

        assertThat(sm2.choices()).contains(combination(WrappingAlgorithm.SM2PKE, WrappingKeySpec.SM2))
                .extracting(Combination::algorithm)
                .doesNotContain(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1);

        WrappingStepViewModel symmetric = stepFor("cn-north-1", KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        assertThat(symmetric.choices()).extracting(Combination::algorithm)
                .containsOnly(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingAlgorithm.RSAES_OAEP_SHA_1);
    }

    @Test
    void aKeySpecChangedInTheModel_changesTheChoices() {
        WrappingStepViewModel step = stepFor("us-east-1", KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);

        model.keySpecProperty().set(KeySpec.RSA_4096);

        assertThat(step.choiceProperty().get().algorithm()).isEqualTo(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256);
    }

    // ---------------------------------------------------------------- parameters

    @Test
    void firstEntry_getsTheParametersForTheChoice() throws Exception {
        WrappingStepViewModel step = stepFor("us-east-1", KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        assertThat(step.valid().get()).isFalse();

        step.enter();

        GetParametersForImportResponse parameters = model.parametersProperty().get();
        assertThat(parameters).isNotNull();
        assertThat(parameters.keyId()).endsWith("key/" + model.keyIdProperty().get());
        assertThat(WrappingKeys.publicKey(parameters.publicKey())).isInstanceOfSatisfying(RSAPublicKey.class,
                key -> assertThat(key.getModulus().bitLength()).isEqualTo(4096));
        assertThat(step.valid().get()).isTrue();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void changingTheChoice_clearsTheParametersAndAsksToGetThemAgain() throws Exception {
        WrappingStepViewModel step = stepFor("us-east-1", KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        step.enter();

        step.choiceProperty().set(combination(WrappingAlgorithm.RSAES_OAEP_SHA_1, WrappingKeySpec.RSA_2048));

        assertThat(model.parametersProperty().get()).isNull();
        assertThat(step.valid().get()).isFalse();
        assertThat(step.statusProperty().get()).contains("Get wrapping parameters");
        assertThat(step.fingerprint().get()).isEmpty();

        step.fetchParameters();

        assertThat(WrappingKeys.publicKey(model.parametersProperty().get().publicKey()))
                .isInstanceOfSatisfying(RSAPublicKey.class, key -> assertThat(key.getModulus().bitLength()).isEqualTo(2048));
        assertThat(step.valid().get()).isTrue();
    }

    @Test
    void aKmsFailure_isShownAndLeavesTheStepInvalid() {
        WrappingStepViewModel step = stepFor("us-east-1", KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        model.keyIdProperty().set("1234abcd-12ab-34cd-56ef-1234567890ab");

        step.fetchParameters();

        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).error()).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.errorCode()).isEqualTo("NotFoundException"));
        assertThat(step.valid().get()).isFalse();
        assertThat(step.busyProperty().get()).isFalse();
    }

    @Test
    void fingerprint_isTheSha256OfThePublicKey_asColonSeparatedHex() throws Exception {
        WrappingStepViewModel step = stepFor("us-east-1", KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        step.enter();

        String fingerprint = step.fingerprint().get();

        assertThat(fingerprint).matches("([0-9a-f]{2}:){31}[0-9a-f]{2}");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(model.parametersProperty().get().publicKey());
        assertThat(fingerprint.replace(":", "")).isEqualTo(HexFormat.of().formatHex(digest));
    }

    @Test
    void fingerprint_ofKnownBytes() {
        // SHA-256("abc")
        assertThat(WrappingStepViewModel.fingerprint("abc".getBytes(StandardCharsets.US_ASCII)))
                .startsWith("ba:78:16:bf:8f:01:cf:ea").endsWith("f2:00:15:ad");
    }

    @Test
    void validity_countsDownTheDay_andExpiresWhenTheClockMoves25HoursOn() {
        WrappingStepViewModel step = stepFor("us-east-1", KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        step.enter();

        assertThat(step.validityProperty().get()).matches("Valid for (24:00:00|23:59:[0-9]{2}) more, until .* UTC\\.");
        assertThat(step.expiredProperty().get()).isFalse();

        model.clock().advance(Duration.ofHours(23));
        step.refreshValidity();
        assertThat(step.validityProperty().get()).matches("Valid for (01:00:00|00:59:[0-9]{2}) more, until .*");
        assertThat(step.valid().get()).isTrue();

        model.clock().advance(Duration.ofHours(2));
        step.refreshValidity();

        assertThat(step.expiredProperty().get()).isTrue();
        assertThat(step.validityProperty().get()).startsWith("Expired at").contains("get new parameters");
        assertThat(step.valid().get()).isFalse();

        step.fetchParameters();

        assertThat(step.expiredProperty().get()).isFalse();
        assertThat(step.valid().get()).isTrue();
    }

    @Test
    void validityText_formatsHoursMinutesAndSeconds() {
        java.time.Instant until = java.time.Instant.parse("2030-01-02T03:04:05Z");
        assertThat(WrappingStepViewModel.validityText(Duration.ofSeconds(3 * 3600 + 2 * 60 + 1), until))
                .isEqualTo("Valid for 03:02:01 more, until 2030-01-02 03:04:05 UTC.");
        assertThat(WrappingStepViewModel.validityText(Duration.ZERO, until))
                .isEqualTo("Expired at 2030-01-02 03:04:05 UTC: get new parameters.");
    }

    // ---------------------------------------------------------------- files

    @Test
    void saveFiles_writesThePublicKeyAndTokenRawAndInBase64(@TempDir Path directory) throws Exception {
        WrappingStepViewModel step = stepFor("us-east-1", KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        step.enter();
        GetParametersForImportResponse parameters = model.parametersProperty().get();

        step.saveFiles(directory);

        assertThat(dialogs.errors).isEmpty();
        assertThat(Files.readAllBytes(directory.resolve(OpenSslCommands.WRAPPING_PUBLIC_KEY))).isEqualTo(parameters.publicKey());
        assertThat(Files.readAllBytes(directory.resolve(OpenSslCommands.IMPORT_TOKEN))).isEqualTo(parameters.importToken());
        assertThat(Files.readString(directory.resolve(OpenSslCommands.PUBLIC_KEY_B64)))
                .isEqualTo(Base64.getEncoder().encodeToString(parameters.publicKey()));
        assertThat(Files.readString(directory.resolve(OpenSslCommands.IMPORT_TOKEN_B64)))
                .isEqualTo(Base64.getEncoder().encodeToString(parameters.importToken()));
        assertThat(step.statusProperty().get()).contains("Saved").contains(directory.toString());
        assertThat(step.busyProperty().get()).isFalse();
    }

    @Test
    void saveFiles_intoAFolderThatDoesNotExist_showsTheError(@TempDir Path directory) {
        WrappingStepViewModel step = stepFor("us-east-1", KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        step.enter();

        step.saveFiles(directory.resolve("missing"));

        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).whatFailed()).isEqualTo("Could not save the wrapping parameters");
    }
}
