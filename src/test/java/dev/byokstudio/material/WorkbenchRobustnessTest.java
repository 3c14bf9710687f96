package dev.byokstudio.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.DetectedMaterial.Container;
import dev.byokstudio.material.DetectedMaterial.Structure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-style robustness tests of the key material workbench: thousands of hostile, damaged and random
 * inputs, each run through {@link MaterialWorkbench#detect}, {@link MaterialWorkbench#report} (for several key
 * specs and Regions), {@link MaterialWorkbench#conversions} and {@link MaterialWorkbench#convert} (every
 * conversion, with and without a password). For every input:
 * <ul>
 * <li>nothing but {@link MaterialFormatException} is thrown, and that only by {@code convert};</li>
 * <li>no result has a null field, and the results agree with each other (the report's conversions are
 * {@code conversions}', a report is accepted exactly when no rule failed, conversions not offered are
 * refused);</li>
 * <li>no text (description, notes, rule lines, conversion texts, exception messages) contains the input's
 * bytes: neither hexadecimal nor Base64 of any 8-byte (hex) or 12-byte (Base64) stretch of the input, nor —
 * for inputs that carry one — a 16-byte random marker in hexadecimal, Base64 or as raw characters;</li>
 * <li>the input array is left as it was;</li>
 * <li>each input finishes within {@link #PER_INPUT} (a hang guard, not a speed test).</li>
 * </ul>
 * Inputs come from a seeded {@link Random}; the seed is in every failure message. Run with another seed:
 * {@code -Dbyokstudio.robustness.seed=N}.
 */
class WorkbenchRobustnessTest {

    private static final long SEED = Long.getLong("byokstudio.robustness.seed", 0x5EED_B40C_2025L);
    private static final Duration PER_INPUT = Duration.ofSeconds(2);
    private static final Path FIXTURES = Path.of("src", "test", "fixtures", "material");
    private static final int LIMIT = MaterialWorkbench.MAXIMUM_BYTES;
    /** The password of rsa2048.pkcs8.encrypted.der (see regenerate.sh). */
    private static final String PASSWORD = "throwaway";
    private static final List<KeySpec> SPECS = List.of(KeySpec.SYMMETRIC_DEFAULT, KeySpec.HMAC_256, KeySpec.RSA_2048,
            KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_EDWARDS25519, KeySpec.SM2);
    private static final HexFormat HEX = HexFormat.of();
    private static final AtomicInteger INPUTS = new AtomicInteger();
    /** The conversions whose result depends on the key spec (the curve, the hash); the others are run once. */
    private static final Set<Conversion> SPEC_DEPENDENT = EnumSet.of(Conversion.PKCS1_TO_PKCS8,
            Conversion.SEC1_TO_PKCS8, Conversion.HMAC_DIGEST);

    private static final long CPU_AT_START = processCpuNanos();

    @AfterAll
    static void summary() {
        System.out.printf("WorkbenchRobustnessTest: %d inputs, seed %d, %.1f s of CPU%n", INPUTS.get(), SEED,
                (processCpuNanos() - CPU_AT_START) / 1e9);
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    // ================================================================ the input families

    @Test
    void randomBytesOfRandomLengths() {
        Random random = random("randomBytes");
        for (int i = 0; i < 800; i++) {
            int length;
            int bucket = random.nextInt(10);
            if (bucket < 4) {
                length = random.nextInt(65);
            } else if (bucket < 7) {
                length = 65 + random.nextInt(960);
            } else if (bucket < 9) {
                length = 1025 + random.nextInt(LIMIT - 1024);
            } else {
                length = LIMIT - 8 + random.nextInt(9000 - LIMIT + 9);
            }
            byte[] input = bytes(random, length);
            if (length >= 2 && random.nextInt(4) == 0) {
                input[0] = 0x30; // start like a SEQUENCE, to get into the ASN.1 reader
                input[1] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(5) : random.nextInt(128));
            }
            byte[] marker = null;
            if (length >= 16 && random.nextBoolean()) {
                marker = marker(random);
                System.arraycopy(marker, 0, input, random.nextInt(length - 15), 16);
            }
            exercise("random bytes #" + i, input, marker, random);
        }
    }

    @Test
    void everyFixtureTruncatedAtEveryLength() {
        Random random = random("truncations");
        for (Fixture f : fixtures()) {
            int n = f.bytes().length;
            Set<Integer> lengths = new LinkedHashSet<>();
            if (n <= 160) {
                for (int k = 0; k <= n; k++) {
                    lengths.add(k);
                }
            } else {
                for (int k = 0; k <= 12; k++) {
                    lengths.add(k);
                    lengths.add(n - k);
                }
                for (int k = 0; k < 24; k++) {
                    lengths.add(random.nextInt(n + 1));
                }
                if (n > LIMIT) {
                    lengths.addAll(List.of(LIMIT - 1, LIMIT, LIMIT + 1, LIMIT + 2));
                }
            }
            for (int k : lengths) {
                exercise(f.name() + " truncated to " + k + " bytes", Arrays.copyOf(f.bytes(), k), null, random);
            }
        }
    }

    @Test
    void mutatedCopiesOfEveryFixture() {
        Random random = random("mutations");
        for (Fixture f : fixtures()) {
            if (f.bytes().length == 0 || f.bytes().length > LIMIT) {
                continue;
            }
            for (int i = 0; i < 20; i++) {
                byte[] input = f.bytes().clone();
                int mutations = 1 + random.nextInt(4);
                StringBuilder what = new StringBuilder();
                for (int m = 0; m < mutations && input.length > 0; m++) {
                    int at = random.nextInt(input.length);
                    switch (random.nextInt(5)) {
                        case 0, 1 -> {
                            int bit = random.nextInt(8);
                            input[at] ^= (byte) (1 << bit);
                            what.append(" flip bit ").append(bit).append(" of byte ").append(at);
                        }
                        case 2 -> {
                            input[at] = (byte) random.nextInt(256);
                            what.append(" set byte ").append(at);
                        }
                        case 3 -> {
                            input = splice(input, at, 0, new byte[] {(byte) random.nextInt(256)});
                            what.append(" insert a byte at ").append(at);
                        }
                        default -> {
                            input = splice(input, at, 1, new byte[0]);
                            what.append(" delete byte ").append(at);
                        }
                    }
                }
                exercise(f.name() + ":" + what, input, null, random);
            }
        }
    }

    @Test
    void derLengthFieldsThatLie() {
        Random random = random("lyingLengths");
        List<byte[]> lies = List.of(h("847fffffff"), h("84ffffffff"), h("8480000000"),
                h("887fffffffffffffff"), h("88ffffffffffffffff"), h("8f0102030405060708090a0b0c0d0e0f"), h("ff"),
                h("80"), h("8500000000ff"), h("83ffffff"), h("82ffff"), h("81ff"), h("8100"), h("7f"), h("00"));
        for (Fixture f : fixtures()) {
            if (!f.name().endsWith(".der") || f.bytes().length == 0 || f.bytes().length > LIMIT) {
                continue;
            }
            byte[] der = f.bytes();
            List<Header> headers = headers(der);
            for (Header header : headers) {
                // Every header of a small fixture; of a large one, a random sample, the outer headers more often.
                if (headers.size() > 16 && (header.depth() > 2 || random.nextBoolean()) && random.nextInt(4) != 0) {
                    continue;
                }
                List<byte[]> lengths = new ArrayList<>(lies);
                int remaining = der.length - header.contentStart();
                lengths.add(encodeLength(header.contentLength() + 1));
                lengths.add(encodeLength(Math.max(0, header.contentLength() - 1)));
                lengths.add(encodeLength(remaining + 1));
                lengths.add(encodeLength(header.contentLength() * 2 + 7));
                lengths.add(nonMinimalLength(header.contentLength()));
                byte[] lie = lengths.get(random.nextInt(lengths.size()));
                byte[] input = splice(der, header.lengthStart(), header.lengthBytes(), lie);
                exercise(f.name() + ": length at " + header.lengthStart() + " replaced by " + HEX.formatHex(lie), input,
                        null, random);
                // The same lie in the text containers, which are read and parsed too.
                if (random.nextInt(4) == 0) {
                    exercise(f.name() + ": lying length, as PEM", pem("PRIVATE KEY", input, 64, "\n"), null, random);
                    exercise(f.name() + ": lying length, as Base64", base64Text(input, random), null, random);
                }
            }
        }
        // Lies with nothing, or random bytes, behind them.
        for (int tag : new int[] {0x30, 0x31, 0x04, 0x02, 0x03, 0x24, 0xa0}) {
            for (byte[] lie : lies) {
                for (int tail : new int[] {0, 1, 10, 300, LIMIT - 1 - lie.length}) {
                    byte[] input = concat(new byte[] {(byte) tag}, lie, bytes(random, tail));
                    exercise(String.format("tag %02x, length %s, %d random bytes", tag, HEX.formatHex(lie), tail), input,
                            null, random);
                }
            }
        }
    }

    @Test
    void deeplyNestedStructures() {
        Random random = random("nesting");
        // 10 000 levels of indefinite-length SEQUENCEs: 20 000 bytes, over the limit.
        exercise("10000 levels of 30 80", repeat(h("3080"), 10_000), null, random);
        exercise("10000 levels of 30 80 and their end-of-contents", concat(repeat(h("3080"), 10_000),
                new byte[20_000]), null, random);
        // As deep as fits under the limit, for each constructed tag.
        for (String open : List.of("3080", "3180", "a080", "a180", "2480", "2380", "6080", "2c80", "bf1f80")) {
            int levels = LIMIT / (open.length() / 2);
            exercise(levels + " levels of " + open, repeat(h(open), levels), null, random);
            int half = (LIMIT / 2) / (open.length() / 2);
            exercise(half + " levels of " + open + ", closed", concat(repeat(h(open), half), new byte[2 * half]), null,
                    random);
        }
        // Nested definite lengths, long form (4 bytes a level) and short form.
        exercise("2047 levels of definite-length SEQUENCEs", nestedDefinite(2047, 0x30), null, random);
        exercise("2047 levels of definite-length [0]", nestedDefinite(2047, 0xa0), null, random);
        exercise("2047 levels of definite-length SETs", nestedDefinite(2047, 0x31), null, random);
        exercise("63 levels of short-form SEQUENCEs", nestedShort(63), null, random);
        // The nesting in the places the rules parse again: the PKCS#8 privateKey, attributes, text containers.
        byte[] deep = nestedDefinite(1900, 0x30);
        for (String algorithm : List.of("300d06092a864886f70d0101010500", "301306072a8648ce3d020106082a8648ce3d030107",
                "300506032b6570", "301306072a8648ce3d020106082a811ccf5501822d")) {
            byte[] inPrivateKey = der(0x30, h("020100"), h(algorithm), der(0x04, deep));
            exercise("deep nesting inside the privateKey of " + algorithm, inPrivateKey, null, random);
            byte[] inAttributes = der(0x30, h("020100"), h(algorithm), der(0x04, h("3000")), der(0xa0, deep));
            exercise("deep nesting in the attributes of " + algorithm, inAttributes, null, random);
            byte[] indefinite = der(0x30, h("020100"), h(algorithm), der(0x04, repeat(h("3080"), 4000)));
            exercise("indefinite nesting inside the privateKey of " + algorithm, indefinite, null, random);
        }
        exercise("deep nesting as PEM", pem("PRIVATE KEY", deep, 64, "\n"), null, random);
        exercise("deep nesting as Base64", Base64.getEncoder().encode(Arrays.copyOf(deep, 6000)), null, random);
        exercise("deep nesting as hex", HEX.formatHex(Arrays.copyOf(repeat(h("3080"), 2048), 4096))
                .getBytes(StandardCharsets.US_ASCII), null, random);
        exercise("deep nesting in an EC PARAMETERS block", concat(pem("EC PARAMETERS", deep, 64, "\n"),
                pem("EC PRIVATE KEY", fixture("p256.sec1.der"), 64, "\n")), null, random);
        exercise("deep nesting in an encrypted PKCS#8's parameters", der(0x30, der(0x30,
                h("06092a864886f70d01050d"), Arrays.copyOf(deep, 4000)), der(0x04, bytes(random, 64))), null, random);
    }

    @Test
    void hugeDeclaredLengthsAndTags() {
        Random random = random("hugeLengths");
        int[] tags = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x09, 0x0a, 0x0c, 0x0d, 0x13, 0x16, 0x17, 0x18, 0x1c, 0x1e,
            0x30, 0x31, 0xa0, 0xa1, 0x80, 0x81, 0x23, 0x24, 0x2c, 0x60, 0xe0};
        List<byte[]> lengths = List.of(h("847fffffff"), h("84ffffffff"), h("887fffffffffffffff"), h("83ffffff"),
                h("8400010000"), h("82ffff"), h("822001"), h("81ff"), h("80"), h("fe"));
        for (int tag : tags) {
            for (byte[] length : lengths) {
                byte[] tail = random.nextBoolean() ? new byte[0] : bytes(random, random.nextInt(LIMIT - 16));
                exercise(String.format("tag %02x length %s", tag, HEX.formatHex(length)),
                        concat(new byte[] {(byte) tag}, length, tail), null, random);
            }
        }
        // High tag numbers: overflowing, and spelled out over thousands of bytes.
        exercise("tag number overflow", h("1fffffffff7f0100"), null, random);
        exercise("tag number of 5000 bytes", concat(h("1f"), repeat(h("ff"), 5000), h("7f0100")), null, random);
        exercise("constructed tag number of 8000 bytes", concat(h("3f"), repeat(h("81"), 8000), h("0000")), null, random);
        exercise("tag number of 8192 bytes", concat(h("1f"), repeat(h("80"), LIMIT - 1)), null, random);
        // A PKCS#8 whose privateKey field declares more than the file holds.
        for (byte[] length : lengths) {
            byte[] input = concat(h("3080020100300d06092a864886f70d0101010500" + "04"), length, bytes(random, 100),
                    h("0000"));
            exercise("PKCS#8 privateKey length " + HEX.formatHex(length), input, null, random);
        }
    }

    @Test
    void randomAsn1StructuresCarryingAMarker() {
        Random random = random("structures");
        for (int i = 0; i < 700; i++) {
            byte[] marker = marker(random);
            byte[] structure = Asn1Generator.structure(random, marker);
            byte[] input;
            String container;
            switch (random.nextInt(8)) {
                case 0 -> {
                    input = pem(Asn1Generator.label(random), structure, 64, random.nextBoolean() ? "\n" : "\r\n");
                    container = "PEM";
                }
                case 1 -> {
                    input = base64Text(structure, random);
                    container = "Base64";
                }
                case 2 -> {
                    input = hexText(structure, random);
                    container = "hex";
                }
                default -> {
                    input = structure;
                    container = "DER";
                }
            }
            exercise("ASN.1 structure #" + i + " as " + container, input, marker, random);
        }
    }

    @Test
    void pemLookingText() {
        Random random = random("pem");
        List<Fixture> ders = fixtures().stream().filter(f -> f.name().endsWith(".der") && f.bytes().length > 0)
                .toList();
        for (int i = 0; i < 500; i++) {
            byte[] marker = marker(random);
            byte[] payload;
            if (random.nextBoolean()) {
                payload = bytes(random, 16 + random.nextInt(2000));
                System.arraycopy(marker, 0, payload, random.nextInt(payload.length - 15), 16);
            } else {
                byte[] der = ders.get(random.nextInt(ders.size())).bytes();
                payload = splice(der, random.nextInt(der.length), 0, marker);
            }
            String eol = List.of("\n", "\r\n", "\r", "\n\n").get(random.nextInt(4));
            String label = Asn1Generator.label(random);
            String body = Base64.getEncoder().encodeToString(payload);
            int width = List.of(64, 76, 1, 3, 17, 1000).get(random.nextInt(6));
            StringBuilder text = new StringBuilder();
            String indent = random.nextInt(5) == 0 ? "   " : "";
            if (random.nextInt(6) == 0) {
                text.append("Bag Attributes").append(eol).append("    localKeyID: 01 02 03").append(eol);
            }
            text.append(indent).append("-----BEGIN ").append(label).append("-----").append(eol);
            if (random.nextInt(5) == 0) {
                text.append("Proc-Type: 4,ENCRYPTED").append(eol).append("DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF")
                        .append(eol).append(eol);
            }
            String broken = breakBase64(body, random);
            for (int at = 0; at < broken.length(); at += width) {
                text.append(indent).append(broken, at, Math.min(broken.length(), at + width)).append(eol);
            }
            int ending = random.nextInt(6);
            if (ending == 0) {
                text.append("-----END ").append(label).append("-----").append(eol);
            } else if (ending == 1) {
                text.append("-----END SOMETHING ELSE-----");
            } else if (ending == 2) {
                text.append("-----END ").append(label); // cut short
            } else if (ending == 3) {
                text.append("-----END ").append(label).append("-----").append(eol)
                        .append(new String(pem("EC PARAMETERS", h("06082a8648ce3d030107"), 64, eol),
                                StandardCharsets.US_ASCII));
            } else if (ending == 4) {
                text.append("-----END ").append(label).append("-----").append(eol).append("-----BEGIN ").append(label)
                        .append("-----").append(eol).append(body, 0, Math.min(40, body.length())).append(eol);
            } // else: no END line at all
            byte[] input = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (random.nextInt(4) == 0) {
                input = concat(h("efbbbf"), input);
            }
            if (random.nextInt(10) == 0) {
                input = splice(input, random.nextInt(input.length), 0, new byte[] {(byte) random.nextInt(256)});
            }
            exercise("PEM-looking text #" + i + " (" + label + ")", input, marker, random);
        }
        // Degenerate headers.
        for (String text : List.of("-----BEGIN ", "-----BEGIN -----", "-----BEGIN-----\n-----END-----",
                "-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n",
                "-----BEGIN PRIVATE KEY-----\n====\n-----END PRIVATE KEY-----\n",
                "-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----\n",
                "-----BEGIN PRIVATE KEY-----\n\u0000\u0000\n-----END PRIVATE KEY-----\n",
                "-----BEGIN " + "A".repeat(70) + "-----\nAAAA\n-----END " + "A".repeat(70) + "-----\n",
                "-----BEGIN " + "K".repeat(LIMIT - 11), "-----BEGIN " + "K".repeat(LIMIT))) {
            exercise("degenerate PEM " + (text.length() > 40 ? text.substring(0, 40) + "…" : text),
                    text.getBytes(StandardCharsets.ISO_8859_1), null, random);
            exercise("degenerate PEM with a BOM", concat(h("efbbbf"), text.getBytes(StandardCharsets.ISO_8859_1)), null,
                    random);
        }
    }

    @Test
    void hexAndBase64TextOfRandomBytes() {
        Random random = random("text");
        for (int i = 0; i < 500; i++) {
            byte[] marker = marker(random);
            byte[] payload = bytes(random, 16 + random.nextInt(random.nextBoolean() ? 64 : 3000));
            System.arraycopy(marker, 0, payload, random.nextInt(payload.length - 15), 16);
            boolean hex = random.nextBoolean();
            byte[] input = hex ? hexText(payload, random) : base64Text(payload, random);
            if (input.length > 0 && random.nextInt(6) == 0) {
                // One character wrong, missing or extra.
                int at = random.nextInt(input.length);
                byte[] odd = {(byte) "=*-_#g\u00ff\u0000".charAt(random.nextInt(8))};
                input = random.nextBoolean() ? splice(input, at, 1, odd) : splice(input, at, 0, odd);
            }
            if (random.nextInt(4) == 0) {
                input = concat(h("efbbbf"), input);
            }
            exercise((hex ? "hex" : "Base64") + " text #" + i, input, marker, random);
        }
        // Text that is just short of, at and over the 16-significant-character threshold, and over the limit.
        for (int n : new int[] {15, 16, 17, 31, 32, 33, LIMIT, LIMIT + 1}) {
            exercise(n + " hex digits", "a".repeat(n).getBytes(StandardCharsets.US_ASCII), null, random);
            exercise(n + " Base64 characters", "A".repeat(n).getBytes(StandardCharsets.US_ASCII), null, random);
            exercise(n + " padding characters", "=".repeat(n).getBytes(StandardCharsets.US_ASCII), null, random);
        }
    }

    // ================================================================ single properties

    /** An input over the limit is OVERSIZED, with nothing parsed: not even a PEM block that fills its first bytes. */
    @Test
    void inputsOverTheLimitAreReportedAsOversizedWithoutBeingParsed() {
        Random random = random("oversized");
        byte[] pem = fixture("rsa2048.pkcs8.pem");
        byte[] exactly = Arrays.copyOf(pem, LIMIT);
        Arrays.fill(exactly, pem.length, LIMIT, (byte) '\n');
        assertThat(MaterialWorkbench.detect(exactly).container()).as("8192 bytes are read").isEqualTo(Container.PEM);

        for (int size : new int[] {LIMIT + 1, LIMIT + 2, 9000, 65_536, 1 << 20}) {
            byte[] input = Arrays.copyOf(pem, size);
            Arrays.fill(input, pem.length, size, (byte) '\n');
            DetectedMaterial detected = MaterialWorkbench.detect(input);
            assertThat(detected.container()).as(size + " bytes").isEqualTo(Container.OVERSIZED);
            assertThat(detected.structure()).isEqualTo(Structure.NONE);
            assertThat(detected.size()).isEqualTo(size);
            assertThat(detected.pemLabel()).isEmpty();
            assertThat(detected.notes()).isEmpty();
            assertThat(detected.description()).doesNotContain("PEM").doesNotContain("PRIVATE KEY")
                    .contains("not read further");

            MaterialReport report = MaterialWorkbench.report(input, KeySpec.RSA_2048, false, null, null);
            assertThat(report.materialAccepted()).isFalse();
            assertThat(line(report, "material.size").status()).isEqualTo(RuleResult.Status.FAILED);
            assertThat(line(report, "material.size").found()).isEqualTo(size + " bytes: over the limit, so not parsed");
            assertThat(line(report, "pkcs8.format").status()).isEqualTo(RuleResult.Status.NOT_APPLICABLE);
            assertThat(report.conversions()).isEmpty();
            for (Conversion c : Conversion.values()) {
                assertThat(MaterialWorkbench.conversions(input, KeySpec.RSA_2048)).doesNotContain(c);
            }
            if (size <= 9000) {
                exercise(size + " bytes, PEM at the start", input, null, random);
            }
        }
        exercise("the oversized-16k.bin fixture", fixture("oversized-16k.bin"), null, random);
        assertThat(MaterialWorkbench.detect(fixture("oversized-16k.bin")).container()).isEqualTo(Container.OVERSIZED);
    }

    @Test
    void readBoundedReadsAtMostOneByteMoreThanTheLimit(@TempDir Path dir) throws IOException {
        Path sparse = dir.resolve("sparse-100MB.bin");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(100L * 1024 * 1024);
        }
        byte[] read = assertTimeoutPreemptively(PER_INPUT, () -> MaterialWorkbench.readBounded(sparse));
        assertThat(read).hasSize(LIMIT + 1);
        assertThat(MaterialWorkbench.detect(read).container()).isEqualTo(Container.OVERSIZED);

        for (int size : new int[] {0, 1, LIMIT - 1, LIMIT, LIMIT + 1, LIMIT + 2}) {
            Path file = dir.resolve(size + ".bin");
            byte[] content = bytes(random("readBounded" + size), size);
            Files.write(file, content);
            byte[] got = MaterialWorkbench.readBounded(file);
            assertThat(got).as(size + " bytes").isEqualTo(Arrays.copyOf(content, Math.min(size, LIMIT + 1)));
        }
    }

    /**
     * A crafted encrypted PKCS#8 may ask for any key-derivation cost; decrypting it with a password must still
     * end in bounded time and memory (refused with a MaterialFormatException, or decrypted).
     */
    @Test
    void encryptedPkcs8WithAnAbsurdKeyDerivationCostEndsInBoundedTime() throws IOException {
        EncryptedPrivateKeyInfo original = EncryptedPrivateKeyInfo.getInstance(fixture("rsa2048.pkcs8.encrypted.der"));
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(original.getEncryptionAlgorithm().getParameters());
        PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
        byte[] salt = pbkdf2.getSalt();
        List<KeyDerivationFunc> costs = List.of(
                new KeyDerivationFunc(MiscObjectIdentifiers.id_scrypt, new ScryptParams(salt, BigInteger.valueOf(1 << 14),
                        BigInteger.valueOf(8), BigInteger.valueOf(1 << 17), null)),
                new KeyDerivationFunc(MiscObjectIdentifiers.id_scrypt, new ScryptParams(salt, BigInteger.valueOf(1 << 20),
                        BigInteger.valueOf(8), BigInteger.ONE, null)),
                new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, new PBKDF2Params(salt, 10_000_000,
                        pbkdf2.getPrf())));
        for (KeyDerivationFunc kdf : costs) {
            byte[] crafted = new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
                    new PBES2Parameters(kdf, pbes2.getEncryptionScheme())), original.getEncryptedData())
                    .getEncoded(ASN1Encoding.DER);
            assertThat(MaterialWorkbench.conversions(crafted, KeySpec.RSA_2048)).containsExactly(Conversion.DECRYPT_PKCS8);
            String what = "seed " + SEED + ", key derivation " + HEX.formatHex(kdf.getEncoded(ASN1Encoding.DER));
            assertTimeoutPreemptively(PER_INPUT, () -> {
                try {
                    MaterialWorkbench.convert(Conversion.DECRYPT_PKCS8, crafted, KeySpec.RSA_2048,
                            PASSWORD.toCharArray()).material().destroy();
                } catch (MaterialFormatException refused) {
                    // refusing a cost it will not pay is the right outcome
                }
            }, () -> what);
        }
    }

    /** The leak check itself finds the input's bytes, in each form, so that passing it means something. */
    @Test
    void theLeakCheckFindsTheInputInEachForm() {
        Random random = random("self-test");
        byte[] input = bytes(random, 100);
        byte[] marker = Arrays.copyOfRange(input, 40, 56);
        List<String> leaks = List.of(
                "found " + HEX.formatHex(input, 10, 18) + " here",
                "found " + HEX.formatHex(input, 3, 30).toUpperCase(Locale.ROOT),
                "x" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(input, 2, 20)),
                "x" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(input, 41, 60)),
                new String(marker, StandardCharsets.ISO_8859_1));
        for (String leak : leaks) {
            try {
                checkNoBytesLeak(List.of("harmless", leak), input, marker, "self-test");
            } catch (AssertionError found) {
                continue;
            }
            throw new AssertionError("the leak check missed: " + leak);
        }
        checkNoBytesLeak(List.of("a PKCS#8 RSA private key of 2048 bits (DER)", "SubjectPublicKeyInfo"), input, marker,
                "self-test");
    }

    /** The encrypted fixture decrypts with its password, and the bit-flipped copies above exercise the failures. */
    @Test
    void theEncryptedFixtureDecryptsWithItsPasswordOnly() throws MaterialFormatException {
        byte[] encrypted = fixture("rsa2048.pkcs8.encrypted.der");
        Converted converted = MaterialWorkbench.convert(Conversion.DECRYPT_PKCS8, encrypted, KeySpec.RSA_2048,
                PASSWORD.toCharArray());
        assertThat(converted.detected().structure()).isEqualTo(Structure.PKCS8_PRIVATE_KEY);
        converted.material().destroy();
        for (char[] wrong : new char[][] {null, new char[0], "wrong".toCharArray()}) {
            try {
                MaterialWorkbench.convert(Conversion.DECRYPT_PKCS8, encrypted, KeySpec.RSA_2048, wrong);
                throw new AssertionError("decrypted with " + (wrong == null ? "no password" : "a wrong password"));
            } catch (MaterialFormatException expected) {
                assertThat(expected.expected()).contains("password");
            }
        }
    }

    /**
     * The workbench reads hexadecimal and Base64 text after a UTF-8 byte-order mark (decodeText skips it and the
     * report notes it), as it does PEM.
     */
    @Test
    void aByteOrderMarkBeforeHexOrBase64TextIsSkippedAndNoted() {
        byte[] key = bytes(random("bom"), 32);
        byte[] hex = HEX.formatHex(key).getBytes(StandardCharsets.US_ASCII);
        byte[] base64 = Base64.getEncoder().encode(key);
        for (byte[] text : List.of(hex, base64)) {
            DetectedMaterial plain = MaterialWorkbench.detect(text);
            DetectedMaterial withBom = MaterialWorkbench.detect(concat(h("efbbbf"), text));
            assertThat(withBom.container()).isEqualTo(plain.container()).isIn(Container.HEX_TEXT, Container.BASE64_TEXT);
            assertThat(withBom.structure()).isEqualTo(plain.structure());
            assertThat(withBom.notes()).contains("a UTF-8 byte-order mark at the start was ignored");
            assertThat(MaterialWorkbench.conversions(concat(h("efbbbf"), text), KeySpec.SYMMETRIC_DEFAULT))
                    .containsExactly(Conversion.TEXT_TO_BYTES);
        }
    }

    /**
     * Integers read from the file are named by their size when large, never spelled out (as RsaRules does for the
     * public exponent): a version field holding 16 bytes of the file must not come back in decimal.
     */
    @Test
    void overLongVersionIntegersAreNotEchoed() {
        Random random = random("versions");
        for (int i = 0; i < 20; i++) {
            byte[] marker = marker(random);
            marker[0] &= 0x7f;
            byte[] version = der(0x02, marker);
            byte[] rsaPrivateKey = der(0x30, version, repeat(h("020101"), 8));
            byte[] pkcs8VersionMarker = der(0x30, version, h("300d06092a864886f70d0101010500"), der(0x04, h("3000")));
            byte[] innerVersionMarker = der(0x30, h("020100"), h("300d06092a864886f70d0101010500"),
                    der(0x04, rsaPrivateKey));
            String decimal = new BigInteger(1, marker).toString();
            for (byte[] input : List.of(pkcs8VersionMarker, innerVersionMarker)) {
                List<String> texts = new ArrayList<>();
                texts(MaterialWorkbench.detect(input), texts);
                texts(MaterialWorkbench.report(input, KeySpec.RSA_2048, false, null, null), texts);
                assertThat(texts).as("seed %d, input %s", SEED, HEX.formatHex(input))
                        .noneMatch(t -> t.contains(decimal));
            }
        }
    }

    // ================================================================ the per-input check

    /**
     * Runs one input through the whole workbench under the hang guard, checks every result and every text, and
     * that the input is unchanged.
     */
    private static void exercise(String label, byte[] input, byte[] marker, Random random) {
        INPUTS.incrementAndGet();
        String context = "seed " + SEED + ", input \"" + label + "\" (" + input.length + " bytes"
                + (input.length <= 300 ? ": " + HEX.formatHex(input) : "") + ")";
        byte[] before = input.clone();
        // The choices for this input are drawn outside the guarded code, so that they are reproducible.
        KeySpec extraSpec = KeySpec.values()[random.nextInt(KeySpec.values().length)];
        boolean extraChina = random.nextBoolean();
        WrappingAlgorithm algorithm = random.nextInt(4) == 0 ? null
                : WrappingAlgorithm.values()[random.nextInt(WrappingAlgorithm.values().length)];
        WrappingKeySpec wrappingKeySpec = algorithm == null ? null
                : WrappingKeySpec.values()[random.nextInt(WrappingKeySpec.values().length)];
        boolean passwordForRefusals = random.nextBoolean();
        List<String> texts = assertTimeoutPreemptively(PER_INPUT,
                () -> examine(input, context, extraSpec, extraChina, algorithm, wrappingKeySpec,
                        passwordForRefusals), () -> context
                        + ": did not finish within " + PER_INPUT.toSeconds() + " s");
        check(Arrays.equals(input, before), context, "the input array was changed");
        checkNoBytesLeak(texts, input, marker, context);
    }

    /** Every operation on one input; returns every text produced. */
    private static List<String> examine(byte[] input, String context, KeySpec extraSpec, boolean extraChina,
            WrappingAlgorithm algorithm, WrappingKeySpec wrappingKeySpec, boolean passwordForRefusals) {
        List<String> texts = new ArrayList<>();
        DetectedMaterial detected = call(context, "detect", () -> MaterialWorkbench.detect(input));
        checkDetected(detected, input.length, context);
        texts(detected, texts);
        check(detected.equals(call(context, "detect (again)", () -> MaterialWorkbench.detect(input))), context,
                "detect gave another answer the second time");
        check(input.length <= LIMIT || detected.container() == Container.OVERSIZED, context, "not OVERSIZED");

        List<Object[]> runs = new ArrayList<>();
        for (KeySpec spec : SPECS) {
            runs.add(new Object[] {spec, spec == KeySpec.SM2, null, null});
        }
        runs.add(new Object[] {extraSpec, extraChina, algorithm, wrappingKeySpec});
        Set<Conversion> converted = EnumSet.noneOf(Conversion.class);
        for (Object[] run : runs) {
            KeySpec spec = (KeySpec) run[0];
            boolean china = (Boolean) run[1];
            WrappingAlgorithm wa = (WrappingAlgorithm) run[2];
            WrappingKeySpec ws = (WrappingKeySpec) run[3];
            String what = spec + (china ? " (China)" : "") + (wa == null ? "" : " wrapped with " + wa + "/" + ws);
            MaterialReport report = call(context, "report " + what,
                    () -> MaterialWorkbench.report(input, spec, china, wa, ws));
            List<Conversion> offered = call(context, "conversions " + spec,
                    () -> MaterialWorkbench.conversions(input, spec));
            checkReport(report, detected, spec, china, wa, offered, context + ", " + what);
            texts(report, texts);

            for (Conversion conversion : Conversion.values()) {
                boolean applies = offered.contains(conversion);
                // Conversions that do not apply are tried for the last run only (they are refused at once), and
                // those whose result does not depend on the key spec only for the first spec that offers them.
                if (!applies && run != runs.get(runs.size() - 1)
                        || applies && !SPEC_DEPENDENT.contains(conversion) && !converted.add(conversion)) {
                    continue;
                }
                // A conversion that does not apply is refused before any password is looked at: one try is enough.
                char[][] passwords = applies ? new char[][] {null, PASSWORD.toCharArray()}
                        : new char[][] {passwordForRefusals ? PASSWORD.toCharArray() : null};
                for (char[] password : passwords) {
                    String step = "convert " + conversion + " for " + spec + (password == null ? "" : " with a password");
                    Object outcome = call(context, step, () -> {
                        try {
                            return MaterialWorkbench.convert(conversion, input, spec, password);
                        } catch (MaterialFormatException e) {
                            return e;
                        }
                    });
                    if (outcome instanceof MaterialFormatException refused) {
                        check(refused.expected() != null && !refused.expected().isBlank() && refused.found() != null
                                && refused.getMessage() != null, context, step + ": a refusal without its texts");
                        texts.add(refused.getMessage());
                        texts.add(refused.expected());
                        texts.add(refused.found());
                    } else {
                        check(applies, context, step + " succeeded although not offered");
                        Converted result = (Converted) outcome;
                        try {
                            checkConverted(result, conversion, context + ", " + step);
                            texts.add(result.done());
                            texts.add(result.opensslCommand());
                            texts(result.detected(), texts);
                        } finally {
                            result.material().destroy();
                        }
                    }
                }
            }
        }
        return texts;
    }

    private static <T> T call(String context, String step, Supplier<T> action) {
        try {
            return action.get();
        } catch (Throwable t) {
            throw new AssertionError(context + ": " + step + " threw " + t, t);
        }
    }

    // Plain checks rather than AssertJ here: they run about a million times, and a failure names the input.

    private static void check(boolean holds, String context, String what) {
        if (!holds) {
            throw new AssertionError(context + ": " + what);
        }
    }

    /** Not null and without null elements (immutable lists throw on contains(null)). */
    private static boolean noNulls(java.util.Collection<?> elements) {
        return elements != null && elements.stream().allMatch(java.util.Objects::nonNull);
    }

    private static void checkDetected(DetectedMaterial d, int size, String context) {
        check(d != null, context, "a null detection");
        check(d.container() != null, context, "a null container");
        check(d.structure() != null, context, "a null structure");
        check(d.description() != null && !d.description().isBlank(), context, "no description");
        check(d.pemLabel() != null, context, "a null pemLabel");
        check(noNulls(d.notes()), context, "null notes: " + d);
        check(d.size() == size, context, "size " + d.size() + ", not " + size);
        check(d.pemLabel().isEmpty() || d.container() == Container.PEM, context, "a PEM label outside PEM: " + d);
        check(size != 0 || d.container() == Container.EMPTY, context, "an empty input that is not EMPTY: " + d);
        check(d.container() != Container.OVERSIZED || size > LIMIT && d.structure() == Structure.NONE, context,
                "OVERSIZED within the limit, or with a structure: " + d);
    }

    private static void checkReport(MaterialReport r, DetectedMaterial detected, KeySpec spec, boolean china,
            WrappingAlgorithm algorithm, List<Conversion> offered, String context) {
        check(r != null, context, "a null report");
        check(detected.equals(r.detected()), context, "the report's detection differs from detect's: " + r.detected());
        check(r.keySpec() == spec && r.chinaRegion() == china, context, "another key spec or Region in the report");
        check(noNulls(r.lines()) && !r.lines().isEmpty(), context, "no lines: " + r.lines());
        check(r.lines().get(0).rule().equals("keyspec.importable"), context, "the first line is not keyspec.importable");
        check(r.wrapping() != null, context, "a null wrapping line");
        Set<String> rules = new HashSet<>();
        boolean anyFailed = false;
        for (RuleResult line : r.lines()) {
            checkLine(line, context);
            check(rules.add(line.rule()), context, "rule " + line.rule() + " twice");
            anyFailed |= line.failed();
        }
        checkLine(r.wrapping(), context);
        check(r.wrapping().rule().equals("wrapping.compatible"), context, "the wrapping line is " + r.wrapping().rule());
        check(algorithm != null || r.wrapping().status() == RuleResult.Status.NOT_APPLICABLE, context,
                "a wrapping verdict without a wrapping: " + r.wrapping());
        check(noNulls(r.wrappingChoices()), context, "null wrapping choices");
        check(noNulls(offered) && noNulls(r.conversions()) && r.conversions().equals(offered), context,
                "the report's conversions " + r.conversions() + " are not conversions()' " + offered);
        check(new HashSet<>(offered).size() == offered.size(), context, "a conversion offered twice: " + offered);
        check(r.materialAccepted() == !anyFailed, context, "materialAccepted " + r.materialAccepted()
                + " although " + (anyFailed ? "a rule failed" : "no rule failed"));
        check(r.willImport() == (r.materialAccepted() && !r.wrapping().failed()), context, "willImport inconsistent");
        if (detected.size() > LIMIT) {
            check(!r.materialAccepted(), context, "oversized material accepted");
            check(!spec.supportsExternalOrigin() || line(r, "material.size").failed(), context,
                    "oversized material passes material.size");
        }
    }

    private static void checkLine(RuleResult line, String context) {
        check(line.rule() != null && !line.rule().isBlank(), context, "a line without a rule id: " + line);
        check(line.title() != null && !line.title().isBlank(), context, "a line without a title: " + line);
        check(line.status() != null && line.expected() != null && line.found() != null && line.why() != null
                && line.remedy() != null, context, "a null field: " + line);
        check(!line.failed() || !line.remedy().isBlank(), context, "a failed rule without a fix: " + line);
    }

    private static void checkConverted(Converted c, Conversion conversion, String context) {
        check(c.conversion() == conversion, context, "converted by " + c.conversion());
        check(c.material() != null && !c.material().isDestroyed(), context, "no material");
        check(c.done() != null && !c.done().isBlank(), context, "no done text");
        check(c.opensslCommand() != null && !c.opensslCommand().isBlank(), context, "no OpenSSL command");
        check(c.detected() != null, context, "no detection of the result");
        checkDetected(c.detected(), c.material().length(), context + " (the converted material)");
    }

    private static RuleResult line(MaterialReport report, String rule) {
        return report.lines().stream().filter(l -> l.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + rule + " in " + report.lines()));
    }

    private static void texts(DetectedMaterial d, List<String> texts) {
        texts.add(d.description());
        d.pemLabel().ifPresent(texts::add);
        texts.addAll(d.notes());
    }

    private static void texts(MaterialReport r, List<String> texts) {
        texts(r.detected(), texts);
        Stream.concat(r.lines().stream(), Stream.of(r.wrapping())).forEach(l -> texts.addAll(List.of(l.rule(), l.title(),
                l.expected(), l.found(), l.why(), l.remedy())));
        r.conversions().forEach(c -> texts.addAll(List.of(c.title(), c.description())));
    }

    // ================================================================ the leak check

    /**
     * No text holds the input: no 16 hexadecimal digits that spell 8 consecutive input bytes, no 16 Base64
     * characters that spell 12, and for an input with a marker, not the marker in hexadecimal, Base64 (any
     * alignment, either alphabet) or as raw characters.
     */
    private static void checkNoBytesLeak(List<String> texts, byte[] input, byte[] marker, String context) {
        // The same rule texts come back for every key spec: check each distinct text once.
        Set<String> distinct = new LinkedHashSet<>(texts);
        check(noNulls(distinct), context, "a null text");
        List<String> markerForms = marker == null ? List.of() : markerForms(marker);
        String hex = null;
        String[] base64 = null;
        for (String text : distinct) {
            Runs runs = RUNS.computeIfAbsent(text, WorkbenchRobustnessTest::runsOf);
            for (String window : runs.hex()) {
                if (hex == null) {
                    hex = HEX.formatHex(input, 0, Math.min(input.length, LIMIT + 1));
                }
                // A match at an odd position is not a run of whole bytes.
                for (int at = hex.indexOf(window); at >= 0; at = hex.indexOf(window, at + 1)) {
                    if (at % 2 == 0) {
                        throw new AssertionError(context + ": input bytes in hexadecimal in the text: " + text);
                    }
                }
            }
            for (String window : runs.base64()) {
                if (base64 == null) {
                    base64 = base64Encodings(input);
                }
                for (String encoding : base64) {
                    if (encoding.contains(window)) {
                        throw new AssertionError(context + ": input bytes in Base64 in the text: " + text);
                    }
                }
            }
            for (String form : markerForms) {
                if (text.contains(form)) {
                    throw new AssertionError(context + ": the marker " + HEX.formatHex(marker) + " (as \"" + form
                            + "\") in the text: " + text);
                }
            }
        }
        if (RUNS.size() > 50_000) {
            RUNS.clear(); // the texts that vary with the input would otherwise pile up
        }
    }

    /** The 16-character windows of a text's runs of hexadecimal digits (lower case) and of Base64 characters. */
    private record Runs(Set<String> hex, Set<String> base64) {
    }

    private static final Map<String, Runs> RUNS = new ConcurrentHashMap<>();
    private static final boolean[] HEX_DIGITS = alphabet("0123456789abcdefABCDEF");
    private static final boolean[] BASE64_CHARACTERS =
            alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private static Runs runsOf(String text) {
        return new Runs(windows(text.toLowerCase(Locale.ROOT), HEX_DIGITS), windows(text, BASE64_CHARACTERS));
    }

    private static boolean[] alphabet(String characters) {
        boolean[] in = new boolean[128];
        characters.chars().forEach(c -> in[c] = true);
        return in;
    }

    /** The input in Base64 from its first, second and third byte, so that every alignment is covered. */
    private static String[] base64Encodings(byte[] input) {
        int n = Math.min(input.length, LIMIT + 1);
        String[] encodings = new String[3];
        for (int shift = 0; shift < 3; shift++) {
            byte[] from = Arrays.copyOfRange(input, Math.min(shift, n), n);
            // Only the characters that depend on input bytes alone: whole 3-byte groups.
            encodings[shift] = Base64.getEncoder().encodeToString(Arrays.copyOf(from, from.length / 3 * 3));
        }
        return encodings;
    }

    private static List<String> markerForms(byte[] marker) {
        List<String> forms = new ArrayList<>();
        forms.add(HEX.formatHex(marker));
        forms.add(HEX.formatHex(marker).toUpperCase(Locale.ROOT));
        forms.add(new String(marker, StandardCharsets.ISO_8859_1));
        for (int shift = 0; shift < 3; shift++) {
            // The Base64 characters fully determined by the marker when it starts at offset `shift` of a group.
            byte[] padded = concat(new byte[shift], marker, new byte[2]);
            String b64 = Base64.getEncoder().encodeToString(padded);
            int firstGroup = (shift + 2) / 3;
            int lastGroup = (shift + 16) / 3; // exclusive
            String core = b64.substring(firstGroup * 4, lastGroup * 4);
            forms.add(core);
            forms.add(core.replace('+', '-').replace('/', '_'));
        }
        return forms;
    }

    /** Every 16-character window of the runs of characters of {@code alphabet} in {@code text}. */
    private static Set<String> windows(String text, boolean[] alphabet) {
        Set<String> windows = Set.of();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : 0;
            boolean in = c < 128 && alphabet[c];
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                if (i - start >= 16) {
                    if (windows.isEmpty()) {
                        windows = new HashSet<>();
                    }
                    for (int w = start; w + 16 <= i; w++) {
                        windows.add(text.substring(w, w + 16));
                    }
                }
                start = -1;
            }
        }
        return windows;
    }

    // ================================================================ inputs

    private record Fixture(String name, byte[] bytes) {
    }

    private static List<Fixture> fixtures;

    private static synchronized List<Fixture> fixtures() {
        if (fixtures == null) {
            try (Stream<Path> files = Files.list(FIXTURES)) {
                fixtures = files.filter(p -> p.toString().matches(".*\\.(der|bin|pem|txt)")).sorted()
                        .map(p -> new Fixture(p.getFileName().toString(), read(p))).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(fixtures).hasSizeGreaterThan(40);
        }
        return fixtures;
    }

    private static byte[] fixture(String name) {
        return read(FIXTURES.resolve(name));
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Random random(String family) {
        return new Random(SEED * 31 + family.hashCode());
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static byte[] marker(Random random) {
        return bytes(random, 16);
    }

    static byte[] h(String hex) {
        return HEX.parseHex(hex);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    /** {@code input} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
    private static byte[] splice(byte[] input, int at, int removed, byte[] inserted) {
        return concat(Arrays.copyOfRange(input, 0, at), inserted, Arrays.copyOfRange(input, at + removed, input.length));
    }

    static byte[] encodeLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        byte[] value = BigInteger.valueOf(length).toByteArray();
        int skip = value[0] == 0 ? 1 : 0;
        byte[] out = new byte[1 + value.length - skip];
        out[0] = (byte) (0x80 | (value.length - skip));
        System.arraycopy(value, skip, out, 1, value.length - skip);
        return out;
    }

    /** A length in the long form with a leading zero byte: valid BER, never DER. */
    private static byte[] nonMinimalLength(int length) {
        return concat(h("85"), new byte[] {0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
            (byte) length});
    }

    /** A DER element: tag, definite length, the parts as its content. */
    static byte[] der(int tag, byte[]... content) {
        byte[] body = concat(content);
        return concat(new byte[] {(byte) tag}, encodeLength(body.length), body);
    }

    private static byte[] nestedDefinite(int levels, int tag) {
        byte[] inner = h("0500");
        for (int i = 0; i < levels; i++) {
            // Long-form lengths throughout, so that every level costs 4 bytes.
            inner = concat(new byte[] {(byte) tag, (byte) 0x82, (byte) (inner.length >>> 8), (byte) inner.length}, inner);
        }
        return inner;
    }

    private static byte[] nestedShort(int levels) {
        byte[] inner = h("0500");
        for (int i = 0; i < levels; i++) {
            inner = der(0x30, inner);
        }
        return inner;
    }

    private static byte[] pem(String label, byte[] der, int width, String eol) {
        StringBuilder text = new StringBuilder("-----BEGIN " + label + "-----" + eol);
        String body = Base64.getEncoder().encodeToString(der);
        for (int at = 0; at < body.length(); at += width) {
            text.append(body, at, Math.min(body.length(), at + width)).append(eol);
        }
        text.append("-----END ").append(label).append("-----").append(eol);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hexText(byte[] payload, Random random) {
        String hex = HEX.formatHex(payload);
        hex = switch (random.nextInt(3)) {
            case 0 -> hex;
            case 1 -> hex.toUpperCase(Locale.ROOT);
            default -> {
                StringBuilder mixed = new StringBuilder(hex);
                for (int i = 0; i < mixed.length(); i++) {
                    if (random.nextBoolean()) {
                        mixed.setCharAt(i, Character.toUpperCase(mixed.charAt(i)));
                    }
                }
                yield mixed.toString();
            }
        };
        StringBuilder text = new StringBuilder();
        int layout = random.nextInt(4);
        for (int i = 0; i < hex.length(); i += 2) {
            text.append(hex, i, i + 2);
            if (layout == 1) {
                text.append(' ');
            } else if (layout == 2 && i % 64 == 62) {
                text.append('\n');
            } else if (layout == 3 && i % 32 == 30) {
                text.append("\r\n\t");
            }
        }
        if (random.nextInt(8) == 0 && text.length() > 0) {
            text.setLength(text.length() - 1); // an odd number of digits
        }
        if (random.nextBoolean()) {
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] base64Text(byte[] payload, Random random) {
        String text = switch (random.nextInt(5)) {
            case 0 -> Base64.getEncoder().encodeToString(payload);
            case 1 -> Base64.getEncoder().withoutPadding().encodeToString(payload);
            case 2 -> Base64.getMimeEncoder().encodeToString(payload);
            case 3 -> Base64.getUrlEncoder().encodeToString(payload);
            default -> Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(payload);
        };
        if (random.nextBoolean()) {
            text += "\n";
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Base64 with, at random, one kind of damage: a bad character, bad padding, a cut, or none. */
    private static String breakBase64(String body, Random random) {
        if (body.isEmpty()) {
            return body;
        }
        int at = random.nextInt(body.length());
        return switch (random.nextInt(7)) {
            case 0 -> body.substring(0, at) + "*" + body.substring(at);
            case 1 -> body.substring(0, at) + "=" + body.substring(at);
            case 2 -> body.substring(0, at);
            case 3 -> body + "===";
            case 4 -> body.substring(0, at) + "\u00e9" + body.substring(at);
            default -> body;
        };
    }

    /** The TLV headers of a DER file, found by walking its definite lengths. */
    private record Header(int lengthStart, int lengthBytes, int contentStart, int contentLength, int depth) {
    }

    private static List<Header> headers(byte[] der) {
        List<Header> out = new ArrayList<>();
        walk(der, 0, der.length, 0, out);
        return out;
    }

    private static void walk(byte[] der, int from, int to, int depth, List<Header> out) {
        int at = from;
        while (at < to && depth < 12) {
            int tag = der[at] & 0xff;
            if ((tag & 0x1f) == 0x1f || at + 1 >= to) {
                return;
            }
            int lengthStart = at + 1;
            int first = der[lengthStart] & 0xff;
            int lengthBytes;
            int length;
            if (first < 0x80) {
                lengthBytes = 1;
                length = first;
            } else if (first == 0x80 || first > 0x84) {
                return; // indefinite or absurd: not a DER header to lie about
            } else {
                int count = first & 0x7f;
                if (lengthStart + count >= to) {
                    return;
                }
                length = 0;
                for (int i = 1; i <= count; i++) {
                    length = (length << 8) | (der[lengthStart + i] & 0xff);
                }
                lengthBytes = 1 + count;
            }
            int contentStart = lengthStart + lengthBytes;
            if (length < 0 || contentStart + length > to) {
                return;
            }
            out.add(new Header(lengthStart, lengthBytes, contentStart, length, depth));
            boolean constructed = (tag & 0x20) != 0;
            if (constructed) {
                walk(der, contentStart, contentStart + length, depth + 1, out);
            } else if (tag == 0x04 && length > 2 && (der[contentStart] & 0xff) == 0x30) {
                walk(der, contentStart, contentStart + length, depth + 1, out); // the privateKey's inner structure
            }
            at = contentStart + length;
        }
    }

    /**
     * Random ASN.1 in the shapes the workbench tells apart (PKCS#8, PKCS#1, SEC 1, SubjectPublicKeyInfo,
     * EncryptedPrivateKeyInfo, certificate- and PFX-like), with random elements of every universal type in random
     * places, and the marker as the content of one OCTET STRING, BIT STRING or INTEGER somewhere inside.
     */
    private static final class Asn1Generator {

        private static final List<String> ALGORITHMS = List.of("300d06092a864886f70d0101010500",
                "300b06092a864886f70d010101", "300b06092a864886f70d01010a", "301306072a8648ce3d020106082a8648ce3d030107",
                "301306072a8648ce3d020106082a811ccf5501822d", "301006072a8648ce3d020106052b81040022",
                "300906072a8648ce3d02010500", "300506032b6570", "300706032b65700500", "300506032b6571",
                "300b0609608648016503040312", "3008060667452a030405");
        private static final List<String> LABELS = List.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY", "PUBLIC KEY", "CERTIFICATE", "EC PARAMETERS", "OPENSSH PRIVATE KEY",
                "SOMETHING", "PRIVATE KEY ", "private key", "X");

        private Asn1Generator() {
        }

        static String label(Random random) {
            return LABELS.get(random.nextInt(LABELS.size()));
        }

        static byte[] structure(Random random, byte[] marker) {
            byte[][] markerAt = {marker};
            byte[] out = switch (random.nextInt(9)) {
                case 0, 1, 2 -> pkcs8(random, markerAt);
                case 3 -> der(0x30, version(random), pick(random, markerAt), der(0x04, secret(random, markerAt)),
                        optional(random, markerAt));
                case 4 -> rsaPrivateKey(random, markerAt);
                case 5 -> ecPrivateKey(random, markerAt);
                case 6 -> der(0x30, h(ALGORITHMS.get(random.nextInt(ALGORITHMS.size()))), der(0x03, concat(h("00"),
                        secret(random, markerAt))));
                case 7 -> der(0x30, der(0x30, h("06092a864886f70d01050d"), element(random, 3, markerAt)),
                        der(0x04, secret(random, markerAt)));
                default -> element(random, 4, markerAt);
            };
            if (markerAt[0] != null) {
                out = der(0x30, out, der(0x04, marker)); // the marker always goes in somewhere
            }
            if (random.nextInt(10) == 0) {
                out = concat(out, bytes(random, 1 + random.nextInt(4))); // trailing bytes
            }
            if (random.nextInt(8) == 0 && out.length > 2 && out[0] == 0x30) {
                out = indefinite(out);
            }
            return out;
        }

        private static byte[] pkcs8(Random random, byte[][] markerAt) {
            byte[] algorithm = h(ALGORITHMS.get(random.nextInt(ALGORITHMS.size())));
            byte[] inner = switch (random.nextInt(4)) {
                case 0 -> rsaPrivateKey(random, markerAt);
                case 1 -> ecPrivateKey(random, markerAt);
                case 2 -> der(0x04, secret(random, markerAt)); // an Ed25519 CurvePrivateKey
                default -> element(random, 2, markerAt);
            };
            List<byte[]> parts = new ArrayList<>(List.of(version(random), algorithm, der(0x04, inner)));
            if (random.nextInt(4) == 0) {
                parts.add(der(0xa0, der(0x30, h("0603550403"), der(0x31, element(random, 1, markerAt)))));
            }
            if (random.nextInt(3) == 0) {
                parts.add(der(0x81, concat(h("00"), random.nextBoolean() ? secret(random, markerAt)
                        : concat(h("04"), bytes(random, 64)))));
            }
            return der(0x30, parts.toArray(byte[][]::new));
        }

        private static byte[] rsaPrivateKey(Random random, byte[][] markerAt) {
            List<byte[]> parts = new ArrayList<>();
            parts.add(random.nextInt(5) == 0 ? h("020101") : h("020100"));
            int count = random.nextInt(5) == 0 ? random.nextInt(11) : 8;
            for (int i = 0; i < count; i++) {
                parts.add(random.nextInt(10) == 0 ? element(random, 1, markerAt) : der(0x02, positive(random, markerAt)));
            }
            return der(0x30, parts.toArray(byte[][]::new));
        }

        private static byte[] ecPrivateKey(Random random, byte[][] markerAt) {
            List<byte[]> parts = new ArrayList<>(List.of(h("020101"), der(0x04, random.nextBoolean()
                    ? secret(random, markerAt) : bytes(random, 1 + random.nextInt(70)))));
            if (random.nextBoolean()) {
                parts.add(der(0xa0, random.nextBoolean() ? h("06082a8648ce3d030107") : element(random, 2, markerAt)));
            }
            if (random.nextBoolean()) {
                byte[] point = random.nextBoolean() ? concat(h("04"), bytes(random, 64))
                        : concat(new byte[] {(byte) (2 + random.nextInt(2))}, bytes(random, 32));
                parts.add(der(0xa1, der(0x03, concat(new byte[] {(byte) random.nextInt(2)}, point))));
            }
            return der(0x30, parts.toArray(byte[][]::new));
        }

        private static byte[] version(Random random) {
            return switch (random.nextInt(6)) {
                case 0 -> h("020101");
                case 1 -> h("020102");
                case 2 -> h("0201ff");
                default -> h("020100");
            };
        }

        /** The marker (the first time), else random bytes. */
        private static byte[] secret(Random random, byte[][] markerAt) {
            if (markerAt[0] != null && random.nextBoolean()) {
                byte[] m = markerAt[0];
                markerAt[0] = null;
                return random.nextBoolean() ? m : concat(bytes(random, random.nextInt(20)), m, bytes(random, 3));
            }
            return bytes(random, random.nextInt(48));
        }

        private static byte[] positive(Random random, byte[][] markerAt) {
            byte[] value = secret(random, markerAt);
            return value.length == 0 ? h("01") : concat(h("00"), value);
        }

        private static byte[] pick(Random random, byte[][] markerAt) {
            return random.nextBoolean() ? h(ALGORITHMS.get(random.nextInt(ALGORITHMS.size())))
                    : element(random, 2, markerAt);
        }

        private static byte[] optional(Random random, byte[][] markerAt) {
            return random.nextBoolean() ? new byte[0] : element(random, 2, markerAt);
        }

        /** A random element of any universal type (with odd contents at times), or a random constructed one. */
        static byte[] element(Random random, int depth, byte[][] markerAt) {
            int kind = random.nextInt(depth > 0 ? 22 : 16);
            return switch (kind) {
                case 0 -> der(0x02, positive(random, markerAt));
                case 1 -> der(0x04, secret(random, markerAt));
                case 2 -> der(0x03, concat(new byte[] {(byte) random.nextInt(9)}, secret(random, markerAt)));
                case 3 -> h("0500");
                case 4 -> h("0101ff");
                case 5 -> der(0x01, bytes(random, random.nextInt(3))); // BOOLEAN of 0 or 2 bytes
                case 6 -> der(0x06, bytes(random, random.nextInt(12))); // any OID contents, valid or not
                case 7 -> der(0x17, ascii(random)); // UTCTime
                case 8 -> der(0x18, ascii(random)); // GeneralizedTime
                case 9 -> der(0x1e, bytes(random, random.nextInt(9))); // BMPString, odd lengths too
                case 10 -> der(0x1c, bytes(random, random.nextInt(9))); // UniversalString
                case 11 -> der(0x0c, bytes(random, random.nextInt(9))); // UTF8String, not always UTF-8
                case 12 -> der(0x09, bytes(random, random.nextInt(6))); // REAL
                case 13 -> der(0x0a, bytes(random, random.nextInt(3))); // ENUMERATED, empty too
                case 14 -> der(0x0d, bytes(random, random.nextInt(6))); // RELATIVE-OID
                case 15 -> der(0x80 + random.nextInt(3), bytes(random, random.nextInt(8))); // implicit tags
                case 16, 17 -> der(0x30, children(random, depth, markerAt));
                case 18 -> der(0x31, children(random, depth, markerAt));
                case 19 -> der(0xa0 + random.nextInt(2), element(random, depth - 1, markerAt));
                case 20 -> der(0x24, der(0x04, secret(random, markerAt)), der(0x04, bytes(random, 3))); // BER
                default -> der(0x23, der(0x03, h("00"), bytes(random, 3)), der(0x03, h("07"), bytes(random, 1)));
            };
        }

        private static byte[] children(Random random, int depth, byte[][] markerAt) {
            int count = random.nextInt(5);
            byte[][] parts = new byte[count][];
            for (int i = 0; i < count; i++) {
                parts[i] = element(random, depth - 1, markerAt);
            }
            return concat(parts);
        }

        private static byte[] ascii(Random random) {
            byte[] b = new byte[random.nextInt(20)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) "0123456789Z+-.".charAt(random.nextInt(14));
            }
            return b;
        }

        /** The outer SEQUENCE re-encoded with an indefinite length (BER). */
        private static byte[] indefinite(byte[] der) {
            int first = der[1] & 0xff;
            int headerLength = first < 0x80 ? 2 : 2 + (first & 0x7f);
            return concat(h("3080"), Arrays.copyOfRange(der, headerLength, der.length), h("0000"));
        }
    }
}
