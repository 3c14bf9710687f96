package dev.byokstudio.material;

import static dev.byokstudio.kms.KeySpec.ECC_NIST_P256;
import static dev.byokstudio.kms.KeySpec.ECC_NIST_P384;
import static dev.byokstudio.kms.KeySpec.HMAC_224;
import static dev.byokstudio.kms.KeySpec.HMAC_256;
import static dev.byokstudio.kms.KeySpec.HMAC_384;
import static dev.byokstudio.kms.KeySpec.HMAC_512;
import static dev.byokstudio.kms.KeySpec.RSA_2048;
import static dev.byokstudio.kms.KeySpec.SYMMETRIC_DEFAULT;
import static dev.byokstudio.material.Conversion.DECRYPT_PKCS8;
import static dev.byokstudio.material.Conversion.EXPLICIT_CURVE_TO_NAMED;
import static dev.byokstudio.material.Conversion.HMAC_DIGEST;
import static dev.byokstudio.material.Conversion.PEM_TO_DER;
import static dev.byokstudio.material.Conversion.PKCS1_TO_PKCS8;
import static dev.byokstudio.material.Conversion.SEC1_TO_PKCS8;
import static dev.byokstudio.material.Conversion.TEXT_TO_BYTES;
import static dev.byokstudio.material.MaterialWorkbenchTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.material.DetectedMaterial.Structure;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conversion of the workbench round-trips, checked with the real {@code openssl}: for each conversion
 * and fixtures it applies to, the converted bytes pass the report for the key spec, OpenSSL reads them as
 * the same key as the original (the public key it derives from both is the same, and it finds the converted
 * key valid), or, for raw material, they are the bytes OpenSSL or xxd decode or digest from the original.
 * The OpenSSL command each conversion shows is run too, and must write exactly our bytes. Skipped, with the
 * reason, without bash or OpenSSL 3.
 */
class WorkbenchConversionOpenSslTest {

    private static final long TIMEOUT_SECONDS = 10;
    private static final String PASSWORD = "throwaway"; // regenerate.sh's password for the encrypted fixtures
    private static final Pattern OUTPUT = Pattern.compile("(?:-out |> )(\\S+)");
    private static final Pattern INPUT = Pattern.compile("\\bkey\\.(?:pem|der|hex|b64|bin)\\b");
    private static String opensslVersion;

    @BeforeAll
    static void findOpenSsl() throws Exception {
        if (onPath("bash").isPresent() && onPath("openssl").isPresent()) {
            Path scratch = Files.createTempDirectory("openssl-version");
            try {
                opensslVersion = run(scratch, "openssl version").strip();
            } finally {
                Files.deleteIfExists(scratch);
            }
        }
    }

    /**
     * A conversion of a fixture: the key spec it is converted for, the committed fixture the result must equal
     * byte for byte (null if none), and the shell command by which OpenSSL derives, from the original file
     * {@code in}, the public key (for keys) or the bytes (for raw material) the result must have.
     */
    record Case(Conversion conversion, String file, KeySpec spec, boolean china, String sameAs, String reference) {

        @Override
        public String toString() {
            return conversion + " of " + file + " for " + spec + (china ? " (China)" : "");
        }
    }

    private static final String PUBLIC_KEY_OF_PEM = "openssl pkey -in in -pubout -outform DER";
    private static final String PUBLIC_KEY_OF_DER = "openssl pkey -inform DER -in in -pubout -outform DER";

