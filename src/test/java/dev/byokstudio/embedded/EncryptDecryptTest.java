package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static dev.byokstudio.embedded.ImportFixture.importMaterial;
import static dev.byokstudio.embedded.ImportFixture.importNew;
import static dev.byokstudio.embedded.ImportFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DecryptRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.DisabledException;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.EncryptResponse;
import dev.byokstudio.kms.EncryptionAlgorithm;
import dev.byokstudio.kms.IncorrectKeyException;
import dev.byokstudio.kms.InvalidCiphertextException;
import dev.byokstudio.kms.InvalidKeyUsageException;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.RotateKeyOnDemandRequest;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Encrypt and Decrypt, with imported and generated material (reference §15). */
class EncryptDecryptTest {

    private final EmbeddedKms kms = newKms();

    private EncryptResponse encrypt(String keyId, byte[] plaintext, Map<String, String> context) {
        return kms.encrypt(new EncryptRequest(keyId, SecretBytes.copyOf(plaintext), context, null, null));
    }

    private byte[] decrypt(byte[] blob, Map<String, String> context) {
        return kms.decrypt(new DecryptRequest(blob, context, null, null, null)).plaintext().revealCopy();
    }

    @Test
    void importedSymmetricKey_encryptsAndDecryptsWithoutKeyIdInDecrypt() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        byte[] plaintext = randomBytes(100);

        EncryptResponse encrypted = encrypt(key.keyId(), plaintext, Map.of("purpose", "test"));

