package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.assertAwsError;
import static dev.byokstudio.api.EndpointTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.KeyMaterialIds;
import dev.byokstudio.material.OpenSslCommands;
import dev.byokstudio.material.WrappingCompatibility;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ExpirationModelType;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.ImportKeyMaterialResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;

/**
 * AWS's documented import procedure, done as a person does it, with the real {@code openssl} (3.x) and
 * the AWS SDK for Java v2 against the endpoint: CreateKey with origin EXTERNAL, GetParametersForImport,
 * the public key and token saved as files, AWS's OpenSSL commands ({@link OpenSslCommands}) to decode
 * them, generate test material and wrap it, then ImportKeyMaterial with the files' bytes — for every key
 * spec that takes imported material, in us-east-1 and in cn-north-1. Plus two ways people get the OpenSSL
 * step wrong. Skipped, with the reason, where bash, openssl 3 or xxd is missing.
 */
class OpenSslImportEndToEndTest {

    private static final long TIMEOUT_SECONDS = 10;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String US = "us-east-1";
    private static final String CHINA = "cn-north-1";

    /** Why the tests cannot run here (no bash, openssl 3 or xxd), or null. */
    static String missing;
    static String opensslVersion;
    static boolean opensslHasSm2;
    static EmbeddedKms kms;
    static KmsEndpoint endpoint;
    static KmsClient client;
    static EmbeddedKms chinaKms;
    static KmsEndpoint chinaEndpoint;
    static KmsClient chinaClient;

    @BeforeAll
    static void findOpenSsl3AndStart() throws Exception {
        missing = missingTools();
        if (missing != null) {
            return;
        }
        kms = EndpointTestSupport.newImportKms(Clock.fixed(START, ZoneOffset.UTC), AccountContext.defaults());
        endpoint = EndpointTestSupport.start(kms);
        client = EndpointTestSupport.sdkClient(endpoint);
        chinaKms = EndpointTestSupport.newImportKms(Clock.fixed(START, ZoneOffset.UTC), AccountContext.inRegion(CHINA));
        chinaEndpoint = EndpointTestSupport.start(chinaKms);
        chinaClient = EndpointTestSupport.sdkClient(chinaEndpoint, Region.CN_NORTH_1);
    }

