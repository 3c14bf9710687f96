package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.AsymmetricFixture.createAwsKms;
import static dev.byokstudio.embedded.AsymmetricFixture.fixture;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.UNKNOWN_KEY_ID;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static dev.byokstudio.embedded.ImportFixture.importMaterial;
import static dev.byokstudio.embedded.ImportFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.DisabledException;
import dev.byokstudio.kms.GenerateMacRequest;
import dev.byokstudio.kms.GenerateMacResponse;
import dev.byokstudio.kms.InvalidKeyUsageException;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.KmsInvalidMacException;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.MacAlgorithm;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.ValidationException;
import dev.byokstudio.kms.VerifyMacRequest;
import dev.byokstudio.kms.VerifyMacResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GenerateMac and VerifyMac (reference §15): the HMAC of the imported bytes, exactly as javax.crypto.Mac
 * computes it, and AWS's errors for MACs that do not match, algorithms of another size, keys of another
 * usage and keys that cannot be used.
 */
@TestInstance(Lifecycle.PER_CLASS)
class MacTest {

    private static final byte[] MESSAGE = "GET /accounts/42 2026-01-01T00:00:00Z".getBytes(StandardCharsets.UTF_8);

    private final EmbeddedKms kms = newKms();
    private final Map<String, KeyMetadata> keys = new HashMap<>();

    /** The shared EXTERNAL key of {@code spec} with the bytes of {@code file} imported. */
    private String imported(KeySpec spec, String file) {
        return keys.computeIfAbsent(spec + "/" + file, k -> {
            KeyMetadata key = createExternal(kms, spec, KeyUsage.GENERATE_VERIFY_MAC);
            importMaterial(kms, key.keyId(), fixture(file));
            return key;
        }).keyId();
    }

    private static String fileOf(KeySpec spec) {
        return "hmac-" + spec.name().substring("HMAC_".length()) + "bit.bin";
    }

    private static MacAlgorithm algorithmOf(KeySpec spec) {
        return MacAlgorithm.valueOf("HMAC_SHA_" + spec.name().substring("HMAC_".length()));
    }

    private GenerateMacResponse generateMac(String keyId, MacAlgorithm algorithm, byte[] message) {
        return kms.generateMac(new GenerateMacRequest(SecretBytes.copyOf(message), keyId, algorithm, null));
    }

    private VerifyMacResponse verifyMac(String keyId, MacAlgorithm algorithm, byte[] message, byte[] mac) {
        return kms.verifyMac(new VerifyMacRequest(SecretBytes.copyOf(message), keyId, algorithm, mac, null));
    }

    private static byte[] jcaHmac(MacAlgorithm algorithm, byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA" + algorithm.name().substring("HMAC_SHA_".length()));
        mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
        return mac.doFinal(message);
    }

    // ---------------------------------------------------------------- MACs

