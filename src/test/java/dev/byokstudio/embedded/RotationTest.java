package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.START;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.describe;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.ImportFixture.importExpiringNew;
import static dev.byokstudio.embedded.ImportFixture.importMaterial;
import static dev.byokstudio.embedded.ImportFixture.importNew;
import static dev.byokstudio.embedded.ImportFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.DisableKeyRotationRequest;
import dev.byokstudio.kms.EnableKeyRotationRequest;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GetKeyRotationStatusRequest;
import dev.byokstudio.kms.GetKeyRotationStatusResponse;
import dev.byokstudio.kms.ImportState;
import dev.byokstudio.kms.IncludeKeyMaterial;
import dev.byokstudio.kms.IncorrectKeyMaterialException;
import dev.byokstudio.kms.DisabledException;
import dev.byokstudio.kms.KeyMaterialState;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.KmsUnsupportedOperationException;
import dev.byokstudio.kms.LimitExceededException;
import dev.byokstudio.kms.ListKeyRotationsRequest;
import dev.byokstudio.kms.ListKeyRotationsResponse;
import dev.byokstudio.kms.RotateKeyOnDemandRequest;
import dev.byokstudio.kms.RotationType;
import dev.byokstudio.kms.RotationsListEntry;
import dev.byokstudio.kms.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** New key material, RotateKeyOnDemand, ListKeyRotations and rotation settings (reference §6). */
class RotationTest {

    private final EmbeddedKms kms = newKms();

    private ListKeyRotationsResponse rotations(String keyId, IncludeKeyMaterial include) {
        return kms.listKeyRotations(new ListKeyRotationsRequest(keyId, include, null, null));
    }

    private void rotate(String keyId) {
        kms.rotateKeyOnDemand(new RotateKeyOnDemandRequest(keyId));
    }

    @Test
    void newKeyMaterial_isPendingRotationAndDoesNotChangeTheCurrentMaterial() {
        KeyMetadata key = createExternal(kms);
        String first = importMaterial(kms, key.keyId(), randomBytes(32)).keyMaterialId();

        String second = importNew(kms, key.keyId(), randomBytes(32)).keyMaterialId();

        assertThat(second).isNotEqualTo(first);
        assertThat(describe(kms, key.keyId()).currentKeyMaterialId()).isEqualTo(first);
        assertThat(rotations(key.keyId(), IncludeKeyMaterial.ALL_KEY_MATERIAL).rotations())
                .extracting(RotationsListEntry::keyMaterialId, RotationsListEntry::keyMaterialState)
                .containsExactly(tuple(first, KeyMaterialState.CURRENT), tuple(second, KeyMaterialState.PENDING_ROTATION));
    }