    private static String missingTools() throws IOException, InterruptedException {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String program : List.of("bash", "openssl", "xxd")) {
            if (onPath(program).isEmpty()) {
                return program + " is not installed: no executable " + program + " on PATH (" + path
                        + "); AWS's import commands need bash, OpenSSL 3 and xxd";
            }
        }
        Path scratch = Files.createTempDirectory("openssl-version");
        try {
            opensslVersion = run(scratch, "openssl version").strip();
            opensslHasSm2 = run(scratch, "openssl list -public-key-algorithms").contains("SM2");
        } finally {
            Files.deleteIfExists(scratch);
        }
        if (!opensslVersion.startsWith("OpenSSL 3.")) {
            return "AWS's RSA_AES_KEY_WRAP commands need OpenSSL 3.x (-id-aes256-wrap-pad); found " + opensslVersion;
        }
        return null;
    }

    /** Skips the test, with the reason, where bash, OpenSSL 3 or xxd is missing. */
    private static void requireOpenSsl3() {
        if (missing != null) {
            Assumptions.abort(missing);
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {client, endpoint, chinaClient, chinaEndpoint}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a client or a loopback server: nothing left to do
                }
            }
        }
    }

    /** One import: a key spec and usage in a region, wrapped with an algorithm and wrapping key spec. */
    record Case(String region, KeySpec keySpec, KeyUsage usage, WrappingAlgorithm algorithm,
            WrappingKeySpec wrappingKeySpec) {

        boolean china() {
            return region.startsWith("cn-");
        }

        @Override
        public String toString() {
            return region + " " + keySpec + " " + usage + ": " + algorithm + " with " + wrappingKeySpec;
        }
    }

    /**
     * AWS's preferred combination for the key spec ({@link WrappingCompatibility#choices}), with an RSA_2048
     * wrapping key where KMS allows it so that the test stays fast — except for RSA_4096 material, whose
     * case keeps the RSA_4096 wrapping key AWS prefers, once.
     */
    static Case documented(String region, KeySpec keySpec, KeyUsage usage) {
        boolean china = region.startsWith("cn-");
        WrappingCompatibility.Combination first = WrappingCompatibility.choices(keySpec, china).get(0);
        WrappingKeySpec wrappingKeySpec = keySpec != KeySpec.RSA_4096
                && WrappingCompatibility.allows(first.algorithm(), WrappingKeySpec.RSA_2048, keySpec, china)
                ? WrappingKeySpec.RSA_2048 : first.wrappingKeySpec();
        return new Case(region, keySpec, usage, first.algorithm(), wrappingKeySpec);
    }

    /** Every key spec that takes imported material, in us-east-1 and in cn-north-1. */
    static Stream<Case> everyImportableKeySpec() {
        return Stream.of(
                documented(US, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT),
                documented(US, KeySpec.HMAC_224, KeyUsage.GENERATE_VERIFY_MAC),
                documented(US, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC),
                documented(US, KeySpec.HMAC_384, KeyUsage.GENERATE_VERIFY_MAC),
                documented(US, KeySpec.HMAC_512, KeyUsage.GENERATE_VERIFY_MAC),
                documented(US, KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY),
                documented(US, KeySpec.RSA_3072, KeyUsage.ENCRYPT_DECRYPT),
                documented(US, KeySpec.RSA_4096, KeyUsage.SIGN_VERIFY),
                documented(US, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY),
                documented(US, KeySpec.ECC_NIST_P384, KeyUsage.KEY_AGREEMENT),
                documented(US, KeySpec.ECC_NIST_P521, KeyUsage.SIGN_VERIFY),
                documented(US, KeySpec.ECC_SECG_P256K1, KeyUsage.SIGN_VERIFY),
                documented(US, KeySpec.ECC_NIST_EDWARDS25519, KeyUsage.SIGN_VERIFY),
                documented(CHINA, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT),
                documented(CHINA, KeySpec.SM2, KeyUsage.SIGN_VERIFY));
    }

    /** The algorithms and wrapping keys the preferred choices above leave out, with OpenSSL too. */
    static Stream<Case> otherAlgorithms() {
        return Stream.of(
                new Case(US, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, WrappingAlgorithm.RSAES_OAEP_SHA_1,
                        WrappingKeySpec.RSA_3072),
                new Case(US, KeySpec.ECC_NIST_P521, KeyUsage.KEY_AGREEMENT, WrappingAlgorithm.RSAES_OAEP_SHA_256,
                        WrappingKeySpec.RSA_3072),
                new Case(US, KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1,
                        WrappingKeySpec.RSA_2048),
                new Case(CHINA, KeySpec.SM2, KeyUsage.ENCRYPT_DECRYPT, WrappingAlgorithm.SM2PKE, WrappingKeySpec.SM2),
                new Case(CHINA, KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY, WrappingAlgorithm.SM2PKE, WrappingKeySpec.SM2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyImportableKeySpec")
    void awsDocumentedProcedureImportsEveryKeySpec(Case c, @TempDir Path dir) throws Exception {
        importAsAPersonWould(c, dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherAlgorithms")
    void awsDocumentedProcedureImportsWithTheOtherAlgorithms(Case c, @TempDir Path dir) throws Exception {
        importAsAPersonWould(c, dir);
    }

    private static void importAsAPersonWould(Case c, Path dir) throws Exception {
        requireOpenSsl3();
        requireSm2IfNeeded(c);
        KmsClient kmsClient = c.china() ? chinaClient : client;
        KeyMetadata key = createExternal(kmsClient, c.keySpec(), c.usage());
        GetParametersForImportResponse p = saveParameters(kmsClient, key.keyId(), c.algorithm(), c.wrappingKeySpec(), dir);

        List<String> commands = OpenSslCommands.forImport(c.keySpec(), c.china(), c.algorithm(), null);
        for (String command : commands) {
            run(dir, command);
        }

        assertThat(dir.resolve(OpenSslCommands.WRAPPING_PUBLIC_KEY)).hasBinaryContent(p.publicKey().asByteArray());
        assertThat(dir.resolve(OpenSslCommands.IMPORT_TOKEN)).hasBinaryContent(p.importToken().asByteArray());
        ImportKeyMaterialResponse response = importFiles(kmsClient, key.keyId(), dir);

        KeyMetadata after = kmsClient.describeKey(r -> r.keyId(key.keyId())).keyMetadata();
        assertThat(response.keyId()).isEqualTo(key.arn());
        assertThat(after.keyState()).as("KeyState after the import").isEqualTo(KeyState.ENABLED);
        assertThat(after.enabled()).isTrue();
        assertThat(after.expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE);
        if (c.keySpec().isSymmetric()) {
            byte[] plaintext = Files.readAllBytes(dir.resolve(OpenSslCommands.defaultMaterialFile(c.keySpec())));
            assertThat(plaintext).hasSize(c.china() ? 16 : 32);
            assertThat(response.keyMaterialId()).isEqualTo(KeyMaterialIds.of(key.keyId(), SecretBytes.copyOf(plaintext)));
            assertThat(after.currentKeyMaterialId()).isEqualTo(response.keyMaterialId());
        } else {
            assertThat(response.keyMaterialId()).isNull();
            assertThat(after.currentKeyMaterialId()).isNull();
        }
    }

    // ---------------------------------------------------------------- what people get wrong

    /**
     * AWS's command for RSAES_OAEP_SHA_256 sets both {@code rsa_oaep_md:sha256} and {@code rsa_mgf1_md:sha256}.
     * With MGF1-SHA-1 instead (what Java's OAEPWithSHA-256AndMGF1Padding does) KMS cannot unwrap the
     * material. The token and public key were fine: the documented command then imports.
     */
    @Test
    void oaepSha256WithMgf1Sha1IsAnInvalidCiphertext(@TempDir Path dir) throws Exception {
        requireOpenSsl3();
        KeyMetadata key = createExternal(client, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        saveParameters(client, key.keyId(), WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048, dir);
        List<String> commands = OpenSslCommands.forImport(KeySpec.SYMMETRIC_DEFAULT, false,
                WrappingAlgorithm.RSAES_OAEP_SHA_256, null);
        String documentedWrap = commands.get(commands.size() - 1);
        for (String command : commands.subList(0, commands.size() - 1)) {
            run(dir, command);
        }
        run(dir, "openssl pkeyutl -encrypt -in PlaintextKeyMaterial.bin -out EncryptedKeyMaterial.bin "
                + "-inkey WrappingPublicKey.bin -keyform DER -pubin -pkeyopt rsa_padding_mode:oaep "
                + "-pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha1");

        InvalidCiphertextException e = thrown(InvalidCiphertextException.class, () -> importFiles(client, key.keyId(), dir));

        assertAwsError(e, "InvalidCiphertextException", null);
        assertThat(describeState(key.keyId())).isEqualTo(KeyState.PENDING_IMPORT);
        run(dir, documentedWrap);
        importFiles(client, key.keyId(), dir);
        assertThat(describeState(key.keyId())).isEqualTo(KeyState.ENABLED);
    }

    /**
     * An RSA private key in PKCS#1 form ({@code openssl rsa -traditional}) is not the PKCS#8 PrivateKeyInfo
     * KMS takes: it unwraps, but is not RSA_2048 key material. The same key converted to PKCS#8 imports.
     */
    @Test
    void anRsaKeyInPkcs1FormWrappedWithRsaAesIsAnInvalidCiphertext(@TempDir Path dir) throws Exception {
        requireOpenSsl3();
        KeyMetadata key = createExternal(client, KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY);
        saveParameters(client, key.keyId(), WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_2048, dir);
        run(dir, "openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:2048 | openssl rsa -traditional -outform der "
                + "> RSA_2048_PKCS1.der");
        byte[] pkcs1 = Files.readAllBytes(dir.resolve("RSA_2048_PKCS1.der"));
        // RSAPrivateKey: SEQUENCE { INTEGER 0, INTEGER modulus, ... }; PKCS#8 would have a SEQUENCE (the
        // AlgorithmIdentifier) after the version.
        assertThat(pkcs1[0]).isEqualTo((byte) 0x30);
        assertThat(pkcs1[7]).as("the tag after the version").isEqualTo((byte) 0x02);

        for (String command : OpenSslCommands.forImport(KeySpec.RSA_2048, false,
                WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, "RSA_2048_PKCS1.der")) {
            run(dir, command);
        }
        InvalidCiphertextException e = thrown(InvalidCiphertextException.class, () -> importFiles(client, key.keyId(), dir));

        assertAwsError(e, "InvalidCiphertextException", null);
        assertThat(describeState(key.keyId())).isEqualTo(KeyState.PENDING_IMPORT);
        run(dir, "openssl pkcs8 -topk8 -inform der -outform der -nocrypt -in RSA_2048_PKCS1.der "
                + "-out RSA_2048_PrivateKey.der");
        for (String command : OpenSslCommands.forImport(KeySpec.RSA_2048, false,
                WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, "RSA_2048_PrivateKey.der")) {
            run(dir, command);
        }
        importFiles(client, key.keyId(), dir);
        assertThat(describeState(key.keyId())).isEqualTo(KeyState.ENABLED);
    }

    // ---------------------------------------------------------------- helpers

    private static KeyMetadata createExternal(KmsClient kmsClient, KeySpec keySpec, KeyUsage usage) {
        return kmsClient.createKey(r -> r.origin(OriginType.EXTERNAL).keySpec(keySpec.name()).keyUsage(usage.name()))
                .keyMetadata();
    }

    private static KeyState describeState(String keyId) {
        return client.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState();
    }

    /**
     * GetParametersForImport, and the answer saved as the AWS CLI's {@code --output text} would save it:
     * {@code PublicKey.b64} and {@code ImportToken.b64}, Base64 on one line.
     */
    private static GetParametersForImportResponse saveParameters(KmsClient kmsClient, String keyId,
            WrappingAlgorithm algorithm, WrappingKeySpec wrappingKeySpec, Path dir) throws IOException {
        GetParametersForImportResponse p = kmsClient.getParametersForImport(r -> r.keyId(keyId)
                .wrappingAlgorithm(algorithm.name()).wrappingKeySpec(wrappingKeySpec.name()));
        Files.writeString(dir.resolve(OpenSslCommands.PUBLIC_KEY_B64),
                Base64.getEncoder().encodeToString(p.publicKey().asByteArray()) + "\n", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(OpenSslCommands.IMPORT_TOKEN_B64),
                Base64.getEncoder().encodeToString(p.importToken().asByteArray()) + "\n", StandardCharsets.US_ASCII);
        return p;
    }

    /** ImportKeyMaterial with {@code fileb://EncryptedKeyMaterial.bin} and {@code fileb://ImportToken.bin}. */
    private static ImportKeyMaterialResponse importFiles(KmsClient kmsClient, String keyId, Path dir) throws IOException {
        SdkBytes encrypted = SdkBytes.fromByteArray(Files.readAllBytes(dir.resolve(OpenSslCommands.ENCRYPTED_KEY_MATERIAL)));
        SdkBytes token = SdkBytes.fromByteArray(Files.readAllBytes(dir.resolve(OpenSslCommands.IMPORT_TOKEN)));
        return kmsClient.importKeyMaterial(r -> r.keyId(keyId).encryptedKeyMaterial(encrypted).importToken(token)
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));
    }

    private static void requireSm2IfNeeded(Case c) {
        boolean sm2 = c.keySpec() == KeySpec.SM2 || c.algorithm() == WrappingAlgorithm.SM2PKE;
        if (sm2 && !opensslHasSm2) {
            Assumptions.abort("this openssl has no SM2 (" + opensslVersion + "), needed for " + c);
        }
    }

    /**
     * Runs one command line as written, with bash, in {@code dir}; fails with the command and its stderr
     * unless it exits 0 within {@link #TIMEOUT_SECONDS}. Returns its stdout.
     */
    private static String run(Path dir, String command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("openssl-import", ".out");
        Path err = Files.createTempFile("openssl-import", ".err");
        try {
            Process process = new ProcessBuilder("bash", "-c", command)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
                fail("timed out after " + TIMEOUT_SECONDS + " s: " + command + "\nstderr:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            if (process.exitValue() != 0) {
                fail("exit " + process.exitValue() + " from: " + command + "\nstderr:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Optional<Path> onPath(String program) {
        List<Path> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry, program));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