    /** Key conversions; the result is a PKCS#8 DER private key. */
    static Stream<Case> keyCases() {
        return Stream.of(
                new Case(PEM_TO_DER, "rsa2048.pkcs8.pem", RSA_2048, false, "rsa2048.pkcs8.der", PUBLIC_KEY_OF_PEM),
                new Case(PEM_TO_DER, "rsa2048.pkcs8-crlf.pem", RSA_2048, false, "rsa2048.pkcs8.der", PUBLIC_KEY_OF_PEM),
                new Case(PEM_TO_DER, "rsa2048.pkcs8-bom.pem", RSA_2048, false, "rsa2048.pkcs8.der", PUBLIC_KEY_OF_PEM),
                // OpenSSL does not read indented PEM: the reference strips the indentation first.
                new Case(PEM_TO_DER, "rsa2048.pkcs8-indented.pem", RSA_2048, false, "rsa2048.pkcs8.der",
                        "sed 's/^[ \\t]*//' in | openssl pkey -pubout -outform DER"),
                new Case(PEM_TO_DER, "rsa2048-with-cert.pkcs8.pem", RSA_2048, false, "rsa2048.pkcs8.der",
                        PUBLIC_KEY_OF_PEM),
                new Case(PKCS1_TO_PKCS8, "rsa2048.pkcs1.der", RSA_2048, false, "rsa2048.pkcs8.der", PUBLIC_KEY_OF_DER),
                new Case(PKCS1_TO_PKCS8, "rsa2048.pkcs1.pem", RSA_2048, false, "rsa2048.pkcs8.der", PUBLIC_KEY_OF_PEM),
                new Case(DECRYPT_PKCS8, "rsa2048.pkcs8.encrypted.der", RSA_2048, false, "rsa2048.pkcs8.der",
                        PUBLIC_KEY_OF_DER + " -passin pass:" + PASSWORD),
                new Case(DECRYPT_PKCS8, "rsa2048.pkcs8.encrypted.pem", RSA_2048, false, "rsa2048.pkcs8.der",
                        PUBLIC_KEY_OF_PEM + " -passin pass:" + PASSWORD),
                new Case(SEC1_TO_PKCS8, "p256.sec1.der", ECC_NIST_P256, false, "p256.pkcs8.der", PUBLIC_KEY_OF_DER),
                new Case(SEC1_TO_PKCS8, "p256.sec1.pem", ECC_NIST_P256, false, "p256.pkcs8.der", PUBLIC_KEY_OF_PEM),
                new Case(SEC1_TO_PKCS8, "p256.sec1-with-params.pem", ECC_NIST_P256, false, "p256.pkcs8.der",
                        PUBLIC_KEY_OF_PEM),
                // OpenSSL cannot read a SEC 1 key whose ECPrivateKey names no curve, even after an EC PARAMETERS
                // block: the reference is the key this file was made from (regenerate.sh, inner_of p256.pkcs8.der).
                new Case(SEC1_TO_PKCS8, "p256-no-inner-params.sec1.pem", ECC_NIST_P256, false, "p256.pkcs8.der",
                        "openssl pkey -inform DER -in p256.pkcs8.der -pubout -outform DER"),
                new Case(SEC1_TO_PKCS8, "p256-nopub-no-params.sec1.der", ECC_NIST_P256, false, "p256-nopub.pkcs8.der",
                        "openssl pkey -inform DER -in p256-nopub.pkcs8.der -pubout -outform DER"),
                // Explicit parameters: OpenSSL's public key of the original spells the curve out too; -param_enc
                // named_curve names it, as the conversion does.
                new Case(SEC1_TO_PKCS8, "p256-explicit-params.sec1.der", ECC_NIST_P256, false, null,
                        "openssl ec -inform DER -in in -param_enc named_curve -pubout -outform DER 2>/dev/null"),
                new Case(EXPLICIT_CURVE_TO_NAMED, "p256-explicit-params.pkcs8.der", ECC_NIST_P256, false, null,
                        "openssl ec -inform DER -in in -param_enc named_curve -pubout -outform DER 2>/dev/null"),
                new Case(TEXT_TO_BYTES, "p256.pkcs8-as-base64.txt", ECC_NIST_P256, false, "p256.pkcs8.der",
                        "openssl base64 -d -in in | openssl pkey -inform DER -pubout -outform DER"));
    }