    @Test
    void newKeyMaterial_whileAnotherIsPending_isInvalidStateWithAwsMessage() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        String pending = importNew(kms, key.keyId(), randomBytes(32)).keyMaterialId();

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> importNew(kms, key.keyId(), randomBytes(32)));

        assertThat(e.awsMessage()).startsWith("New key material (id: ").endsWith(") cannot be imported into KMS key "
                + keyArn(key.keyId()) + ", because another key material (id: " + pending + ") is pending rotation.");
    }

    @Test
    void newKeyMaterial_alreadyAssociated_isIncorrectKeyMaterialWithAwsMessage() {
        KeyMetadata key = createExternal(kms);
        byte[] material = randomBytes(32);
        String id = importMaterial(kms, key.keyId(), material).keyMaterialId();

        IncorrectKeyMaterialException e = expectError(IncorrectKeyMaterialException.class,
                () -> importNew(kms, key.keyId(), material));

        assertThat(e.awsMessage()).isEqualTo("Key material (id: " + id + ") being imported as NEW_KEY_MATERIAL is already "
                + "associated with KMS key " + keyArn(key.keyId()) + ".");
    }

    @Test
    void rotateKeyOnDemand_makesThePendingMaterialCurrentAndTheOldOneNonCurrent() {
        KeyMetadata key = createExternal(kms);
        String first = importMaterial(kms, key.keyId(), randomBytes(32)).keyMaterialId();
        String second = importNew(kms, key.keyId(), randomBytes(32)).keyMaterialId();

        kms.advance(Duration.ofMinutes(5));
        rotate(key.keyId());

        assertThat(describe(kms, key.keyId()).currentKeyMaterialId()).isEqualTo(second);
        assertThat(rotations(key.keyId(), IncludeKeyMaterial.ALL_KEY_MATERIAL).rotations())
                .extracting(RotationsListEntry::keyMaterialId, RotationsListEntry::keyMaterialState,
                        RotationsListEntry::rotationType, RotationsListEntry::rotationDate)
                .containsExactly(tuple(first, KeyMaterialState.NON_CURRENT, null, null),
                        tuple(second, KeyMaterialState.CURRENT, RotationType.ON_DEMAND, START.plus(Duration.ofMinutes(5))));
    }

    @Test
    void listKeyRotations_byDefault_listsOnlyCompletedRotations() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        assertThat(rotations(key.keyId(), null).rotations()).isEmpty();

        String second = importNew(kms, key.keyId(), randomBytes(32)).keyMaterialId();
        rotate(key.keyId());

        assertThat(rotations(key.keyId(), null).rotations()).extracting(RotationsListEntry::keyMaterialId)
                .containsExactly(second);
    }

    @Test
    void listKeyRotations_entriesOfExternalKeysCarryImportStateAndExpiry() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        kms.deleteImportedKeyMaterial(new dev.byokstudio.kms.DeleteImportedKeyMaterialRequest(key.keyId(), null));

        RotationsListEntry entry = rotations(key.keyId(), IncludeKeyMaterial.ALL_KEY_MATERIAL).rotations().get(0);

        assertThat(entry.keyId()).isEqualTo(keyArn(key.keyId()));
        assertThat(entry.importState()).isEqualTo(ImportState.PENDING_IMPORT);
        assertThat(entry.expirationModel()).isNull();
    }

    @Test
    void listKeyRotations_includeKeyMaterialOnAnHmacKey_isValidationException() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);

        ValidationException e = expectError(ValidationException.class,
                () -> rotations(key.keyId(), IncludeKeyMaterial.ALL_KEY_MATERIAL));

        assertThat(e.awsMessage()).isEqualTo("Input parameter includeKeyMaterial can only be used with symmetric keys.");
    }

    @Test
    void rotateKeyOnDemand_withoutPendingMaterial_isInvalidStateWithAwsMessage() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class, () -> rotate(key.keyId()));

        assertThat(e.awsMessage()).isEqualTo("No available key material pending rotation for the key: "
                + keyArn(key.keyId()) + ".");
    }

    @Test
    void rotateKeyOnDemand_onAPendingImportKey_isPendingImport() {
        KeyMetadata key = createExternal(kms);

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class, () -> rotate(key.keyId()));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is pending import.");
    }

    @Test
    void rotateKeyOnDemand_onADisabledKey_isDisabledException() {
        KeyMetadata key = createSymmetric(kms);
        kms.disableKey(new DisableKeyRequest(key.keyId()));

        DisabledException e = expectError(DisabledException.class, () -> rotate(key.keyId()));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is disabled.");
    }

    @Test
    void rotateKeyOnDemand_onAnHmacKey_isUnsupportedWithEmptyMessage() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        importMaterial(kms, key.keyId(), randomBytes(32));

        KmsUnsupportedOperationException e = expectError(KmsUnsupportedOperationException.class, () -> rotate(key.keyId()));

        assertThat(e.awsMessage()).isEmpty();
    }

    @Test
    void rotateKeyOnDemand_ofAnAwsKmsKey_generatesNewCurrentMaterial() {
        KeyMetadata key = createSymmetric(kms);

        rotate(key.keyId());

        assertThat(describe(kms, key.keyId()).currentKeyMaterialId()).isNotEqualTo(key.currentKeyMaterialId());
        assertThat(rotations(key.keyId(), null).rotations()).hasSize(1);
    }

    @Test
    void rotateKeyOnDemand_the26thTime_isLimitExceeded() {
        KeyMetadata key = createSymmetric(kms);
        for (int i = 0; i < 25; i++) {
            rotate(key.keyId());
        }

        LimitExceededException e = expectError(LimitExceededException.class, () -> rotate(key.keyId()));

        assertThat(e.awsMessage()).isEqualTo("The on-demand rotations limit has been reached for the given keyId. "
                + "No more on-demand rotations can be performed for this key: " + keyArn(key.keyId()));
    }

    @Test
    void pendingMaterialPastItsValidTo_staysPendingAndExpiresOnceRotatedIn() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        importExpiringNew(kms, key.keyId(), randomBytes(32), START.plus(Duration.ofHours(1)));
        kms.advance(Duration.ofHours(2));
        assertThat(rotations(key.keyId(), IncludeKeyMaterial.ALL_KEY_MATERIAL).rotations().get(1).importState())
                .isEqualTo(ImportState.IMPORTED);

        rotate(key.keyId());

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.PendingImport);
    }

    @Test
    void keyRotationStatus_ofAnExternalKey_isDisabled() {
        KeyMetadata key = createExternal(kms);

        GetKeyRotationStatusResponse status = kms.getKeyRotationStatus(new GetKeyRotationStatusRequest(key.keyId()));

        assertThat(status.keyRotationEnabled()).isFalse();
        assertThat(status.keyId()).isEqualTo(keyArn(key.keyId()));
    }

    @Test
    void enableKeyRotation_onAnExternalKey_isUnsupportedWithAwsMessage() {
        KeyMetadata key = createExternal(kms);

        KmsUnsupportedOperationException e = expectError(KmsUnsupportedOperationException.class,
                () -> kms.enableKeyRotation(new EnableKeyRotationRequest(key.keyId(), null)));
        expectError(KmsUnsupportedOperationException.class,
                () -> kms.disableKeyRotation(new DisableKeyRotationRequest(key.keyId())));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " origin is EXTERNAL which is not valid for this operation.");
    }

    @Test
    void automaticRotation_ofAnAwsKmsKey_happensWhenThePeriodPasses() {
        KeyMetadata key = createSymmetric(kms);
        kms.enableKeyRotation(new EnableKeyRotationRequest(key.keyId(), 90));

        GetKeyRotationStatusResponse status = kms.getKeyRotationStatus(new GetKeyRotationStatusRequest(key.keyId()));
        kms.advance(Duration.ofDays(90));

        assertThat(status.keyRotationEnabled()).isTrue();
        assertThat(status.rotationPeriodInDays()).isEqualTo(90);
        assertThat(status.nextRotationDate()).isEqualTo(START.plus(Duration.ofDays(90)));
        assertThat(rotations(key.keyId(), null).rotations()).extracting(RotationsListEntry::rotationType)
                .containsExactly(RotationType.AUTOMATIC);
        assertThat(kms.getKeyRotationStatus(new GetKeyRotationStatusRequest(key.keyId())).nextRotationDate())
                .isEqualTo(START.plus(Duration.ofDays(180)));
    }

    @Test
    void enableKeyRotation_periodOutOfRange_isValidationException() {
        KeyMetadata key = createSymmetric(kms);

        ValidationException e = expectError(ValidationException.class,
                () -> kms.enableKeyRotation(new EnableKeyRotationRequest(key.keyId(), 89)));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to "
                + "satisfy constraint: Member must have value greater than or equal to 90");
    }

    @Test
    void reimportOfNonCurrentMaterial_needsItsKeyMaterialId() {
        KeyMetadata key = createExternal(kms);
        byte[] first = randomBytes(32);
        String firstId = importMaterial(kms, key.keyId(), first).keyMaterialId();
        importNew(kms, key.keyId(), randomBytes(32));
        rotate(key.keyId());
        kms.deleteImportedKeyMaterial(new dev.byokstudio.kms.DeleteImportedKeyMaterialRequest(key.keyId(), firstId));

        expectError(IncorrectKeyMaterialException.class, () -> importMaterial(kms, key.keyId(), first));
        var p = ImportFixture.parameters(kms, key.keyId());
        kms.importKeyMaterial(new dev.byokstudio.kms.ImportKeyMaterialRequest(key.keyId(), p.importToken(),
                ImportFixture.wrap(p, first, dev.byokstudio.kms.WrappingAlgorithm.RSAES_OAEP_SHA_256), null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, null, null, firstId));

        assertThat(describe(kms, key.keyId()).keyState()).isEqualTo(KeyState.Enabled);
    }
}
