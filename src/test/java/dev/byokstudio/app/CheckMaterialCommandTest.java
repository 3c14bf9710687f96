package dev.byokstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.Conversion;
import dev.byokstudio.material.DetectedMaterial;
import dev.byokstudio.material.RuleResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code byok-studio check-material} through {@link Main#run}, as a script sees it: the exit status (0 will
 * import, 1 will not, 2 usage error), the text report with each failed rule's id and fix, the JSON document
 * and its documented shape (docs/check-material.md), and never a stack trace.
 */
class CheckMaterialCommandTest {

    private static final Path FIXTURES = Path.of("src", "test", "fixtures", "material").toAbsolutePath();
    private static final Path DOC = Path.of("docs", "check-material.md");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** A line of a Java stack trace, or the JVM's report of an uncaught exception. */
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w.$/]+\\(|^Caused by: |Exception in thread");

    @TempDir
    Path tmp;

    /** What one run printed and returned. */
    private record Run(int status, String out, String err) {
    }

    /** Runs {@code byok-studio check-material ARGS}; fails on any exception or stack trace. */
    private static Run checkMaterial(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of(CheckMaterialCommand.NAME), Arrays.stream(args)).toArray(String[]::new);
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(all, o, e);
        } catch (RuntimeException | Error thrown) {
            throw new AssertionError("check-material " + String.join(" ", args) + " threw " + thrown, thrown);
        }
        Run run = new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(run.err()).as("stderr of check-material %s", String.join(" ", args)).doesNotContainPattern(STACK_TRACE);
        assertThat(run.out()).as("stdout of check-material %s", String.join(" ", args)).doesNotContainPattern(STACK_TRACE);
        return run;
    }

    private static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }

    // ================================================================ exit statuses and the text report

    @ParameterizedTest(name = "{0} as {1} in {2}")
    @CsvSource({
        "p256.pkcs8.der,           ECC_NIST_P256,         us-east-1",
        "aes256.bin,               SYMMETRIC_DEFAULT,     us-east-1",
        "aes128.bin,               SYMMETRIC_DEFAULT,     cn-north-1",
        "rsa2048.pkcs8.der,        RSA_2048,              eu-west-3",
        "rsa2048.pkcs8.ber-indefinite.der, RSA_2048,      us-east-1",
        "hmac-256bit.bin,          HMAC_256,              us-east-1",
        "ed25519.pkcs8.der,        ECC_NIST_EDWARDS25519, us-east-1",
        "sm2.pkcs8.der,            SM2,                   cn-north-1",
        "sm2.pkcs8.der,            SM2,                   cn-northwest-1"})
    void acceptedMaterial_exits0AndSaysItWillImport(String file, String keySpec, String region) {
        Run run = checkMaterial(fixture(file), "--key-spec", keySpec, "--region", region);

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Key spec:  " + keySpec + " in " + region)
                .contains("Verdict:   will import.")
                .doesNotContain("FAILED");
    }

    @Test
    void pkcs1Material_exits1WithTheFailingRuleAndItsFix() {
        Run run = checkMaterial(fixture("rsa2048.pkcs1.der"), "--key-spec", "RSA_2048");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("Detected:  a PKCS#1 RSAPrivateKey of 2048 bits, not wrapped in PKCS#8")
                .contains("  FAILED  Unencrypted PKCS#8 PrivateKeyInfo  [pkcs8.format]")
                .contains("          fix:      Wrap it in PKCS#8: openssl pkcs8 -topk8 -inform DER -outform DER -nocrypt"
                        + " -in key.der -out key.pkcs8.der")
                .contains("  - PKCS#1 to PKCS#8: Wrap the PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (rsaEncryption).")
                .contains("Verdict:   will NOT import: 1 rule failed (pkcs8.format).");
        // The rules behind the failed one are named, not evaluated.
        assertThat(run.out()).contains("  n/a     Modulus size  [rsa.modulus-size]: Not checked");
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @CsvSource({
        "rsa2048.pkcs8.pem,          RSA_2048,          pkcs8.format",
        "rsa2048.pkcs8.encrypted.der, RSA_2048,         pkcs8.format",
        "rsa3072.pkcs8.der,          RSA_2048,          rsa.modulus-size",
        "p256.sec1.der,              ECC_NIST_P256,     pkcs8.format",
        "p384.pkcs8.der,             ECC_NIST_P256,     ec.curve",
        "p256-wrong-pub.pkcs8.der,   ECC_NIST_P256,     ec.public-point-match",
        "aes128.bin,                 SYMMETRIC_DEFAULT, symmetric.length",
        "hmac-2048bit.bin,           HMAC_256,          hmac.max-length",
        "empty.bin,                  SYMMETRIC_DEFAULT, material.size",
        "oversized-16k.bin,          RSA_2048,          material.size",
        "garbage.der,                ECC_NIST_P256,     pkcs8.format",
        "p256.pkcs8.der,             ML_DSA_65,         keyspec.importable"})
    void refusedMaterial_exits1NamingTheRuleWithItsFix(String file, String keySpec, String rule) {
        Run run = checkMaterial(fixture(file), "--key-spec", keySpec);

        assertThat(run.status()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        String failed = run.out().lines().filter(l -> l.startsWith("  FAILED") && l.endsWith("[" + rule + "]")).findFirst()
                .orElseThrow(() -> new AssertionError("no FAILED line for " + rule + " in:\n" + run.out()));
        List<String> lines = run.out().lines().toList();
        int at = lines.indexOf(failed);
        assertThat(lines.subList(at + 1, at + 5)).satisfiesExactly(
                expected -> assertThat(expected).startsWith("          expected: "),
                found -> assertThat(found).startsWith("          found:    "),
                why -> assertThat(why).startsWith("          why:      "),
                fix -> assertThat(fix).startsWith("          fix:      ").hasSizeGreaterThan(30));
        assertThat(run.out()).containsPattern("Verdict:   will NOT import: \\d+ rules? failed \\(.*" + Pattern.quote(rule));
    }

    @Test
    void aWrappingThatCannotCarryTheMaterial_exits1WithRuleWrappingCompatible() {
        Run run = checkMaterial(fixture("rsa2048.pkcs8.der"), "--key-spec", "RSA_2048", "--wrapping-algorithm",
                "RSAES_OAEP_SHA_256", "--wrapping-key-spec", "RSA_4096");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("  FAILED  Wrapping can carry the material  [wrapping.compatible]")
                .contains("found:    RSAES_OAEP_SHA_256 with RSA_4096: Wrapping algorithm RSAES_OAEP_SHA_256 and wrapping"
                        + " key spec RSA_4096 cannot be used to import a RSA_2048 key.")
                .contains("fix:      Call GetParametersForImport again with RSA_AES_KEY_WRAP_SHA_256 and RSA_4096"
                        + " (recommended)")
                .contains("Verdict:   will NOT import: 1 rule failed (wrapping.compatible).");
        // The material itself is fine: every material rule passed.
        assertThat(run.out().lines().filter(l -> l.startsWith("  FAILED"))).hasSize(1);

        Run carried = checkMaterial(fixture("rsa2048.pkcs8.der"), "--key-spec", "RSA_2048", "--wrapping-algorithm",
                "RSA_AES_KEY_WRAP_SHA_256", "--wrapping-key-spec", "RSA_4096");
        assertThat(carried.status()).isZero();
        assertThat(carried.out()).contains("  PASSED  Wrapping can carry the material  [wrapping.compatible]");
    }

    @Test
    void sm2Material_importsInAChinaRegionOnly() {
        Run china = checkMaterial(fixture("sm2.pkcs8.der"), "--key-spec", "SM2", "--region", "cn-north-1",
                "--wrapping-algorithm", "SM2PKE", "--wrapping-key-spec", "SM2");
        assertThat(china.status()).as(china.out()).isZero();
        assertThat(china.out()).contains("Key spec:  SM2 in cn-north-1").contains("Verdict:   will import.");

        Run elsewhere = checkMaterial(fixture("sm2.pkcs8.der"), "--key-spec", "SM2", "--region", "us-east-1");
        assertThat(elsewhere.status()).isEqualTo(1);
        assertThat(elsewhere.out())
                .contains("  FAILED  Key spec accepts imported material  [keyspec.importable]")
                .contains("fix:      Create and import SM2 keys in a China Region");

        Run defaultRegion = checkMaterial(fixture("sm2.pkcs8.der"), "--key-spec", "SM2");
        assertThat(defaultRegion.status()).isEqualTo(1);
        assertThat(defaultRegion.out()).contains("Key spec:  SM2 in us-east-1");
    }

    @Test
    void help_exits0WithTheUsageOnStdout() {
        for (String help : List.of("--help", "-h")) {
            Run run = checkMaterial(help);
            assertThat(run.status()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).startsWith("Usage: byok-studio check-material FILE --key-spec SPEC")
                    .contains("--wrapping-algorithm ALG").contains("--json").contains("docs/check-material.md");
        }
        // --help after a FILE still prints the usage
        assertThat(checkMaterial(fixture("aes256.bin"), "--help").status()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no arguments                   ||FILE is missing",
        "no FILE                        |--key-spec RSA_2048|FILE is missing",
        "no --key-spec                  |@aes256.bin|--key-spec is missing",
        "--key-spec without its value   |@aes256.bin --key-spec|--key-spec needs a value.",
        "unknown key spec               |@aes256.bin --key-spec AES_256|--key-spec expects one of RSA_2048,",
        "lower-case key spec            |@aes256.bin --key-spec symmetric_default|found 'symmetric_default'",
        "unknown option                 |@aes256.bin --key-spec SYMMETRIC_DEFAULT --verbose|Unknown option '--verbose'.",
        "two files                      |@aes256.bin @aes128.bin --key-spec SYMMETRIC_DEFAULT|One FILE only",
        "algorithm without key spec     |@aes256.bin --key-spec SYMMETRIC_DEFAULT --wrapping-algorithm RSAES_OAEP_SHA_256|"
                + "--wrapping-algorithm and --wrapping-key-spec go together",
        "key spec without algorithm     |@aes256.bin --key-spec SYMMETRIC_DEFAULT --wrapping-key-spec RSA_4096|"
                + "--wrapping-algorithm and --wrapping-key-spec go together",
        "unknown wrapping algorithm     |@aes256.bin --key-spec SYMMETRIC_DEFAULT --wrapping-algorithm OAEP --wrapping-key-spec RSA_4096|"
                + "--wrapping-algorithm expects one of",
        "unknown wrapping key spec      |@aes256.bin --key-spec SYMMETRIC_DEFAULT --wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_1024|"
                + "--wrapping-key-spec expects one of",
        "missing file                   |@no-such-file.der --key-spec SYMMETRIC_DEFAULT|no file ",
        "a directory                    |@ --key-spec SYMMETRIC_DEFAULT|cannot read ",
        "bad region                     |@aes256.bin --key-spec SYMMETRIC_DEFAULT --region mars-east|"
                + "A region looks like us-east-1 or cn-north-1; found 'mars-east'.",
        "region without its value       |@aes256.bin --key-spec SYMMETRIC_DEFAULT --region|--region needs a value.",
        "option as a value              |@aes256.bin --key-spec --json|--key-spec needs a value."})
    void usageErrors_exit2WithTheProblemOnStderrAndNothingOnStdout(String what, String args, String message) {
        String[] argv = args == null ? new String[0] : Arrays.stream(args.trim().split(" +"))
                .map(a -> a.startsWith("@") ? fixture(a.substring(1)) : a).toArray(String[]::new);

        Run run = checkMaterial(argv);

        assertThat(run.status()).as(what).isEqualTo(2);
        assertThat(run.out()).as(what).isEmpty();
        assertThat(run.err()).as(what).startsWith("byok-studio check-material: ").contains(message);
    }

    @Test
    void aHugeFile_isReportedOversizedWithoutBeingRead() throws IOException {
        Path huge = tmp.resolve("huge.bin");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(100L * 1024 * 1024);
        }
        Run run = checkMaterial(huge.toString(), "--key-spec", "SYMMETRIC_DEFAULT");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("Detected:  more than 8192 bytes; no key material is that large, so the file was"
                + " not read further").contains("  FAILED  Size limit  [material.size]");
    }

    @Test
    void aHugeFile_isNotReportedAsTheSizeThatWasRead() throws IOException {
        Path huge = tmp.resolve("huge.bin");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(100L * 1024 * 1024);
        }
        Run text = checkMaterial(huge.toString(), "--key-spec", "SYMMETRIC_DEFAULT");
        assertThat(text.out()).doesNotContain("8193 bytes");

        JsonNode json = json(checkMaterial(huge.toString(), "--key-spec", "SYMMETRIC_DEFAULT", "--json"));
        assertThat(json.path("detected").path("size").asLong()).isNotEqualTo(8193L);
    }

    @Test
    void aFileArgumentThatIsNotAPath_isAUsageError() {
        Run run = checkMaterial("key\u0000.der", "--key-spec", "RSA_2048");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("byok-studio check-material: ");
    }

    @Test
    void arbitraryFiles_neverEndInAStackTrace() throws IOException {
        java.util.Random random = new java.util.Random(20250601L);
        for (int i = 0; i < 40; i++) {
            byte[] bytes = new byte[random.nextInt(i < 20 ? 300 : 9000)];
            random.nextBytes(bytes);
            if (i % 3 == 0 && bytes.length > 0) {
                bytes[0] = 0x30;
            }
            Path file = tmp.resolve("random-" + i + ".bin");
            Files.write(file, bytes);
            KeySpec spec = KeySpec.values()[random.nextInt(KeySpec.values().length)];
            Run run = checkMaterial(file.toString(), "--key-spec", spec.name(), "--json");
            assertThat(run.status()).as("seed 20250601, file %d", i).isIn(0, 1);
            json(run);
        }
    }

    // ================================================================ --json

    @Test
    void json_acceptedMaterial_hasTheDocumentedShape() {
        Run run = checkMaterial(fixture("p256.pkcs8.der"), "--key-spec", "ECC_NIST_P256", "--wrapping-algorithm",
                "RSAES_OAEP_SHA_256", "--wrapping-key-spec", "RSA_4096", "--json");

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode json = json(run);
        assertShape(json);
        assertThat(json.get("file").asText()).isEqualTo(fixture("p256.pkcs8.der"));
        assertThat(json.get("keySpec").asText()).isEqualTo("ECC_NIST_P256");
        assertThat(json.get("region").asText()).isEqualTo("us-east-1");
        assertThat(json.get("willImport").asBoolean()).isTrue();
        assertThat(json.get("materialAccepted").asBoolean()).isTrue();
        JsonNode detected = json.get("detected");
        assertThat(detected.get("container").asText()).isEqualTo("BINARY");
        assertThat(detected.get("structure").asText()).isEqualTo("PKCS8_PRIVATE_KEY");
        assertThat(detected.get("description").asText()).isEqualTo("a PKCS#8 EC private key on P-256 (DER)");
        assertThat(detected.get("pemLabel").isNull()).isTrue();
        assertThat(detected.get("size").asInt()).isEqualTo(138);
        assertThat(json.get("rules")).allSatisfy(rule -> assertThat(rule.get("status").asText()).isEqualTo("PASSED"));
        assertThat(rules(json)).startsWith("keyspec.importable", "material.size", "pkcs8.format", "pkcs8.algorithm")
                .contains("ec.named-curve", "ec.public-point-match");
        assertThat(json.get("wrapping").get("rule").asText()).isEqualTo("wrapping.compatible");
        assertThat(json.get("wrapping").get("status").asText()).isEqualTo("PASSED");
        assertThat(json.get("wrappingChoices").get(0).get("wrappingAlgorithm").asText())
                .isEqualTo("RSA_AES_KEY_WRAP_SHA_256");
        assertThat(json.get("wrappingChoices").get(0).get("wrappingKeySpec").asText()).isEqualTo("RSA_4096");
        assertThat(json.get("conversions")).isEmpty();
    }

    @Test
    void json_refusedMaterial_carriesEachRuleWithItsFixAndTheConversions() {
        Run run = checkMaterial(fixture("rsa2048.pkcs1.der"), "--key-spec", "RSA_2048", "--json");

        assertThat(run.status()).isEqualTo(1);
        JsonNode json = json(run);
        assertShape(json);
        assertThat(json.get("willImport").asBoolean()).isFalse();
        assertThat(json.get("materialAccepted").asBoolean()).isFalse();
        JsonNode format = rule(json, "pkcs8.format");
        assertThat(format.get("status").asText()).isEqualTo("FAILED");
        assertThat(format.get("title").asText()).isEqualTo("Unencrypted PKCS#8 PrivateKeyInfo");
        assertThat(format.get("found").asText()).isEqualTo("a PKCS#1 RSAPrivateKey of 2048 bits, not wrapped in PKCS#8");
        assertThat(format.get("remedy").asText()).startsWith("Wrap it in PKCS#8: openssl pkcs8 -topk8");
        assertThat(format.get("why").asText()).isNotBlank();
        assertThat(rule(json, "rsa.modulus-size").get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(rule(json, "rsa.modulus-size").get("remedy").asText()).isEmpty();
        assertThat(json.get("wrapping").get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(json.get("conversions")).hasSize(1);
        JsonNode conversion = json.get("conversions").get(0);
        assertThat(conversion.get("conversion").asText()).isEqualTo("PKCS1_TO_PKCS8");
        assertThat(conversion.get("title").asText()).isEqualTo("PKCS#1 to PKCS#8");
        assertThat(conversion.get("needsPassword").asBoolean()).isFalse();
    }

    @Test
    void json_pemAndEncryptedAndEmptyFiles() {
        JsonNode pem = json(checkMaterial(fixture("rsa2048.pkcs8.pem"), "--key-spec", "RSA_2048", "--json"));
        assertShape(pem);
        assertThat(pem.get("detected").get("container").asText()).isEqualTo("PEM");
        assertThat(pem.get("detected").get("pemLabel").asText()).isEqualTo("PRIVATE KEY");
        assertThat(pem.get("conversions").get(0).get("conversion").asText()).isEqualTo("PEM_TO_DER");

        JsonNode encrypted = json(checkMaterial(fixture("rsa2048.pkcs8.encrypted.der"), "--key-spec", "RSA_2048",
                "--json"));
        assertShape(encrypted);
        assertThat(encrypted.get("detected").get("structure").asText()).isEqualTo("ENCRYPTED_PKCS8");
        assertThat(encrypted.get("conversions").get(0).get("conversion").asText()).isEqualTo("DECRYPT_PKCS8");
        assertThat(encrypted.get("conversions").get(0).get("needsPassword").asBoolean()).isTrue();

        JsonNode empty = json(checkMaterial(fixture("empty.bin"), "--key-spec", "HMAC_256", "--json"));
        assertShape(empty);
        assertThat(empty.get("detected").get("container").asText()).isEqualTo("EMPTY");
        assertThat(empty.get("detected").get("size").asInt()).isZero();
        assertThat(rule(empty, "material.size").get("status").asText()).isEqualTo("FAILED");

        JsonNode china = json(checkMaterial(fixture("aes128.bin"), "--key-spec", "SYMMETRIC_DEFAULT", "--region",
                "cn-northwest-1", "--wrapping-algorithm", "SM2PKE", "--wrapping-key-spec", "SM2", "--json"));
        assertShape(china);
        assertThat(china.get("region").asText()).isEqualTo("cn-northwest-1");
        assertThat(china.get("wrapping").get("status").asText()).isEqualTo("FAILED");
        assertThat(china.get("willImport").asBoolean()).isFalse();
        assertThat(china.get("materialAccepted").asBoolean()).isTrue();
    }

    @Test
    void json_exitStatusAgreesWithTheTextReport() {
        for (String[] args : List.of(new String[] {fixture("p256.pkcs8.der"), "--key-spec", "ECC_NIST_P256"},
                new String[] {fixture("p256.pkcs8.der"), "--key-spec", "ECC_NIST_P384"},
                new String[] {fixture("hmac-224bit.bin"), "--key-spec", "HMAC_224"},
                new String[] {fixture("sm2.pkcs8.der"), "--key-spec", "SM2", "--region", "cn-north-1"})) {
            Run text = checkMaterial(args);
            Run json = checkMaterial(Stream.concat(Arrays.stream(args), Stream.of("--json")).toArray(String[]::new));
            assertThat(json.status()).isEqualTo(text.status());
            assertThat(json(json).get("willImport").asBoolean()).isEqualTo(text.status() == 0);
        }
    }

    @Test
    void json_everyMemberIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        Set<String> members = new TreeSet<>();
        for (String[] args : List.of(new String[] {fixture("rsa2048.pkcs1.der"), "--key-spec", "RSA_2048"},
                new String[] {fixture("rsa2048.pkcs8.pem"), "--key-spec", "RSA_2048", "--wrapping-algorithm",
                    "RSAES_OAEP_SHA_1", "--wrapping-key-spec", "RSA_2048"})) {
            collectMembers(json(checkMaterial(Stream.concat(Arrays.stream(args), Stream.of("--json"))
                    .toArray(String[]::new))), members);
        }
        assertThat(members).hasSizeGreaterThanOrEqualTo(25);
        for (String member : members) {
            assertThat(doc).as("docs/check-material.md documents the JSON member %s", member).contains("`" + member + "`");
        }
        // And the values of the enumerated members.
        for (Enum<?>[] values : List.of(DetectedMaterial.Container.values(), DetectedMaterial.Structure.values(),
                RuleResult.Status.values(), Conversion.values(), WrappingAlgorithm.values(), WrappingKeySpec.values())) {
            for (Enum<?> value : values) {
                assertThat(doc).as("docs/check-material.md names %s", value).contains(value.name());
            }
        }
    }

    /** Parses stdout as exactly one JSON document: one value, then only the line end. */
    private static JsonNode json(Run run) {
        assertThat(run.out()).as("stdout").endsWith("}" + System.lineSeparator());
        try (JsonParser parser = JSON.getFactory().createParser(run.out())) {
            JsonNode node = JSON.readTree(parser);
            assertThat(parser.nextToken()).as("anything after the JSON document").isNull();
            assertThat(node).as("the JSON document").isNotNull();
            assertThat(node.isObject()).isTrue();
            return JSON.readTree(run.out()); // and once more with trailing tokens refused
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON document:\n" + run.out(), e);
        }
    }

    /** The documented shape: every member, with its type. Members may be added; none may go. */
    private static void assertShape(JsonNode json) {
        assertThat(json.get("file").isTextual()).as("file").isTrue();
        assertThat(json.get("keySpec").isTextual()).as("keySpec").isTrue();
        assertThat(KeySpec.valueOf(json.get("keySpec").asText())).isNotNull();
        assertThat(json.get("region").isTextual()).as("region").isTrue();
        JsonNode detected = json.get("detected");
        assertThat(detected.isObject()).as("detected").isTrue();
        assertThat(DetectedMaterial.Container.valueOf(detected.get("container").asText())).isNotNull();
        assertThat(DetectedMaterial.Structure.valueOf(detected.get("structure").asText())).isNotNull();
        assertThat(detected.get("description").isTextual()).as("detected.description").isTrue();
        assertThat(detected.get("pemLabel").isTextual() || detected.get("pemLabel").isNull()).as("detected.pemLabel")
                .isTrue();
        assertThat(detected.get("size").isIntegralNumber()).as("detected.size").isTrue();
        assertThat(detected.get("notes").isArray()).as("detected.notes").isTrue();
        detected.get("notes").forEach(n -> assertThat(n.isTextual()).as("a note").isTrue());
        assertThat(json.get("willImport").isBoolean()).as("willImport").isTrue();
        assertThat(json.get("materialAccepted").isBoolean()).as("materialAccepted").isTrue();
        assertThat(json.get("rules").isArray()).as("rules").isTrue();
        assertThat(json.get("rules")).isNotEmpty();
        json.get("rules").forEach(CheckMaterialCommandTest::assertRuleShape);
        assertRuleShape(json.get("wrapping"));
        assertThat(json.get("wrappingChoices").isArray()).as("wrappingChoices").isTrue();
        json.get("wrappingChoices").forEach(choice -> {
            assertThat(WrappingAlgorithm.valueOf(choice.get("wrappingAlgorithm").asText())).isNotNull();
            assertThat(WrappingKeySpec.valueOf(choice.get("wrappingKeySpec").asText())).isNotNull();
        });
        assertThat(json.get("conversions").isArray()).as("conversions").isTrue();
        json.get("conversions").forEach(c -> {
            assertThat(Conversion.valueOf(c.get("conversion").asText())).isNotNull();
            assertThat(c.get("title").isTextual()).isTrue();
            assertThat(c.get("description").isTextual()).isTrue();
            assertThat(c.get("needsPassword").isBoolean()).isTrue();
        });
        boolean anyFailed = false;
        for (JsonNode rule : json.get("rules")) {
            anyFailed |= rule.get("status").asText().equals("FAILED");
        }
        assertThat(json.get("materialAccepted").asBoolean()).isEqualTo(!anyFailed);
        assertThat(json.get("willImport").asBoolean()).isEqualTo(!anyFailed
                && !json.get("wrapping").get("status").asText().equals("FAILED"));
    }

    private static void assertRuleShape(JsonNode rule) {
        assertThat(rule.isObject()).as("a rule").isTrue();
        for (String member : List.of("rule", "title", "status", "expected", "found", "why", "remedy")) {
            assertThat(rule.get(member)).as("rule member %s in %s", member, rule).isNotNull();
            assertThat(rule.get(member).isTextual()).as("rule member %s in %s", member, rule).isTrue();
        }
        assertThat(RuleResult.Status.valueOf(rule.get("status").asText())).isNotNull();
    }

    private static List<String> rules(JsonNode json) {
        List<String> ids = new ArrayList<>();
        json.get("rules").forEach(r -> ids.add(r.get("rule").asText()));
        return ids;
    }

    private static JsonNode rule(JsonNode json, String id) {
        for (JsonNode rule : json.get("rules")) {
            if (rule.get("rule").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id + " in " + json.get("rules"));
    }

    /** Every member name, at any depth. */
    private static void collectMembers(JsonNode node, Set<String> members) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                members.add(name);
                collectMembers(node.get(name), members);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectMembers(element, members));
        }
    }
}
