package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.ImportFixture.importMaterial;
import static dev.byokstudio.embedded.ImportFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DataKeySpec;
import dev.byokstudio.kms.DecryptRequest;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.GenerateDataKeyRequest;
import dev.byokstudio.kms.GenerateDataKeyResponse;
import dev.byokstudio.kms.GenerateRandomRequest;
import dev.byokstudio.kms.InvalidCiphertextException;
import dev.byokstudio.kms.InvalidKeyUsageException;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.ReEncryptRequest;
import dev.byokstudio.kms.ReEncryptResponse;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GenerateDataKey, GenerateDataKeyWithoutPlaintext, GenerateRandom and ReEncrypt. */
class DataKeysTest {

    private final EmbeddedKms kms = newKms();

    @Test
    void generateDataKey_aes256_givesA32BytePlaintextThatItsCiphertextDecryptsTo() {
        KeyMetadata key = createExternal(kms);
        importMaterial(kms, key.keyId(), randomBytes(32));

        GenerateDataKeyResponse dataKey = kms.generateDataKey(new GenerateDataKeyRequest(key.keyId(),
                Map.of("app", "ledger"), null, DataKeySpec.AES_256, null));

        assertThat(dataKey.keyId()).isEqualTo(keyArn(key.keyId()));
        assertThat(dataKey.plaintext().length()).isEqualTo(32);
        assertThat(kms.decrypt(new DecryptRequest(dataKey.ciphertextBlob(), Map.of("app", "ledger"), null, null, null))
                .plaintext().revealCopy()).isEqualTo(dataKey.plaintext().revealCopy());
    }

    @Test
    void generateDataKeyWithoutPlaintext_givesOnlyTheCiphertextOfNumberOfBytes() {
        KeyMetadata key = createSymmetric(kms);

        GenerateDataKeyResponse dataKey = kms.generateDataKeyWithoutPlaintext(
                new GenerateDataKeyRequest(key.keyId(), null, 64, null, null));

        assertThat(dataKey.plaintext()).isNull();
        assertThat(kms.decrypt(new DecryptRequest(dataKey.ciphertextBlob(), null, null, null, null)).plaintext().length())
                .isEqualTo(64);
    }

    @Test
    void generateDataKey_withBothOrNeitherLength_isRefused() {
        KeyMetadata key = createSymmetric(kms);

        ValidationException both = expectError(ValidationException.class, () -> kms.generateDataKey(
                new GenerateDataKeyRequest(key.keyId(), null, 32, DataKeySpec.AES_256, null)));
        ValidationException neither = expectError(ValidationException.class, () -> kms.generateDataKey(
                new GenerateDataKeyRequest(key.keyId(), null, null, null, null)));

        assertThat(both.awsMessage()).isEqualTo("Please specify either number of bytes or key spec.");
        assertThat(neither.awsMessage()).isEqualTo("Please specify either number of bytes or key spec.");
    }

    @Test
    void generateDataKey_underAnRsaKey_isInvalidKeyUsage() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.RSA_2048)
                .keyUsage(KeyUsage.ENCRYPT_DECRYPT).build()).keyMetadata();

        InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class, () -> kms.generateDataKey(
                new GenerateDataKeyRequest(key.keyId(), null, null, DataKeySpec.AES_128, null)));

        assertThat(e.awsMessage()).isEqualTo("Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.");
    }

    @Test
    void generateRandom_givesTheBytesAskedFor_andRefusesOutOfRangeCountsWithAwsMessages() {
        assertThat(kms.generateRandom(new GenerateRandomRequest(1024, null)).plaintext().length()).isEqualTo(1024);

        assertThat(expectError(ValidationException.class, () -> kms.generateRandom(new GenerateRandomRequest(null, null)))
                .awsMessage()).isEqualTo("NumberOfBytes is required.");
        assertThat(expectError(ValidationException.class, () -> kms.generateRandom(new GenerateRandomRequest(1025, null)))
                .awsMessage()).isEqualTo("1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 1024");
    }

    @Test
    void reEncrypt_movesCiphertextToAnotherKeyAndContext() {
        KeyMetadata source = createSymmetric(kms);
        KeyMetadata destination = createSymmetric(kms);
        byte[] plaintext = randomBytes(40);
        byte[] blob = kms.encrypt(new EncryptRequest(source.keyId(), SecretBytes.copyOf(plaintext), Map.of("v", "1"), null,
                null)).ciphertextBlob();

        ReEncryptResponse moved = kms.reEncrypt(new ReEncryptRequest(blob, Map.of("v", "1"), null, destination.keyId(),
                Map.of("v", "2"), null, null, null));

        assertThat(moved.sourceKeyId()).isEqualTo(keyArn(source.keyId()));
        assertThat(moved.keyId()).isEqualTo(keyArn(destination.keyId()));
        assertThat(kms.decrypt(new DecryptRequest(moved.ciphertextBlob(), Map.of("v", "2"), null, null, null)).plaintext()
                .revealCopy()).isEqualTo(plaintext);
        expectError(InvalidCiphertextException.class,
                () -> kms.decrypt(new DecryptRequest(moved.ciphertextBlob(), Map.of("v", "1"), null, null, null)));
    }
}