    /** Raw material: the result is bytes, compared with what OpenSSL or xxd make of the original. */
    static Stream<Case> rawCases() {
        return Stream.of(
                new Case(TEXT_TO_BYTES, "hmac-256bit-as-hex.txt", HMAC_256, false, "hmac-256bit.bin", "xxd -r -p in"),
                new Case(TEXT_TO_BYTES, "aes128-as-hex-text.txt", SYMMETRIC_DEFAULT, true, null, "xxd -r -p in"),
                new Case(TEXT_TO_BYTES, "aes256-as-base64.txt", SYMMETRIC_DEFAULT, false, "aes256.bin",
                        "openssl base64 -d -in in"),
                new Case(HMAC_DIGEST, "hmac-2048bit.bin", HMAC_224, false, null, "openssl dgst -sha224 -binary in"),
                new Case(HMAC_DIGEST, "hmac-2048bit.bin", HMAC_256, false, null, "openssl dgst -sha256 -binary in"),
                new Case(HMAC_DIGEST, "hmac-2048bit.bin", HMAC_384, false, null, "openssl dgst -sha384 -binary in"),
                new Case(HMAC_DIGEST, "hmac-2048bit.bin", HMAC_512, false, null, "openssl dgst -sha512 -binary in"));
    }

    static Stream<Case> allCases() {
        return Stream.concat(keyCases(), rawCases());
    }

