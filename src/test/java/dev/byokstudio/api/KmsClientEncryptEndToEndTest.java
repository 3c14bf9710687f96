package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.assertAwsError;
import static dev.byokstudio.api.EndpointTestSupport.keyArn;
import static dev.byokstudio.api.EndpointTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;

/** Encrypt and Decrypt through the AWS SDK for Java v2. */
class KmsClientEncryptEndToEndTest {

    static EmbeddedKms kms;
    static KmsEndpoint endpoint;
    static KmsClient client;

    @BeforeAll
    static void start() throws IOException {
        kms = EndpointTestSupport.newImportKms(Clock.systemUTC(), AccountContext.defaults());
        endpoint = EndpointTestSupport.start(kms);
        client = EndpointTestSupport.sdkClient(endpoint);
    }

    @AfterAll
    static void stop() {
        client.close();
        endpoint.close();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    @Test
    void encryptThenDecrypt_withAnEncryptionContext_roundTripsWithoutKeyId() {
        String keyId = client.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        byte[] plaintext = random(200);

        EncryptResponse encrypted = client.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(plaintext))
                .encryptionContext(Map.of("tenant", "blue")));
        DecryptResponse decrypted = client.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob())
                .encryptionContext(Map.of("tenant", "blue")));

        assertThat(encrypted.keyId()).isEqualTo(keyArn(keyId));
        assertThat(encrypted.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(decrypted.plaintext().asByteArray()).isEqualTo(plaintext);
        assertThat(decrypted.keyId()).isEqualTo(keyArn(keyId));
    }

    @Test
    void decrypt_withAnotherContext_isInvalidCiphertextWith400() {
        String keyId = client.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        SdkBytes blob = client.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(random(16)))
                .encryptionContext(Map.of("tenant", "blue"))).ciphertextBlob();

        InvalidCiphertextException e = thrown(InvalidCiphertextException.class,
                () -> client.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("tenant", "green"))));

        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Test
    void encrypt_plaintextOver4096Bytes_isTheAwsValidationError() {
        String keyId = client.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();

        KmsException e = thrown(KmsException.class,
                () -> client.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(random(4097)))));

        assertAwsError(e, "ValidationException", "1 validation error detected: Value at 'plaintext' failed to satisfy "
                + "constraint: Member must have length less than or equal to 4096");
    }

    @Test
    void generateDataKey_generateRandom_andReEncrypt_workThroughTheSdk() {
        String one = client.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        String two = client.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();

        var dataKey = client.generateDataKey(r -> r.keyId(one).keySpec("AES_256"));
        var random = client.generateRandom(r -> r.numberOfBytes(48));
        var moved = client.reEncrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob()).destinationKeyId(two));
        DecryptResponse decrypted = client.decrypt(r -> r.ciphertextBlob(moved.ciphertextBlob()));

        assertThat(dataKey.plaintext().asByteArray()).hasSize(32);
        assertThat(random.plaintext().asByteArray()).hasSize(48);
        assertThat(moved.sourceKeyId()).isEqualTo(keyArn(one));
        assertThat(decrypted.keyId()).isEqualTo(keyArn(two));
        assertThat(decrypted.plaintext().asByteArray()).isEqualTo(dataKey.plaintext().asByteArray());
    }
}
