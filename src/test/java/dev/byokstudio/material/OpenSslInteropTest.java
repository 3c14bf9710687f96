package dev.byokstudio.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BYOK Studio against the real {@code openssl}: AWS's documented commands (as {@link OpenSslCommands}
 * writes them) wrap and {@link KeyWrapping} unwraps; {@link KeyWrapping} wraps and OpenSSL unwraps.
 * Skipped, with the reason, where openssl (or a part of it) is missing.
 */
class OpenSslInteropTest {

    private static final long TIMEOUT_SECONDS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<WrappingKeySpec, KeyPair> KEYS = new EnumMap<>(WrappingKeySpec.class);
    private static String opensslVersion;
    private static String publicKeyAlgorithms;

    @BeforeAll
    static void findOpenSslAndGenerateWrappingKeys() throws Exception {
        if (onPath("bash").isPresent() && onPath("openssl").isPresent()) {
            Path scratch = Files.createTempDirectory("openssl-version");
            try {
                opensslVersion = run(scratch, "openssl version").strip();
                publicKeyAlgorithms = run(scratch, "openssl list -public-key-algorithms");
            } finally {
                deleteTree(scratch);
            }
        }
        for (WrappingKeySpec spec : WrappingKeySpec.values()) {
            KEYS.put(spec, WrappingKeys.generate(spec, RANDOM));
        }
    }

    static Stream<Arguments> awsCommandCases() {
        return Stream.of(
                Arguments.of(WrappingAlgorithm.RSAES_OAEP_SHA_1, WrappingKeySpec.RSA_2048, KeySpec.SYMMETRIC_DEFAULT, false),
                Arguments.of(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048, KeySpec.HMAC_384, false),
                Arguments.of(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048, KeySpec.SYMMETRIC_DEFAULT, true),
                Arguments.of(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_3072, KeySpec.ECC_NIST_P521, false),
                Arguments.of(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_4096, KeySpec.ECC_NIST_EDWARDS25519, false),
                Arguments.of(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1, WrappingKeySpec.RSA_2048, KeySpec.RSA_2048, false),
                Arguments.of(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096, KeySpec.RSA_3072, false),
                Arguments.of(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_3072, KeySpec.ECC_SECG_P256K1, false),
                Arguments.of(WrappingAlgorithm.SM2PKE, WrappingKeySpec.SM2, KeySpec.SM2, true),
                Arguments.of(WrappingAlgorithm.SM2PKE, WrappingKeySpec.SM2, KeySpec.RSA_2048, true));
    }

    @ParameterizedTest(name = "{0} with {1}, {2} material, China {3}")
    @MethodSource("awsCommandCases")
    void awsCommandsWrap_byokStudioUnwraps(WrappingAlgorithm algorithm, WrappingKeySpec spec, KeySpec keySpec,
            boolean china, @TempDir Path dir) throws Exception {
        requireOpenSslFor(algorithm, true);
        KeyPair pair = KEYS.get(spec);
        byte[] spki = WrappingKeys.subjectPublicKeyInfo(pair.getPublic());
        byte[] token = randomBytes(1024);
        Files.writeString(dir.resolve("PublicKey.b64"), Base64.getEncoder().encodeToString(spki), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("ImportToken.b64"), Base64.getEncoder().encodeToString(token), StandardCharsets.US_ASCII);

        for (String command : OpenSslCommands.forImport(keySpec, china, algorithm, null)) {
            run(dir, command);
        }

        assertThat(dir.resolve("WrappingPublicKey.bin")).hasBinaryContent(spki);
        assertThat(dir.resolve("ImportToken.bin")).hasBinaryContent(token);
        byte[] material = Files.readAllBytes(dir.resolve(OpenSslCommands.defaultMaterialFile(keySpec)));
        if (!keySpec.isAsymmetric()) {
            assertThat(material).hasSize(KeyMaterialGenerator.rawLength(keySpec, china));
        }
        byte[] encrypted = Files.readAllBytes(dir.resolve("EncryptedKeyMaterial.bin"));
        assertThat(KeyWrapping.unwrap(encrypted, pair.getPrivate(), algorithm).revealCopy()).isEqualTo(material);
    }