    @Test
    void everyConversionHasCases() {
        Set<Conversion> covered = allCases().map(Case::conversion)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Conversion.class)));
        assertThat(covered).containsExactlyInAnyOrder(Conversion.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void conversionIsOfferedAndItsResultPassesTheReport(Case c) throws MaterialFormatException {
        byte[] original = fixture(c.file());
        assertThat(MaterialWorkbench.conversions(original, c.spec())).contains(c.conversion());

        Converted converted = convert(c);
        byte[] result = converted.material().revealCopy();

        assertThat(converted.conversion()).isEqualTo(c.conversion());
        assertThat(converted.done()).isNotBlank();
        assertThat(converted.detected()).isEqualTo(MaterialWorkbench.detect(result));
        assertThat(converted.detected().container()).isEqualTo(DetectedMaterial.Container.BINARY);
        assertThat(converted.detected().structure()).isIn(Structure.PKCS8_PRIVATE_KEY, Structure.RAW_BYTES);
        assertThat(converted.opensslCommand()).doesNotContain(PASSWORD);
        MaterialReport report = MaterialWorkbench.report(result, c.spec(), c.china(), null, null);
        assertThat(report.materialAccepted()).as("%s", report.failures()).isTrue();
        assertThat(report.conversions()).as("nothing more to convert").isEmpty();
        if (c.sameAs() != null) {
            assertThat(result).as("the bytes of " + c.sameAs()).isEqualTo(fixture(c.sameAs()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyCases")
    void openSslReadsTheConvertedKeyAsTheOriginalKey(Case c, @TempDir Path dir) throws Exception {
        requireOpenSsl3();
        Files.write(dir.resolve("in"), fixture(c.file()));
        copyFixturesTo(dir, "p256.pkcs8.der", "p256-nopub.pkcs8.der");
        Files.write(dir.resolve("converted.der"), convert(c).material().revealCopy());

        run(dir, c.reference() + " > reference.pub");
        run(dir, "openssl pkey -inform DER -in converted.der -pubout -outform DER -out converted.pub");
        assertThat(run(dir, "openssl pkey -inform DER -in converted.der -check -noout")).contains("Key is valid");

        assertThat(Files.readAllBytes(dir.resolve("reference.pub"))).isNotEmpty();
        assertThat(dir.resolve("converted.pub")).hasSameBinaryContentAs(dir.resolve("reference.pub"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawCases")
    void theConvertedBytesAreWhatOpenSslMakesOfTheOriginal(Case c, @TempDir Path dir) throws Exception {
        requireOpenSsl3();
        if (c.reference().startsWith("xxd")) {
            requireXxd();
        }
        Files.write(dir.resolve("in"), fixture(c.file()));

        run(dir, c.reference() + " > reference.bin");

        assertThat(dir.resolve("reference.bin")).hasBinaryContent(convert(c).material().revealCopy());
    }

    // --- the OpenSSL command each conversion shows ---------------------------------------------------

    /**
     * The cases whose shown command writes our bytes exactly. Left out, each with a test of its own below: the
     * ones where it does not (bugs), and two where it cannot: OpenSSL does not read a SEC 1 key that names no
     * curve in its ECPrivateKey (p256-no-inner-params.sec1.pem, p256-nopub-no-params.sec1.der), so there is no
     * OpenSSL command for those conversions at all.
     */
    static Stream<Case> commandCases() {
        Set<String> elsewhere = Set.of("rsa2048.pkcs8-indented.pem", "rsa2048.pkcs8.encrypted.der",
                "rsa2048.pkcs8.encrypted.pem", "p256-no-inner-params.sec1.pem", "p256-nopub-no-params.sec1.der",
                "p256-explicit-params.sec1.der", "p256.pkcs8-as-base64.txt");
        return allCases().filter(c -> !elsewhere.contains(c.file()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandCases")
    void theShownOpenSslCommandWritesTheSameBytes(Case c, @TempDir Path dir) throws Exception {
        assertShownCommandWritesTheSameBytes(c, dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decryptCases")
    void shownDecryptCommandWritesTheSameBytes(Case c, @TempDir Path dir) throws Exception {
        assertShownCommandWritesTheSameBytes(c, dir);
    }

    static Stream<Case> decryptCases() {
        return keyCases().filter(c -> c.conversion() == DECRYPT_PKCS8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decryptCases")
    void decryptingWithTopk8WritesTheSameBytes(Case c, @TempDir Path dir) throws Exception {
        requireOpenSsl3();
        String in = c.file().endsWith(".pem") ? "-in key.pem" : "-inform DER -in key.der";
        Files.write(dir.resolve(c.file().endsWith(".pem") ? "key.pem" : "key.der"), fixture(c.file()));

        run(dir, "openssl pkcs8 -topk8 -nocrypt " + in + " -outform DER -out key.pkcs8.der -passin pass:" + PASSWORD);

        assertThat(dir.resolve("key.pkcs8.der")).hasBinaryContent(convert(c).material().revealCopy());
    }

    @Test
    void shownBase64CommandDecodesMultiLineText(@TempDir Path dir) throws Exception {
        assertShownCommandWritesTheSameBytes(
                keyCases().filter(c -> c.file().equals("p256.pkcs8-as-base64.txt")).findFirst().orElseThrow(), dir);
    }

    @Test
    void shownSec1CommandNamesAnExplicitCurve(@TempDir Path dir) throws Exception {
        assertShownCommandWritesTheSameBytes(
                keyCases().filter(c -> c.file().equals("p256-explicit-params.sec1.der")).findFirst().orElseThrow(), dir);
    }

    @Test
    void shownPemCommandReadsIndentedPem(@TempDir Path dir) throws Exception {
        assertShownCommandWritesTheSameBytes(
                keyCases().filter(c -> c.file().equals("rsa2048.pkcs8-indented.pem")).findFirst().orElseThrow(), dir);
    }

    // --- passwords ---------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("encryptedFiles")
    void aWrongPasswordIsSaidToNotDecryptAndIsNeverRepeated(String file) {
        String wrong = "Wr0ng-Pa55word";
        assertThatThrownBy(() -> MaterialWorkbench.convert(DECRYPT_PKCS8, fixture(file), RSA_2048, wrong.toCharArray()))
                .isInstanceOf(MaterialFormatException.class)
                .hasMessageContaining("password that does not decrypt it")
                .hasMessageNotContaining(wrong)
                .satisfies(e -> assertThat(((MaterialFormatException) e).found()).doesNotContain(wrong));
        assertThatThrownBy(() -> MaterialWorkbench.convert(DECRYPT_PKCS8, fixture(file), RSA_2048, null))
                .isInstanceOf(MaterialFormatException.class).hasMessageContaining("no password");
        assertThatThrownBy(() -> MaterialWorkbench.convert(DECRYPT_PKCS8, fixture(file), RSA_2048, new char[0]))
                .isInstanceOf(MaterialFormatException.class).hasMessageContaining("no password");
    }

    static Stream<String> encryptedFiles() {
        return Stream.of("rsa2048.pkcs8.encrypted.der", "rsa2048.pkcs8.encrypted.pem");
    }

    @Test
    void aConversionThatIsNotOfferedIsRefused() {
        assertThatThrownBy(() -> MaterialWorkbench.convert(PKCS1_TO_PKCS8, fixture("p256.pkcs8.der"), RSA_2048, null))
                .isInstanceOf(MaterialFormatException.class)
                .hasMessageContaining("a file that PKCS#1 to PKCS#8 applies to")
                .hasMessageContaining("a PKCS#8 EC private key on P-256");
        assertThatThrownBy(() -> MaterialWorkbench.convert(HMAC_DIGEST, fixture("hmac-512bit.bin"), HMAC_256, null))
                .isInstanceOf(MaterialFormatException.class);
        assertThatThrownBy(() -> MaterialWorkbench.convert(PEM_TO_DER, fixture("rsa2048.spki.pem"), RSA_2048, null))
                .isInstanceOf(MaterialFormatException.class);
    }

    @Test
    void aSec1KeyWithoutCurveIsNotSilentlyPutOnTheKeySpecsCurve() throws MaterialFormatException {
        byte[] file = fixture("p256-nopub-no-params.sec1.der");
        assertThat(MaterialWorkbench.detect(file).description())
                .containsAnyOf("no curve", "does not say which curve", "curve is not given");
        if (MaterialWorkbench.conversions(file, ECC_NIST_P384).contains(SEC1_TO_PKCS8)) {
            Converted converted = MaterialWorkbench.convert(SEC1_TO_PKCS8, file, ECC_NIST_P384, null);
            assertThat(converted.done()).containsAnyOf("key spec", "assumed");
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static Converted convert(Case c) throws MaterialFormatException {
        char[] password = c.conversion().needsPassword() ? PASSWORD.toCharArray() : null;
        return MaterialWorkbench.convert(c.conversion(), fixture(c.file()), c.spec(), password);
    }

    /**
     * Runs the command the conversion shows, on the original file saved under the name the command reads, with
     * the password given on the command line instead of asked for, and compares what it writes with our bytes.
     */
    private static void assertShownCommandWritesTheSameBytes(Case c, Path dir) throws Exception {
        requireOpenSsl3();
        Converted converted = convert(c);
        String command = converted.opensslCommand();
        if (command.startsWith("xxd")) {
            requireXxd();
        }
        if (c.conversion().needsPassword()) {
            assertThat(command).contains("# asks for the password");
            command = command.substring(0, command.indexOf('#')).strip() + " -passin pass:" + PASSWORD;
        }
        String output = last(OUTPUT.matcher(command));
        String input = INPUT.matcher(command).results().map(m -> m.group()).filter(name -> !name.equals(output))
                .findFirst().orElseThrow(() -> new AssertionError("no input file in: " + converted.opensslCommand()));
        Files.write(dir.resolve(input), fixture(c.file()));

        run(dir, command);

        assertThat(dir.resolve(output)).as(converted.opensslCommand()).hasBinaryContent(converted.material().revealCopy());
    }

    private static String last(Matcher matcher) {
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        assertThat(last).as("output file").isNotNull();
        return last;
    }

    private static void copyFixturesTo(Path dir, String... names) throws IOException {
        for (String name : names) {
            Files.write(dir.resolve(name), fixture(name));
        }
    }

    private static void requireOpenSsl3() {
        String path = System.getenv().getOrDefault("PATH", "");
        if (onPath("bash").isEmpty()) {
            Assumptions.abort("bash is not installed: no executable bash on PATH (" + path + ")");
        }
        if (onPath("openssl").isEmpty()) {
            Assumptions.abort("openssl is not installed: no executable openssl on PATH (" + path + ")");
        }
        if (opensslVersion == null || !opensslVersion.startsWith("OpenSSL 3.")) {
            Assumptions.abort("the conversions are checked against OpenSSL 3.x; found " + opensslVersion);
        }
    }

    private static void requireXxd() {
        if (onPath("xxd").isEmpty()) {
            Assumptions.abort("xxd is not installed: the hexadecimal text is decoded with xxd -r -p, as the workbench"
                    + " shows");
        }
    }

    /** Runs one command line with bash in {@code dir}; fails with its output unless it exits 0. */
    private static String run(Path dir, String command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("openssl-conversion", ".out");
        try {
            Process process = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
            String text = Files.readString(output, StandardCharsets.ISO_8859_1);
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
}
