package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.START;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.describe;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static dev.byokstudio.embedded.ImportFixture.importExpiring;
import static dev.byokstudio.embedded.ImportFixture.importMaterial;
import static dev.byokstudio.embedded.ImportFixture.importNew;
import static dev.byokstudio.embedded.ImportFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.CancelKeyDeletionRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialResponse;
import dev.byokstudio.kms.EnableKeyRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.KmsUnsupportedOperationException;
import dev.byokstudio.kms.RotateKeyOnDemandRequest;
import dev.byokstudio.kms.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** DeleteImportedKeyMaterial and the expiry of imported material (reference §7). */
class DeleteAndExpiryTest {

    private final EmbeddedKms kms = newKms();

    private static DeleteImportedKeyMaterialRequest delete(String keyId) {
        return new DeleteImportedKeyMaterialRequest(keyId, null);
    }

    @Test
    void delete_makesTheKeyPendingImportKeepingItsMaterialIdAndDroppingTheExpiry() {
        KeyMetadata key = createExternal(kms);
        String id = importExpiring(kms, key.keyId(), randomBytes(32), START.plus(Duration.ofDays(10))).keyMaterialId();

        DeleteImportedKeyMaterialResponse response = kms.deleteImportedKeyMaterial(delete(key.keyId()));

        KeyMetadata after = describe(kms, key.keyId());
        assertThat(response.keyId()).isEqualTo(keyArn(key.keyId()));
        assertThat(response.keyMaterialId()).isEqualTo(id);
        assertThat(after.keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(after.enabled()).isFalse();
        assertThat(after.expirationModel()).isNull();
        assertThat(after.validTo()).isNull();
        assertThat(after.currentKeyMaterialId()).isEqualTo(id);
    }

    @Test
    void delete_thenEnableKey_isPendingImport() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        kms.deleteImportedKeyMaterial(delete(key.keyId()));

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> kms.enableKey(new EnableKeyRequest(key.keyId())));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is pending import.");
    }

    @Test
    void delete_thenReimportingTheSameMaterial_enablesTheKeyAgain() {
        KeyMetadata key = createExternal(kms);
        byte[] material = randomBytes(32);
        importMaterial(kms, key.keyId(), material);
        kms.deleteImportedKeyMaterial(delete(key.keyId()));

        importMaterial(kms, key.keyId(), material);

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void delete_thenDifferentMaterial_isStillRefused() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        importMaterial(kms, key.keyId(), randomBytes(32));
        kms.deleteImportedKeyMaterial(delete(key.keyId()));

        expectError(dev.byokstudio.kms.IncorrectKeyMaterialException.class,
                () -> importMaterial(kms, key.keyId(), randomBytes(32)));
    }

    @Test
    void delete_onANeverImportedKey_succeedsWithoutAMaterialId() {
        KeyMetadata key = createExternal(kms);

        DeleteImportedKeyMaterialResponse response = kms.deleteImportedKeyMaterial(delete(key.keyId()));

        assertThat(response.keyMaterialId()).isNull();
        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.PendingImport);
    }

    @Test
    void delete_twice_succeedsBothTimes() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));

        kms.deleteImportedKeyMaterial(delete(key.keyId()));
        kms.deleteImportedKeyMaterial(delete(key.keyId()));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.PendingImport);
    }

    @Test
    void delete_onAKeyPendingDeletion_keepsThatState_andCancellingLeavesItPendingImport() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        scheduleDeletion(kms, key.keyId());

        kms.deleteImportedKeyMaterial(delete(key.keyId()));
        KeyState during = describe(kms, key.keyId()).keyState();
        kms.cancelKeyDeletion(new CancelKeyDeletionRequest(key.keyId()));

        assertThat(during).isEqualTo(KeyState.PendingDeletion);
        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.PendingImport);
    }

    @Test
    void delete_onAnAwsKmsKey_isUnsupported() {
        KeyMetadata key = createSymmetric(kms);

        KmsUnsupportedOperationException e = expectError(KmsUnsupportedOperationException.class,
                () -> kms.deleteImportedKeyMaterial(delete(key.keyId())));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " origin is AWS_KMS which is not valid for this operation.");
    }

    @Test
    void delete_withAnUnknownMaterialId_isValidationException() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        String unknown = "f".repeat(64);

        ValidationException e = expectError(ValidationException.class,
                () -> kms.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(key.keyId(), unknown)));

        assertThat(e.awsMessage()).isEqualTo("Key material (id: " + unknown + ") has never been imported into KMS key "
                + keyArn(key.keyId()) + ".");
    }

    @Test
    void delete_ofAnHmacKey_answersNoMaterialId() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        importMaterial(kms, key.keyId(), randomBytes(32));

        assertThat(kms.deleteImportedKeyMaterial(delete(key.keyId())).keyMaterialId()).isNull();
    }

    @Test
    void delete_ofMaterialPendingRotation_removesItAndLeavesTheKeyEnabled() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        String pending = importNew(kms, key.keyId(), randomBytes(32)).keyMaterialId();

        kms.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(key.keyId(), pending));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
        expectError(KmsInvalidStateException.class, () -> kms.rotateKeyOnDemand(new RotateKeyOnDemandRequest(key.keyId())));
    }

    @Test
    void delete_ofNonCurrentMaterial_makesTheKeyPendingImportThoughCurrentMaterialIsPresent() {
        KeyMetadata key = createExternal(kms);
        String first = importMaterial(kms, key.keyId(), randomBytes(32)).keyMaterialId();
        String second = importNew(kms, key.keyId(), randomBytes(32)).keyMaterialId();
        kms.rotateKeyOnDemand(new RotateKeyOnDemandRequest(key.keyId()));

        kms.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(key.keyId(), first));

        KeyMetadata after = describe(kms, key.keyId());
        assertThat(after.keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(after.currentKeyMaterialId()).isEqualTo(second);
    }

    // ---------------------------------------------------------------- expiry

    @Test
    void expiry_whenTheClockPassesValidTo_theMaterialIsDeletedAndTheKeyPendingImport() {
        KeyMetadata key = createExternal(kms);
        importExpiring(kms, key.keyId(), randomBytes(32), START.plus(Duration.ofHours(2)));

        kms.advance(Duration.ofHours(2));

        KeyMetadata after = describe(kms, key.keyId());
        assertThat(after.keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(after.expirationModel()).isNull();
        assertThat(after.validTo()).isNull();
    }

    @Test
    void expiry_aSecondBeforeValidTo_theKeyIsStillEnabled() {
        KeyMetadata key = createExternal(kms);
        importExpiring(kms, key.keyId(), randomBytes(32), START.plus(Duration.ofHours(2)));

        kms.advance(Duration.ofHours(2).minusSeconds(1));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void expiry_reimportWithoutExpiryBeforeValidTo_keepsTheKeyEnabled() {
        KeyMetadata key = createExternal(kms);
        byte[] material = randomBytes(32);
        importExpiring(kms, key.keyId(), material, START.plus(Duration.ofHours(2)));

        importMaterial(kms, key.keyId(), material);
        kms.advance(Duration.ofDays(3));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void expiry_ofAKeyPendingDeletion_keepsItPendingDeletion() {
        KeyMetadata key = createExternal(kms);
        importExpiring(kms, key.keyId(), randomBytes(32), START.plus(Duration.ofDays(1)));
        scheduleDeletion(kms, key.keyId());

        kms.advance(Duration.ofDays(2));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.PendingDeletion);
    }

    @Test
    void expiry_validToIsTheEarliestAmongRequiredMaterial_notThePendingOne() {
        KeyMetadata key = createExternal(kms);
        importExpiring(kms, key.keyId(), randomBytes(32), START.plus(Duration.ofDays(20)));
        ImportFixture.importExpiringNew(kms, key.keyId(), randomBytes(32), START.plus(Duration.ofDays(5)));

        assertThat(describe(kms, key.keyId()).validTo()).isEqualTo(START.plus(Duration.ofDays(20)));
    }

    @Test
    void describeKey_currentMaterialThatDoesNotExpire_showsNoValidToEvenIfOlderMaterialExpires() {
        KeyMetadata key = createExternal(kms);
        importExpiring(kms, key.keyId(), randomBytes(32), START.plus(Duration.ofDays(20)));
        importNew(kms, key.keyId(), randomBytes(32));
        kms.rotateKeyOnDemand(new RotateKeyOnDemandRequest(key.keyId()));

        KeyMetadata after = describe(kms, key.keyId());

        assertThat(after.expirationModel()).isEqualTo(dev.byokstudio.kms.ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE);
        assertThat(after.validTo()).isNull();
    }
}