    @Test
    void awsCommandsWrapAFileWhoseNameNeedsQuoting_byokStudioUnwraps(@TempDir Path dir) throws Exception {
        WrappingAlgorithm algorithm = WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256;
        requireOpenSslFor(algorithm, true);
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_2048);
        String file = "-my key's material (P-256).der";
        byte[] material = new KeyMaterialGenerator(RANDOM).generate(KeySpec.ECC_NIST_P256, false).revealCopy();
        Files.write(dir.resolve(file), material);
        Files.writeString(dir.resolve("PublicKey.b64"),
                Base64.getEncoder().encodeToString(WrappingKeys.subjectPublicKeyInfo(pair.getPublic())));
        Files.writeString(dir.resolve("ImportToken.b64"), Base64.getEncoder().encodeToString(randomBytes(64)));

        List<String> commands = OpenSslCommands.forImport(KeySpec.ECC_NIST_P256, false, algorithm, file);
        for (String command : commands) {
            run(dir, command);
        }

        assertThat(commands).hasSize(6).noneMatch(c -> c.contains("genpkey"));
        byte[] encrypted = Files.readAllBytes(dir.resolve("EncryptedKeyMaterial.bin"));
        assertThat(encrypted).hasSize(256 + 8 + (material.length + 7) / 8 * 8);
        assertThat(KeyWrapping.unwrap(encrypted, pair.getPrivate(), algorithm).revealCopy()).isEqualTo(material);
    }

    static Stream<Arguments> byokStudioWrapCases() {
        return Stream.of(
                Arguments.of(WrappingAlgorithm.RSAES_OAEP_SHA_1, WrappingKeySpec.RSA_2048, KeySpec.HMAC_512),
                Arguments.of(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_3072, KeySpec.ECC_NIST_P384),
                Arguments.of(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1, WrappingKeySpec.RSA_2048, KeySpec.ECC_NIST_P521),
                Arguments.of(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096, KeySpec.RSA_2048),
                Arguments.of(WrappingAlgorithm.SM2PKE, WrappingKeySpec.SM2, KeySpec.SM2));
    }

    @ParameterizedTest(name = "{0} with {1}, {2} material")
    @MethodSource("byokStudioWrapCases")
    void byokStudioWraps_openSslUnwraps(WrappingAlgorithm algorithm, WrappingKeySpec spec, KeySpec keySpec,
            @TempDir Path dir) throws Exception {
        requireOpenSslFor(algorithm, false);
        KeyPair pair = KEYS.get(spec);
        byte[] material = new KeyMaterialGenerator(RANDOM).generate(keySpec, spec == WrappingKeySpec.SM2).revealCopy();
        byte[] wrapped = KeyWrapping.wrap(SecretBytes.copyOf(material), pair.getPublic(), algorithm, RANDOM);
        Files.writeString(dir.resolve("priv.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);

        switch (algorithm) {
            case RSAES_OAEP_SHA_1:
            case RSAES_OAEP_SHA_256:
                Files.write(dir.resolve("EncryptedKeyMaterial.bin"), wrapped);
                run(dir, "openssl pkeyutl -decrypt -in EncryptedKeyMaterial.bin -out Decrypted.bin -inkey priv.pem "
                        + oaepOptions(algorithm));
                break;
            case RSA_AES_KEY_WRAP_SHA_1:
            case RSA_AES_KEY_WRAP_SHA_256:
                int k = WrappingKeys.modulusLength((RSAKey) pair.getPublic());
                Files.write(dir.resolve("aes-key-wrapped.bin"), Arrays.copyOfRange(wrapped, 0, k));
                Files.write(dir.resolve("key-material-wrapped.bin"), Arrays.copyOfRange(wrapped, k, wrapped.length));
                run(dir, "openssl pkeyutl -decrypt -in aes-key-wrapped.bin -out aes-key.bin -inkey priv.pem "
                        + oaepOptions(algorithm));
                byte[] aesKey = Files.readAllBytes(dir.resolve("aes-key.bin"));
                assertThat(aesKey).hasSize(32);
                run(dir, "openssl enc -d -id-aes256-wrap-pad -K " + HexFormat.of().formatHex(aesKey)
                        + " -iv A65959A6 -in key-material-wrapped.bin -out Decrypted.bin");
                break;
            case SM2PKE:
                Files.write(dir.resolve("EncryptedKeyMaterial.bin"), wrapped);
                run(dir, "openssl pkeyutl -decrypt -in EncryptedKeyMaterial.bin -out Decrypted.bin -inkey priv.pem");
                break;
            default:
                fail("no OpenSSL unwrap for " + algorithm);
        }

        assertThat(dir.resolve("Decrypted.bin")).hasBinaryContent(material);
    }

    // --- the command lines themselves (no openssl needed) ---

    @Test
    void forImport_symmetricWithOaepSha256_isAwsDocumentedSequence() {
        assertThat(OpenSslCommands.forImport(KeySpec.SYMMETRIC_DEFAULT, false, WrappingAlgorithm.RSAES_OAEP_SHA_256, null))
                .containsExactly(
                        "openssl enc -d -base64 -A -in PublicKey.b64 -out WrappingPublicKey.bin",
                        "openssl enc -d -base64 -A -in ImportToken.b64 -out ImportToken.bin",
                        "openssl rand -out PlaintextKeyMaterial.bin 32",
                        "openssl pkeyutl -encrypt -in PlaintextKeyMaterial.bin -out EncryptedKeyMaterial.bin "
                                + "-inkey WrappingPublicKey.bin -keyform DER -pubin -pkeyopt rsa_padding_mode:oaep "
                                + "-pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256");
    }

    @Test
    void forImport_rsaWithRsaAesKeyWrapSha1_isAwsDocumentedSequence() {
        assertThat(OpenSslCommands.forImport(KeySpec.RSA_3072, false, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1, null))
                .containsExactly(
                        "openssl enc -d -base64 -A -in PublicKey.b64 -out WrappingPublicKey.bin",
                        "openssl enc -d -base64 -A -in ImportToken.b64 -out ImportToken.bin",
                        "openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:3072 | openssl pkcs8 -topk8 -outform der "
                                + "-nocrypt > RSA_3072_PrivateKey.der",
                        "openssl rand -out aes-key.bin 32",
                        "openssl enc -id-aes256-wrap-pad -K \"$(xxd -p < aes-key.bin | tr -d '\\n')\" -iv A65959A6 "
                                + "-in RSA_3072_PrivateKey.der -out key-material-wrapped.bin",
                        "openssl pkeyutl -encrypt -in aes-key.bin -out aes-key-wrapped.bin -inkey WrappingPublicKey.bin "
                                + "-keyform DER -pubin -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha1",
                        "cat aes-key-wrapped.bin key-material-wrapped.bin > EncryptedKeyMaterial.bin");
    }

    @Test
    void forImport_generatesMaterialAsAwsDoes() {
        assertThat(generation(KeySpec.SYMMETRIC_DEFAULT, true, WrappingAlgorithm.RSAES_OAEP_SHA_256))
                .isEqualTo("openssl rand -out PlaintextKeyMaterial.bin 16");
        assertThat(generation(KeySpec.HMAC_384, false, WrappingAlgorithm.RSAES_OAEP_SHA_1))
                .isEqualTo("openssl rand -out HMAC_384_PlaintextKey.bin 48");
        assertThat(generation(KeySpec.ECC_NIST_P521, false, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256))
                .isEqualTo("openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-521 | openssl pkcs8 -topk8 "
                        + "-outform der -nocrypt > ECC_NIST_P521_PrivateKey.der");
        assertThat(generation(KeySpec.ECC_SECG_P256K1, false, WrappingAlgorithm.RSAES_OAEP_SHA_256))
                .contains("ec_paramgen_curve:secp256k1");
        assertThat(generation(KeySpec.SM2, true, WrappingAlgorithm.SM2PKE))
                .isEqualTo("openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:sm2 | openssl pkcs8 -topk8 "
                        + "-outform der -nocrypt > SM2_PrivateKey.der");
        assertThat(generation(KeySpec.ECC_NIST_EDWARDS25519, false, WrappingAlgorithm.RSAES_OAEP_SHA_256))
                .isEqualTo("openssl genpkey -algorithm ED25519 | openssl pkcs8 -topk8 -outform der -nocrypt > "
                        + "ECC_NIST_EDWARDS25519_PrivateKey.der");
    }

    @Test
    void forImport_sm2pke_encryptsWithTheSm2PublicKey() {
        assertThat(OpenSslCommands.forImport(KeySpec.ECC_NIST_P256, true, WrappingAlgorithm.SM2PKE, "key.der"))
                .containsExactly(
                        "openssl enc -d -base64 -A -in PublicKey.b64 -out WrappingPublicKey.bin",
                        "openssl enc -d -base64 -A -in ImportToken.b64 -out ImportToken.bin",
                        "openssl pkeyutl -encrypt -in key.der -out EncryptedKeyMaterial.bin -inkey WrappingPublicKey.bin "
                                + "-keyform DER -pubin");
    }

    @Test
    void forImport_refusesCombinationsKmsRefusesWhateverTheWrappingKey() {
        assertRefused(KeySpec.SYMMETRIC_DEFAULT, false, WrappingAlgorithm.RSAES_PKCS1_V1_5, "2023-10-10");
        assertRefused(KeySpec.RSA_2048, true, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, "not supported in the China Regions");
        assertRefused(KeySpec.RSA_2048, false, WrappingAlgorithm.SM2PKE, "only in the China Regions");
        assertRefused(KeySpec.SM2, false, WrappingAlgorithm.RSAES_OAEP_SHA_256, "only in the China Regions");
        assertRefused(KeySpec.SYMMETRIC_DEFAULT, false, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, "asymmetric key material");
        assertRefused(KeySpec.HMAC_256, true, WrappingAlgorithm.SM2PKE, "asymmetric key material");
        assertRefused(KeySpec.RSA_4096, false, WrappingAlgorithm.RSAES_OAEP_SHA_256, "use RSA_AES_KEY_WRAP_SHA_256");
        assertRefused(KeySpec.RSA_4096, true, WrappingAlgorithm.RSAES_OAEP_SHA_1, "use SM2PKE");
        assertRefused(KeySpec.ML_DSA_44, false, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, "cannot be imported");
    }

    @Test
    void notes_sayWhichOpenSslEachAlgorithmNeeds() {
        assertThat(String.join(" ", OpenSslCommands.notes(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256)))
                .contains("OpenSSL 3.x").contains("LibreSSL").contains("-id-aes256-wrap-pad").contains("aes-key.bin");
        assertThat(String.join(" ", OpenSslCommands.notes(WrappingAlgorithm.SM2PKE))).contains("OpenSSL 3.x").contains("SM2");
        assertThat(String.join(" ", OpenSslCommands.notes(WrappingAlgorithm.RSAES_OAEP_SHA_256)))
                .contains("190, 318 or 446 bytes").contains("rsa_mgf1_md:sha256");
        assertThat(String.join(" ", OpenSslCommands.notes(WrappingAlgorithm.RSAES_OAEP_SHA_1))).contains("214, 342 or 470 bytes");
        assertThat(OpenSslCommands.notes(WrappingAlgorithm.RSAES_PKCS1_V1_5)).singleElement().asString().contains("2023-10-10");
    }

    private static String generation(KeySpec keySpec, boolean china, WrappingAlgorithm algorithm) {
        return OpenSslCommands.forImport(keySpec, china, algorithm, null).get(2);
    }

    private static void assertRefused(KeySpec keySpec, boolean china, WrappingAlgorithm algorithm, String why) {
        assertThatThrownBy(() -> OpenSslCommands.forImport(keySpec, china, algorithm, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No OpenSSL commands for " + keySpec + " with " + algorithm)
                .hasMessageContaining(why);
    }

    // --- helpers ---

    private static String oaepOptions(WrappingAlgorithm algorithm) {
        String md = algorithm == WrappingAlgorithm.RSAES_OAEP_SHA_256
                || algorithm == WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256 ? "sha256" : "sha1";
        return "-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:" + md + " -pkeyopt rsa_mgf1_md:" + md;
    }

    /**
     * Skips (with the reason) what cannot run here: everything without bash or openssl, RSA_AES without
     * OpenSSL 3 (or, for AWS's commands, without xxd), SM2PKE without SM2.
     */
    private static void requireOpenSslFor(WrappingAlgorithm algorithm, boolean awsCommands) {
        String path = System.getenv().getOrDefault("PATH", "");
        if (onPath("bash").isEmpty()) {
            Assumptions.abort("bash is not installed: no executable bash on PATH (" + path + ")");
        }
        if (onPath("openssl").isEmpty()) {
            Assumptions.abort("openssl is not installed: no executable openssl on PATH (" + path + ")");
        }
        boolean rsaAes = algorithm == WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1
                || algorithm == WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256;
        if (rsaAes && !opensslVersion.startsWith("OpenSSL 3.")) {
            Assumptions.abort("RSA_AES_KEY_WRAP needs OpenSSL 3.x for -id-aes256-wrap-pad; found " + opensslVersion);
        }
        if (rsaAes && awsCommands && onPath("xxd").isEmpty()) {
            Assumptions.abort("xxd is not installed: AWS's RSA_AES_KEY_WRAP commands use it to pass the AES key");
        }
        if (algorithm == WrappingAlgorithm.SM2PKE && !publicKeyAlgorithms.contains("SM2")) {
            Assumptions.abort("this openssl has no SM2 (" + opensslVersion + ")");
        }
    }

    /** Runs one command line as written, with bash, in {@code dir}; fails with its output unless it exits 0. */
    private static String run(Path dir, String command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("openssl-interop", ".out");
        try {
            Process process = new ProcessBuilder("bash", "-c", command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail("exit " + process.exitValue() + " from: " + command + "\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