        assertThat(encrypted.keyId()).isEqualTo(keyArn(key.keyId()));
        assertThat(encrypted.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithm.SYMMETRIC_DEFAULT);
        assertThat(decrypt(encrypted.ciphertextBlob(), Map.of("purpose", "test"))).isEqualTo(plaintext);
    }

    @Test
    void decrypt_withAnotherEncryptionContext_isInvalidCiphertext() {
        KeyMetadata key = createSymmetric(kms);
        byte[] blob = encrypt(key.keyId(), randomBytes(16), Map.of("purpose", "test")).ciphertextBlob();

        InvalidCiphertextException e = expectError(InvalidCiphertextException.class,
                () -> decrypt(blob, Map.of("purpose", "Test")));

        assertThat(e.awsMessage()).isEmpty();
    }

    @Test
    void decrypt_ofATamperedBlob_isInvalidCiphertext() {
        KeyMetadata key = createSymmetric(kms);
        byte[] blob = encrypt(key.keyId(), randomBytes(16), Map.of()).ciphertextBlob();
        blob[blob.length - 1] ^= 1;

        expectError(InvalidCiphertextException.class, () -> decrypt(blob, Map.of()));
    }

    @Test
    void decrypt_namingAnotherKey_isIncorrectKeyWithAwsMessage() {
        KeyMetadata one = createSymmetric(kms);
        KeyMetadata two = createSymmetric(kms);
        byte[] blob = encrypt(one.keyId(), randomBytes(16), Map.of()).ciphertextBlob();

        IncorrectKeyException e = expectError(IncorrectKeyException.class,
                () -> kms.decrypt(new DecryptRequest(blob, Map.of(), null, two.keyId(), null)));

        assertThat(e.awsMessage()).isEqualTo("The key ID in the request does not identify a CMK that can perform this operation.");
    }

    @Test
    void materialRotatedOut_stillDecrypts() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        byte[] plaintext = randomBytes(64);
        byte[] before = encrypt(key.keyId(), plaintext, Map.of()).ciphertextBlob();
        importNew(kms, key.keyId(), randomBytes(32));
        kms.rotateKeyOnDemand(new RotateKeyOnDemandRequest(key.keyId()));

        byte[] after = encrypt(key.keyId(), plaintext, Map.of()).ciphertextBlob();

        assertThat(decrypt(before, Map.of())).isEqualTo(plaintext);
        assertThat(decrypt(after, Map.of())).isEqualTo(plaintext);
    }

    @Test
    void encrypt_underAnAlias_works() {
        KeyMetadata key = createSymmetric(kms);
        kms.createAlias(new CreateAliasRequest("alias/data", key.keyId()));

        assertThat(encrypt("alias/data", randomBytes(8), Map.of()).keyId()).isEqualTo(keyArn(key.keyId()));
    }

    @Test
    void encrypt_afterTheMaterialWasDeleted_isPendingImport() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));
        kms.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(key.keyId(), null));

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> encrypt(key.keyId(), randomBytes(8), Map.of()));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is pending import.");
    }

    @Test
    void encrypt_underADisabledKey_isDisabled() {
        KeyMetadata key = createSymmetric(kms);
        kms.disableKey(new DisableKeyRequest(key.keyId()));

        expectError(DisabledException.class, () -> encrypt(key.keyId(), randomBytes(8), Map.of()));
    }

    @Test
    void decrypt_underAKeyPendingDeletion_isInvalidState() {
        KeyMetadata key = createSymmetric(kms);
        byte[] blob = encrypt(key.keyId(), randomBytes(8), Map.of()).ciphertextBlob();
        scheduleDeletion(kms, key.keyId());

        expectError(KmsInvalidStateException.class, () -> decrypt(blob, Map.of()));
    }

    @Test
    void encrypt_withAnHmacKey_isInvalidKeyUsageWithAwsMessage() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsage.GENERATE_VERIFY_MAC).build()).keyMetadata();

        InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class,
                () -> encrypt(key.keyId(), randomBytes(8), Map.of()));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " key usage is GENERATE_VERIFY_MAC which is not valid for Encrypt.");
    }

    @Test
    void encrypt_plaintextOver4096Bytes_isAValidationErrorThatDoesNotShowThePlaintext() {
        KeyMetadata key = createSymmetric(kms);

        ValidationException e = expectError(ValidationException.class, () -> encrypt(key.keyId(), randomBytes(4097), Map.of()));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                + "Member must have length less than or equal to 4096");
    }

    @ParameterizedTest
    @CsvSource({"RSAES_OAEP_SHA_1, 214", "RSAES_OAEP_SHA_256, 190"})
    void rsaKey_encryptsUpToAwsLimitAndDecryptsWithKeyId(EncryptionAlgorithm algorithm, int limit) {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.RSA_2048)
                .keyUsage(KeyUsage.ENCRYPT_DECRYPT).build()).keyMetadata();
        byte[] plaintext = randomBytes(limit);

        byte[] blob = kms.encrypt(new EncryptRequest(key.keyId(), SecretBytes.copyOf(plaintext), null, null, algorithm))
                .ciphertextBlob();
        ValidationException tooLarge = expectError(ValidationException.class, () -> kms.encrypt(
                new EncryptRequest(key.keyId(), SecretBytes.copyOf(randomBytes(limit + 1)), null, null, algorithm)));

        assertThat(kms.decrypt(new DecryptRequest(blob, null, null, key.keyId(), algorithm)).plaintext().revealCopy())
                .isEqualTo(plaintext);
        assertThat(tooLarge.awsMessage()).isEqualTo("Algorithm " + algorithm + " and key spec RSA_2048 cannot encrypt data "
                + "larger than " + limit + " bytes.");
    }

    @Test
    void chinaSymmetricKey_encryptsWithSm4() {
        EmbeddedKms china = newKms(AccountContext.inRegion("cn-north-1"));
        KeyMetadata key = createExternal(china);
        importMaterial(china, key.keyId(), randomBytes(16));
        byte[] plaintext = randomBytes(32);

        byte[] blob = china.encrypt(new EncryptRequest(key.keyId(), SecretBytes.copyOf(plaintext), null, null, null))
                .ciphertextBlob();

        assertThat(china.decrypt(new DecryptRequest(blob, null, null, null, null)).plaintext().revealCopy()).isEqualTo(plaintext);
    }
}
