package dev.byokstudio.crash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;

/**
 * The ciphertext half of the crash test: every Encrypt whose answer arrived is recorded with its
 * plaintext and context, and after each restart every recorded ciphertext whose key is Enabled with the
 * material it was made under must still decrypt to the same plaintext.
 */
final class RecordedCiphertexts implements CrashTest.CiphertextCheck {

    private record Recorded(String operation, String keyId, String keyMaterialId, byte[] plaintext,
            Map<String, String> context, SdkBytes ciphertext) {
    }

    private final List<Recorded> recorded = new ArrayList<>();

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void encrypt(KmsClient client, String keyId, String keyMaterialId, Random random, String operation) {
        byte[] plaintext = new byte[1 + random.nextInt(512)];
        random.nextBytes(plaintext);
        Map<String, String> context = random.nextBoolean() ? Map.of() : Map.of("operation", operation);
        EncryptResponse response = client.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(plaintext))
                .encryptionContext(context));
        recorded.add(new Recorded(operation, keyId, keyMaterialId, plaintext, context, response.ciphertextBlob()));
    }

    @Override
    public List<CrashTest.Finding> verify(KmsClient client, Map<String, String> enabledKeyMaterialIds, String when) {
        List<CrashTest.Finding> findings = new ArrayList<>();
        for (Recorded r : recorded) {
            if (!r.keyMaterialId().equals(enabledKeyMaterialIds.get(r.keyId()))) {
                continue;
            }
            try {
                DecryptResponse decrypted = client.decrypt(d -> d.ciphertextBlob(r.ciphertext())
                        .encryptionContext(r.context()));
                if (!Arrays.equals(decrypted.plaintext().asByteArray(), r.plaintext())) {
                    findings.add(new CrashTest.Finding(CrashTest.Finding.Kind.WRONG, when, r.operation(),
                            "the plaintext encrypted under key " + r.keyId(), "another plaintext"));
                }
            } catch (AwsServiceException e) {
                findings.add(new CrashTest.Finding(CrashTest.Finding.Kind.LOST, when, r.operation(),
                        "its ciphertext decrypts under key " + r.keyId(),
                        e.awsErrorDetails().errorCode() + " " + e.awsErrorDetails().errorMessage()));
            }
        }
        return findings;
    }

    @Override
    public long recorded() {
        return recorded.size();
    }
}