    static Stream<Arguments> importedMaterial() {
        return Stream.of(
                arguments(KeySpec.HMAC_224, "hmac-224bit.bin"),
                arguments(KeySpec.HMAC_256, "hmac-256bit.bin"),
                arguments(KeySpec.HMAC_384, "hmac-384bit.bin"),
                arguments(KeySpec.HMAC_512, "hmac-512bit.bin"),
                arguments(KeySpec.HMAC_224, "hmac-1024bit.bin"),
                arguments(KeySpec.HMAC_512, "hmac-1024bit.bin"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("importedMaterial")
    void generateMacIsTheHmacOfTheImportedBytes(KeySpec spec, String file) throws Exception {
        String keyId = imported(spec, file);
        MacAlgorithm algorithm = algorithmOf(spec);

        GenerateMacResponse response = generateMac(keyId, algorithm, MESSAGE);

        assertThat(response.mac()).isEqualTo(jcaHmac(algorithm, fixture(file), MESSAGE));
        assertThat(response.macAlgorithm()).isEqualTo(algorithm);
        assertThat(response.keyId()).isEqualTo(keyArn(keyId));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("importedMaterial")
    void verifyMacAcceptsTheMacOfTheImportedBytes(KeySpec spec, String file) throws Exception {
        String keyId = imported(spec, file);
        MacAlgorithm algorithm = algorithmOf(spec);
        byte[] message = randomBytes(4096);

        VerifyMacResponse response = verifyMac(keyId, algorithm, message, jcaHmac(algorithm, fixture(file), message));

        assertThat(response.macValid()).isTrue();
        assertThat(response.macAlgorithm()).isEqualTo(algorithm);
        assertThat(response.keyId()).isEqualTo(keyArn(keyId));
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = "HMAC_.*", mode = EnumSource.Mode.MATCH_ANY)
    void generatedKeyMacsVerifyAndHaveTheDigestLength(KeySpec spec) {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(spec).keyUsage(KeyUsage.GENERATE_VERIFY_MAC)
                .build()).keyMetadata();
        MacAlgorithm algorithm = algorithmOf(spec);

        byte[] mac = generateMac(key.keyId(), algorithm, MESSAGE).mac();

        assertThat(mac).hasSize(Integer.parseInt(spec.name().substring("HMAC_".length())) / 8);
        assertThat(generateMac(key.keyId(), algorithm, MESSAGE).mac()).as("HMAC is deterministic").isEqualTo(mac);
        assertThat(verifyMac(key.keyId(), algorithm, MESSAGE, mac).macValid()).isTrue();
    }

    @Test
    void twoKeysWithTheSameImportedBytesMakeTheSameMac() {
        String one = imported(KeySpec.HMAC_256, "hmac-256bit.bin");
        KeyMetadata two = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        importMaterial(kms, two.keyId(), fixture("hmac-256bit.bin"));

        byte[] mac = generateMac(one, MacAlgorithm.HMAC_SHA_256, MESSAGE).mac();

        assertThat(verifyMac(two.keyId(), MacAlgorithm.HMAC_SHA_256, MESSAGE, mac).macValid()).isTrue();
    }

    @Test
    void anAliasWorks() {
        String keyId = imported(KeySpec.HMAC_384, "hmac-384bit.bin");
        kms.createAlias(new CreateAliasRequest("alias/webhooks", keyId));

        byte[] mac = generateMac("alias/webhooks", MacAlgorithm.HMAC_SHA_384, MESSAGE).mac();

        assertThat(mac).isEqualTo(generateMac(keyId, MacAlgorithm.HMAC_SHA_384, MESSAGE).mac());
        assertThat(verifyMac("alias/webhooks", MacAlgorithm.HMAC_SHA_384, MESSAGE, mac).keyId()).isEqualTo(keyArn(keyId));
    }

    // ---------------------------------------------------------------- MACs that do not match

    private static void assertInvalidMac(KmsException e) {
        assertThat(e.errorCode()).isEqualTo("KMSInvalidMacException");
        assertThat(e.awsMessage()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = "HMAC_.*", mode = EnumSource.Mode.MATCH_ANY)
    void verifyMacRejectsTheMacOfAChangedMessage(KeySpec spec) {
        String keyId = imported(spec, fileOf(spec));
        byte[] mac = generateMac(keyId, algorithmOf(spec), MESSAGE).mac();
        byte[] changed = (new String(MESSAGE, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);

        assertInvalidMac(expectError(KmsInvalidMacException.class, () -> verifyMac(keyId, algorithmOf(spec), changed, mac)));
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = "HMAC_.*", mode = EnumSource.Mode.MATCH_ANY)
    void verifyMacRejectsAChangedMac(KeySpec spec) {
        String keyId = imported(spec, fileOf(spec));
        byte[] mac = generateMac(keyId, algorithmOf(spec), MESSAGE).mac();
        mac[mac.length - 1] ^= 0x01;

        assertInvalidMac(expectError(KmsInvalidMacException.class, () -> verifyMac(keyId, algorithmOf(spec), MESSAGE, mac)));
    }

    @Test
    void verifyMacRejectsATruncatedOrExtendedMac() {
        String keyId = imported(KeySpec.HMAC_512, "hmac-512bit.bin");
        byte[] mac = generateMac(keyId, MacAlgorithm.HMAC_SHA_512, MESSAGE).mac();

        assertInvalidMac(expectError(KmsInvalidMacException.class, () -> verifyMac(keyId, MacAlgorithm.HMAC_SHA_512, MESSAGE,
                java.util.Arrays.copyOf(mac, 32))));
        assertInvalidMac(expectError(KmsInvalidMacException.class, () -> verifyMac(keyId, MacAlgorithm.HMAC_SHA_512, MESSAGE,
                java.util.Arrays.copyOf(mac, 65))));
    }

    @Test
    void verifyMacRejectsTheMacOfAnotherKey() {
        String keyId = imported(KeySpec.HMAC_256, "hmac-256bit.bin");
        KeyMetadata other = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        importMaterial(kms, other.keyId(), randomBytes(32));
        byte[] mac = generateMac(other.keyId(), MacAlgorithm.HMAC_SHA_256, MESSAGE).mac();

        assertInvalidMac(expectError(KmsInvalidMacException.class,
                () -> verifyMac(keyId, MacAlgorithm.HMAC_SHA_256, MESSAGE, mac)));
    }

    // ---------------------------------------------------------------- refused requests

    @ParameterizedTest(name = "{0} key with {1}")
    @CsvSource({"HMAC_224, HMAC_SHA_256", "HMAC_256, HMAC_SHA_224", "HMAC_384, HMAC_SHA_512", "HMAC_512, HMAC_SHA_384"})
    void anAlgorithmOfAnotherSizeIsInvalidKeyUsage(KeySpec spec, MacAlgorithm algorithm) {
        String keyId = imported(spec, fileOf(spec));
        String expected = "Algorithm " + algorithm + " is incompatible with key spec " + spec + ".";

        InvalidKeyUsageException generating = expectError(InvalidKeyUsageException.class,
                () -> generateMac(keyId, algorithm, MESSAGE));
        InvalidKeyUsageException verifying = expectError(InvalidKeyUsageException.class,
                () -> verifyMac(keyId, algorithm, MESSAGE, new byte[32]));

        assertThat(generating.errorCode()).isEqualTo("InvalidKeyUsageException");
        assertThat(generating.awsMessage()).isEqualTo(expected);
        assertThat(verifying.awsMessage()).isEqualTo(expected);
    }

    @Test
    void hmacSha256OnAnHmac224KeyIsRefusedWithAwsMessage() {
        String keyId = imported(KeySpec.HMAC_224, "hmac-224bit.bin");

        InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class,
                () -> generateMac(keyId, MacAlgorithm.HMAC_SHA_256, MESSAGE));

        assertThat(e.awsMessage()).isEqualTo("Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.");
    }

    @Test
    void aSymmetricEncryptionKeyIsInvalidKeyUsage() {
        KeyMetadata key = createSymmetric(kms);

        InvalidKeyUsageException generating = expectError(InvalidKeyUsageException.class,
                () -> generateMac(key.keyId(), MacAlgorithm.HMAC_SHA_256, MESSAGE));
        InvalidKeyUsageException verifying = expectError(InvalidKeyUsageException.class,
                () -> verifyMac(key.keyId(), MacAlgorithm.HMAC_SHA_256, MESSAGE, new byte[32]));

        assertThat(generating.errorCode()).isEqualTo("InvalidKeyUsageException");
        assertThat(generating.awsMessage()).isEqualTo(keyArn(key.keyId())
                + " key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.");
        assertThat(verifying.awsMessage()).isEqualTo(keyArn(key.keyId())
                + " key usage is ENCRYPT_DECRYPT which is not valid for VerifyMac.");
    }

    @Test
    void aSigningKeyIsInvalidKeyUsage() {
        KeyMetadata key = createAwsKms(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);

        InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class,
                () -> generateMac(key.keyId(), MacAlgorithm.HMAC_SHA_256, MESSAGE));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " key usage is SIGN_VERIFY which is not valid for GenerateMac.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4097})
    void aMessageOutside1To4096BytesIsAValidationError(int length) {
        String keyId = imported(KeySpec.HMAC_256, "hmac-256bit.bin");
        String expected = "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have "
                + "length " + (length == 0 ? "greater than or equal to 1" : "less than or equal to 4096");

        ValidationException generating = expectError(ValidationException.class,
                () -> generateMac(keyId, MacAlgorithm.HMAC_SHA_256, new byte[length]));
        ValidationException verifying = expectError(ValidationException.class,
                () -> verifyMac(keyId, MacAlgorithm.HMAC_SHA_256, new byte[length], new byte[32]));

        assertThat(generating.errorCode()).isEqualTo("ValidationException");
        assertThat(generating.awsMessage()).isEqualTo(expected);
        assertThat(verifying.awsMessage()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6145})
    void aMacOutside1To6144BytesIsAValidationError(int length) {
        String keyId = imported(KeySpec.HMAC_256, "hmac-256bit.bin");

        ValidationException e = expectError(ValidationException.class,
                () -> verifyMac(keyId, MacAlgorithm.HMAC_SHA_256, MESSAGE, new byte[length]));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value at 'mac' failed to satisfy constraint: "
                + "Member must have length " + (length == 0 ? "greater than or equal to 1" : "less than or equal to 6144"));
    }

    // ---------------------------------------------------------------- key states

    private void assertBothRefused(Class<? extends KmsException> type, String keyId, String errorCode, String awsMessage) {
        KmsException generating = expectError(type, () -> generateMac(keyId, MacAlgorithm.HMAC_SHA_256, MESSAGE));
        KmsException verifying = expectError(type, () -> verifyMac(keyId, MacAlgorithm.HMAC_SHA_256, MESSAGE, new byte[32]));

        assertThat(generating.errorCode()).isEqualTo(errorCode);
        assertThat(generating.awsMessage()).isEqualTo(awsMessage);
        assertThat(verifying.errorCode()).isEqualTo(errorCode);
        assertThat(verifying.awsMessage()).isEqualTo(awsMessage);
    }

    @Test
    void anExternalKeyWithoutMaterialIsPendingImport() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);

        assertBothRefused(KmsInvalidStateException.class, key.keyId(), "KMSInvalidStateException",
                keyArn(key.keyId()) + " is pending import.");
    }

    @Test
    void aKeyWhoseImportedMaterialWasDeletedIsPendingImport() {
        KeyMetadata key = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        importMaterial(kms, key.keyId(), fixture("hmac-256bit.bin"));
        kms.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(key.keyId(), null));

        assertBothRefused(KmsInvalidStateException.class, key.keyId(), "KMSInvalidStateException",
                keyArn(key.keyId()) + " is pending import.");
    }

    @Test
    void aDisabledKeyIsDisabled() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsage.GENERATE_VERIFY_MAC).build()).keyMetadata();
        kms.disableKey(new DisableKeyRequest(key.keyId()));

        assertBothRefused(DisabledException.class, key.keyId(), "DisabledException", keyArn(key.keyId()) + " is disabled.");
    }

    @Test
    void aKeyPendingDeletionIsInvalidState() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsage.GENERATE_VERIFY_MAC).build()).keyMetadata();
        scheduleDeletion(kms, key.keyId());

        assertBothRefused(KmsInvalidStateException.class, key.keyId(), "KMSInvalidStateException",
                keyArn(key.keyId()) + " is pending deletion.");
    }

    @Test
    void anUnknownKeyIsNotFound() {
        assertBothRefused(NotFoundException.class, UNKNOWN_KEY_ID, "NotFoundException",
                "Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
    }
}
