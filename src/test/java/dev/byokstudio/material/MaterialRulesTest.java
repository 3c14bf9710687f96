package dev.byokstudio.material;

import static dev.byokstudio.kms.KeySpec.ECC_NIST_EDWARDS25519;
import static dev.byokstudio.kms.KeySpec.ECC_NIST_P256;
import static dev.byokstudio.kms.KeySpec.ECC_NIST_P384;
import static dev.byokstudio.kms.KeySpec.ECC_NIST_P521;
import static dev.byokstudio.kms.KeySpec.ECC_SECG_P256K1;
import static dev.byokstudio.kms.KeySpec.HMAC_224;
import static dev.byokstudio.kms.KeySpec.HMAC_256;
import static dev.byokstudio.kms.KeySpec.HMAC_384;
import static dev.byokstudio.kms.KeySpec.HMAC_512;
import static dev.byokstudio.kms.KeySpec.ML_DSA_65;
import static dev.byokstudio.kms.KeySpec.ML_KEM_768;
import static dev.byokstudio.kms.KeySpec.RSA_2048;
import static dev.byokstudio.kms.KeySpec.RSA_3072;
import static dev.byokstudio.kms.KeySpec.RSA_4096;
import static dev.byokstudio.kms.KeySpec.SM2;
import static dev.byokstudio.kms.KeySpec.SYMMETRIC_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.SecretBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaterialRulesTest {

    private static final Path FIXTURES = Path.of("src", "test", "fixtures", "material");
    private static final String PASS = "pass";

    /**
     * What KMS says about each fixture: (file, key spec, China Region) → "pass", or the ids of the rules
     * that fail, comma-separated, in report order. The file names say what the files are; see the README
     * and regenerate.sh beside them.
     */
    private static final List<Expectation> TABLE = List.of(
            // RSA: the PKCS#8 container and its encodings
            row("rsa2048.pkcs8.der", RSA_2048, false, PASS),
            row("rsa2048.pkcs8.der", RSA_2048, true, PASS),
            row("rsa2048.pkcs8.ber-indefinite.der", RSA_2048, false, PASS),
            row("rsa2048.pkcs1.der", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.pkcs8.pem", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.pkcs8.encrypted.der", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.pkcs8.truncated.der", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.pkcs8.trailing-data.der", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.spki.der", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.x509.der", RSA_2048, false, "pkcs8.format"),
            // RSA: PEM of every label, and PEM as editors leave it: all text, none of it PKCS#8 DER
            row("rsa2048.pkcs1.pem", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.pkcs1.legacy-encrypted.pem", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.pkcs8.encrypted.pem", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.spki.pem", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.pkcs1-public.pem", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.x509.pem", RSA_2048, false, "pkcs8.format"),
            row("rsa2048-with-cert.pkcs8.pem", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.pkcs8-crlf.pem", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.pkcs8-bom.pem", RSA_2048, false, "pkcs8.format"),
            row("rsa2048.pkcs8-indented.pem", RSA_2048, false, "pkcs8.format"),
            // RSA: sizes, primes and consistency
            row("rsa3072.pkcs8.der", RSA_3072, false, PASS),
            row("rsa3072.pkcs8.der", RSA_2048, false, "rsa.modulus-size"),
            row("rsa4096.pkcs8.der", RSA_4096, false, PASS),
            row("rsa2048.pkcs8.der", RSA_4096, false, "rsa.modulus-size"),
            row("rsa2048-3prime.pkcs8.der", RSA_2048, false, "rsa.two-prime"),
            row("rsa2048-inconsistent.pkcs8.der", RSA_2048, false, "rsa.modulus-factors"),
            row("rsa2048-bad-coefficient.pkcs8.der", RSA_2048, false, "rsa.crt-parameters"),
            // RSA: other kinds of material
            row("rsa-pss2048.pkcs8.der", RSA_2048, false, "pkcs8.algorithm"),
            row("p256.pkcs8.der", RSA_2048, false, "pkcs8.algorithm"),
            row("aes256.bin", RSA_2048, false, "pkcs8.format"),
            row("garbage.der", RSA_2048, false, "pkcs8.format"),
            row("empty.bin", RSA_2048, false, "material.size"),
            row("oversized-16k.bin", RSA_4096, false, "material.size"),
            // Elliptic curves
            row("p256.pkcs8.der", ECC_NIST_P256, false, PASS),
            row("p256.pkcs8.ber-indefinite.der", ECC_NIST_P256, false, PASS),
            row("p256-nopub.pkcs8.der", ECC_NIST_P256, false, PASS),
            row("p256-compressed-pub.pkcs8.der", ECC_NIST_P256, false, PASS),
            row("p256-explicit-params.pkcs8.der", ECC_NIST_P256, false, "ec.named-curve"),
            row("p256-wrong-pub.pkcs8.der", ECC_NIST_P256, false, "ec.public-point-match"),
            row("p256-pub-off-curve.pkcs8.der", ECC_NIST_P256, false, "ec.public-point"),
            row("p256-scalar-equals-order.pkcs8.der", ECC_NIST_P256, false, "ec.private-scalar"),
            row("p256.sec1.der", ECC_NIST_P256, false, "pkcs8.format"),
            row("p256.sec1.pem", ECC_NIST_P256, false, "pkcs8.format"),
            row("p256.sec1-with-params.pem", ECC_NIST_P256, false, "pkcs8.format"),
            row("p256-no-inner-params.sec1.pem", ECC_NIST_P256, false, "pkcs8.format"),
            row("p256-explicit-params.sec1.der", ECC_NIST_P256, false, "pkcs8.format"),
            row("p256-nopub-no-params.sec1.der", ECC_NIST_P256, false, "pkcs8.format"),
            row("p256.pkcs8-as-base64.txt", ECC_NIST_P256, false, "pkcs8.format"),
            row("p256-inner-params.pkcs8.der", ECC_NIST_P256, false, PASS),
            row("p256-inner-params-p384.pkcs8.der", ECC_NIST_P256, false, "ec.parameters-agree"),
            row("p256-implicitly-ca.pkcs8.der", ECC_NIST_P256, false, "ec.named-curve"),
            row("p384.pkcs8.der", ECC_NIST_P384, false, PASS),
            row("p384.pkcs8.der", ECC_NIST_P256, false, "ec.curve"),
            row("p521.pkcs8.der", ECC_NIST_P521, false, PASS),
            row("p256.pkcs8.der", ECC_NIST_P521, false, "ec.curve"),
            row("secp256k1.pkcs8.der", ECC_SECG_P256K1, false, PASS),
            row("secp256k1.pkcs8.der", ECC_NIST_P256, false, "ec.curve"),
            row("brainpoolp256r1.pkcs8.der", ECC_NIST_P256, false, "ec.curve"),
            row("rsa2048.pkcs8.der", ECC_NIST_P256, false, "pkcs8.algorithm"),
            row("ed25519.pkcs8.der", ECC_NIST_P256, false, "pkcs8.algorithm"),
            // SM2
            row("sm2.pkcs8.der", SM2, true, PASS),
            row("sm2.pkcs8.der", SM2, false, "keyspec.importable"),
            row("sm2.pkcs8.der", ECC_NIST_P256, false, "ec.curve"),
            row("p256.pkcs8.der", SM2, true, "ec.curve"),
            // Ed25519
            row("ed25519.pkcs8.der", ECC_NIST_EDWARDS25519, false, PASS),
            row("ed25519-v2-with-pub.pkcs8.der", ECC_NIST_EDWARDS25519, false, PASS),
            row("ed25519-v2-wrong-pub.pkcs8.der", ECC_NIST_EDWARDS25519, false, "ed25519.public-key"),
            row("ed25519-bare-seed.pkcs8.der", ECC_NIST_EDWARDS25519, false, "ed25519.private-key"),
            row("ed448.pkcs8.der", ECC_NIST_EDWARDS25519, false, "pkcs8.algorithm"),
            row("p256.pkcs8.der", ECC_NIST_EDWARDS25519, false, "pkcs8.algorithm"),
            row("aes256.bin", ECC_NIST_EDWARDS25519, false, "pkcs8.format"),
            // Symmetric
            row("aes256.bin", SYMMETRIC_DEFAULT, false, PASS),
            row("aes256.bin", SYMMETRIC_DEFAULT, true, "symmetric.length"),
            row("aes128.bin", SYMMETRIC_DEFAULT, false, "symmetric.length"),
            row("aes128.bin", SYMMETRIC_DEFAULT, true, PASS),
            // 32 bytes are 32 bytes, even as hexadecimal text: AWS takes them; the report says what they look like.
            row("aes128-as-hex-text.txt", SYMMETRIC_DEFAULT, false, PASS),
            row("aes128-as-hex-text.txt", SYMMETRIC_DEFAULT, true, "symmetric.length"),
            row("aes256-as-base64.txt", SYMMETRIC_DEFAULT, false, "symmetric.length"),
            row("rsa2048.pkcs8.der", SYMMETRIC_DEFAULT, false, "symmetric.length"),
            row("garbage.der", SYMMETRIC_DEFAULT, false, "symmetric.length"),
            row("empty.bin", SYMMETRIC_DEFAULT, false, "material.size"),
            row("oversized-16k.bin", SYMMETRIC_DEFAULT, false, "material.size"),
            // HMAC
            row("hmac-224bit.bin", HMAC_224, false, PASS),
            row("hmac-224bit.bin", HMAC_256, false, "hmac.min-length"),
            row("hmac-256bit.bin", HMAC_256, false, PASS),
            row("hmac-256bit.bin", HMAC_256, true, PASS),
            row("hmac-384bit.bin", HMAC_384, false, PASS),
            row("hmac-256bit.bin", HMAC_384, false, "hmac.min-length"),
            row("hmac-512bit.bin", HMAC_512, false, PASS),
            row("hmac-384bit.bin", HMAC_512, false, "hmac.min-length"),
            row("hmac-1024bit.bin", HMAC_224, false, PASS),
            row("hmac-1024bit.bin", HMAC_512, false, PASS),
            row("hmac-2048bit.bin", HMAC_256, false, "hmac.max-length"),
            // 64 hexadecimal digits and a newline are 65 bytes: valid HMAC material, though surely not meant so.
            row("hmac-256bit-as-hex.txt", HMAC_256, false, PASS),
            row("empty.bin", HMAC_256, false, "material.size"),
            // Key specs KMS imports nothing for
            row("hmac-256bit.bin", ML_DSA_65, false, "keyspec.importable"),
            row("rsa2048.pkcs8.der", ML_KEM_768, false, "keyspec.importable"));

    private record Expectation(String file, KeySpec spec, boolean chinaRegion, String outcome) {

        List<String> failingRules() {
            return outcome.equals(PASS) ? List.of() : List.of(outcome.split(","));
        }

        @Override
        public String toString() {
            return file + " as " + spec + (chinaRegion ? " (China)" : "") + " → " + outcome;
        }
    }

    private static Expectation row(String file, KeySpec spec, boolean chinaRegion, String outcome) {
        return new Expectation(file, spec, chinaRegion, outcome);
    }

    static Stream<Arguments> table() {
        return TABLE.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void fixtureMeetsExpectation(Expectation row) {
        MaterialCheck check = check(row.spec(), row.chinaRegion(), fixture(row.file()));

        assertThat(ruleIds(check.failures())).as(report(check)).isEqualTo(row.failingRules());
        assertThat(check.passed()).isEqualTo(row.outcome().equals(PASS));
        check.accepted().ifPresent(accepted -> {
            assertThat(accepted.keySpec()).isEqualTo(row.spec());
            assertThat(accepted.publicKey().isPresent()).isEqualTo(row.spec().isAsymmetric());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void reportIsCompleteAndNeverShowsTheMaterial(Expectation row) {
        byte[] material = fixture(row.file());
        MaterialCheck check = check(row.spec(), row.chinaRegion(), material);

        assertThat(check.results()).isNotEmpty();
        assertThat(ruleIds(check.results())).doesNotHaveDuplicates();
        for (RuleResult result : check.results()) {
            assertThat(result.title()).isNotBlank();
            assertThat(result.expected()).as(result.rule()).isNotBlank();
            assertThat(result.found()).as(result.rule()).isNotBlank();
            assertThat(result.why()).as(result.rule()).isNotBlank();
            if (result.failed()) {
                assertThat(result.remedy()).as(result.rule()).isNotBlank();
            }
            if (result.status() == RuleResult.Status.NOT_APPLICABLE) {
                assertThat(result.found()).as(result.rule()).startsWith("Not checked: ");
            }
        }
        // A rule is only ever NOT_APPLICABLE because an earlier one failed.
        int firstFailure = indexOf(check.results(), RuleResult.Status.FAILED);
        int firstSkipped = indexOf(check.results(), RuleResult.Status.NOT_APPLICABLE);
        if (firstSkipped >= 0) {
            assertThat(firstFailure).isBetween(0, firstSkipped - 1);
        }
        assertRevealsNothing(check, material);
    }

    @Test
    void everyFixtureIsInTheTable() throws IOException {
        Set<String> inTable = TABLE.stream().map(Expectation::file).collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(FIXTURES)) {
            Set<String> onDisk = files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("README.md") && !name.equals("regenerate.sh"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(inTable).isEqualTo(onDisk);
        }
    }

    @Test
    void sameKeyInDerBerWithAndWithoutPublicKeyHasOneCanonicalForm() {
        assertSameCanonical(RSA_2048, "rsa2048.pkcs8.der", "rsa2048.pkcs8.ber-indefinite.der");
        assertSameCanonical(ECC_NIST_P256, "p256.pkcs8.der", "p256.pkcs8.ber-indefinite.der", "p256-nopub.pkcs8.der",
                "p256-compressed-pub.pkcs8.der", "p256-inner-params.pkcs8.der");
        assertSameCanonical(ECC_NIST_EDWARDS25519, "ed25519.pkcs8.der", "ed25519-v2-with-pub.pkcs8.der");
    }

    @Test
    void opensslDerOutputIsAlreadyCanonical() {
        for (String file : List.of("rsa2048.pkcs8.der", "p256.pkcs8.der", "p521.pkcs8.der", "ed25519.pkcs8.der")) {
            byte[] material = fixture(file);
            KeySpec spec = file.startsWith("rsa") ? RSA_2048 : file.startsWith("p256") ? ECC_NIST_P256
                    : file.startsWith("p521") ? ECC_NIST_P521 : ECC_NIST_EDWARDS25519;
            AcceptedMaterial accepted = check(spec, false, material).accepted().orElseThrow();
            assertThat(accepted.canonical().equalsConstantTime(SecretBytes.copyOf(material))).as(file).isTrue();
        }
    }

    static Stream<Arguments> acceptedAsymmetricFixtures() {
        return Stream.of(
                Arguments.of("rsa2048.pkcs8.ber-indefinite.der", RSA_2048, false, "RSA"),
                Arguments.of("rsa3072.pkcs8.der", RSA_3072, false, "RSA"),
                Arguments.of("rsa4096.pkcs8.der", RSA_4096, false, "RSA"),
                Arguments.of("p256-nopub.pkcs8.der", ECC_NIST_P256, false, "EC"),
                Arguments.of("p256-compressed-pub.pkcs8.der", ECC_NIST_P256, false, "EC"),
                Arguments.of("p384.pkcs8.der", ECC_NIST_P384, false, "EC"),
                Arguments.of("p521.pkcs8.der", ECC_NIST_P521, false, "EC"),
                Arguments.of("secp256k1.pkcs8.der", ECC_SECG_P256K1, false, "EC"),
                Arguments.of("sm2.pkcs8.der", SM2, true, "EC"),
                Arguments.of("ed25519-v2-with-pub.pkcs8.der", ECC_NIST_EDWARDS25519, false, "Ed25519"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedAsymmetricFixtures")
    void canonicalPkcs8LoadsWithKeyFactoryAndPublicKeyIsTheDerivedOne(String file, KeySpec spec, boolean china,
            String algorithm) throws GeneralSecurityException {
        AcceptedMaterial accepted = check(spec, china, fixture(file)).accepted().orElseThrow();
        byte[] canonical = accepted.canonical().revealCopy();
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm, Providers.bouncyCastle());
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(canonical));
            assertThat(accepted.publicKey()).hasValueSatisfying(
                    spki -> assertThat(spki).isEqualTo(derivedPublicKey(factory, privateKey)));
        } finally {
            Arrays.fill(canonical, (byte) 0);
        }
    }

    static Stream<KeySpec> importableSpecs() {
        return Arrays.stream(KeySpec.values()).filter(KeySpec::supportsExternalOrigin);
    }

    @ParameterizedTest
    @MethodSource("importableSpecs")
    void generatedMaterialPasses(KeySpec spec) {
        KeyMaterialGenerator generator = new KeyMaterialGenerator(new SecureRandom());
        for (boolean china : spec.chinaRegionsOnly() ? List.of(true) : List.of(false, true)) {
            if (spec.family() == KeySpec.Family.RSA && china) {
                continue; // RSA rules do not depend on the Region; generate each RSA size once
            }
            SecretBytes material = generator.generate(spec, china);
            MaterialCheck check = MaterialRules.check(spec, china, material);
            assertThat(check.failures()).as(spec + (china ? " (China)" : "") + "\n" + report(check)).isEmpty();
            assertThat(check.accepted()).isPresent();
        }
    }

    @Test
    void sixteenByteSymmetricMaterialPassesOnlyInChina() {
        byte[] sm4 = new byte[16];
        new SecureRandom().nextBytes(sm4);
        assertThat(check(SYMMETRIC_DEFAULT, true, sm4).passed()).isTrue();
        MaterialCheck commercial = check(SYMMETRIC_DEFAULT, false, sm4);
        assertThat(ruleIds(commercial.failures())).containsExactly("symmetric.length");
        assertThat(commercial.failures().get(0).remedy()).contains("China Regions").contains("openssl rand");
    }

    @Test
    void sizeLimitIsCheckedBeforeAnyParsing() {
        byte[] atLimit = new byte[MaterialRules.MAXIMUM_BYTES];
        byte[] overLimit = new byte[MaterialRules.MAXIMUM_BYTES + 1];
        atLimit[0] = overLimit[0] = 0x30;

        MaterialCheck over = check(RSA_2048, false, overLimit);
        assertThat(ruleIds(over.failures())).containsExactly("material.size");
        assertThat(over.failures().get(0).found()).contains("8193 bytes");
        assertThat(over.results().subList(2, over.results().size()))
                .allMatch(r -> r.status() == RuleResult.Status.NOT_APPLICABLE);

        MaterialCheck at = check(RSA_2048, false, atLimit);
        assertThat(at.results().get(1).status()).isEqualTo(RuleResult.Status.PASSED);
        assertThat(ruleIds(at.failures())).containsExactly("pkcs8.format");
    }

    @Test
    void keySpecsWithoutImportReportOneFailingRule() {
        for (KeySpec spec : KeySpec.values()) {
            if (!spec.supportsExternalOrigin()) {
                MaterialCheck check = check(spec, false, fixture("hmac-256bit.bin"));
                assertThat(check.results()).as(spec.name()).hasSize(1);
                assertThat(check.results().get(0).rule()).isEqualTo("keyspec.importable");
                assertThat(check.results().get(0).found()).contains("KMS cannot import key material");
            }
        }
    }

    @Test
    void messagesSayWhatWasExpectedAndWhatWasFound() {
        RuleResult size = failure(RSA_2048, false, "rsa3072.pkcs8.der");
        assertThat(size.found()).isEqualTo("Modulus 3072 bits");
        assertThat(size.expected()).isEqualTo("2048 bits (key spec RSA_2048)");
        assertThat(size.remedy()).contains("RSA_3072");

        assertThat(failure(RSA_2048, false, "rsa2048-3prime.pkcs8.der").found())
                .startsWith("3 primes; KMS accepts only two-prime RSA");
        assertThat(failure(ECC_NIST_P256, false, "p256-explicit-params.pkcs8.der").found())
                .startsWith("Curve given by explicit parameters; KMS accepts named curves only")
                .contains("P-256");
        assertThat(failure(HMAC_256, false, "hmac-2048bit.bin").remedy()).startsWith(
                "2048 bits of HMAC material; the maximum is 1024: hash it with SHA-256 and import the 256-bit digest");
        assertThat(failure(RSA_2048, false, "rsa2048.pkcs1.der").remedy())
                .contains("openssl pkcs8 -topk8 -inform DER -outform DER -nocrypt");

        RuleResult family = failure(RSA_2048, false, "p256.pkcs8.der");
        assertThat(family.found()).isEqualTo("a PKCS#8 EC private key on P-256");
        assertThat(family.expected()).startsWith("a PKCS#8 RSA private key of 2048 bits");
        assertThat(family.remedy()).contains("ECC_NIST_P256");

        assertThat(failure(RSA_2048, false, "aes256.bin").found()).contains("32 bytes").contains("not ASN.1");
        assertThat(failure(SYMMETRIC_DEFAULT, false, "rsa2048.pkcs8.der").found())
                .contains("a PKCS#8 RSA private key of 2048 bits");
        assertThat(failure(SM2, false, "sm2.pkcs8.der").found()).contains("SM2 keys exist only in the China Regions");
        assertThat(failure(RSA_2048, false, "rsa2048.pkcs8.encrypted.der").found()).contains("encrypted PKCS#8");
        assertThat(failure(RSA_2048, false, "rsa2048.pkcs8.pem").found()).contains("PEM");
        assertThat(failure(ECC_NIST_P256, false, "p256-wrong-pub.pkcs8.der").found()).contains("not d·G");
    }

    @Test
    void berIsReportedAsAcceptedBer() {
        RuleResult format = check(RSA_2048, false, fixture("rsa2048.pkcs8.ber-indefinite.der")).results().get(2);
        assertThat(format.rule()).isEqualTo("pkcs8.format");
        assertThat(format.found()).contains("BER with an indefinite-length outer SEQUENCE");
    }

    @Test
    void checkLeavesTheInputIntactAndReturnsACopy() {
        byte[] raw = fixture("aes256.bin");
        SecretBytes material = SecretBytes.copyOf(raw);
        AcceptedMaterial accepted = MaterialRules.check(SYMMETRIC_DEFAULT, false, material).accepted().orElseThrow();
        accepted.canonical().destroy();
        assertThat(material.isDestroyed()).isFalse();
        assertThat(material.equalsConstantTime(SecretBytes.copyOf(raw))).isTrue();
    }

    @Test
    void damagedMaterialNeverThrowsAndNeverLeaks() {
        Random random = new Random(20240601);
        List<Expectation> keys = TABLE.stream().filter(r -> r.outcome().equals(PASS)).toList();
        for (int i = 0; i < 1500; i++) {
            Expectation row = keys.get(random.nextInt(keys.size()));
            byte[] material = mutate(fixture(row.file()), random);
            MaterialCheck[] check = new MaterialCheck[1];
            assertThatCode(() -> check[0] = check(row.spec(), row.chinaRegion(), material))
                    .as("mutation %d of %s", i, row.file()).doesNotThrowAnyException();
            if (i % 10 == 0) {
                assertRevealsNothing(check[0], material);
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(4)) {
            case 0:
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                return bytes;
            case 1:
                return Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length));
            case 2:
                for (int k = 0; k < 3; k++) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            default:
                bytes[random.nextInt(Math.min(bytes.length, 12))] = (byte) random.nextInt(256);
                return bytes;
        }
    }

    private static byte[] derivedPublicKey(KeyFactory factory, PrivateKey privateKey) {
        try {
            if (privateKey instanceof RSAPrivateCrtKey rsa) {
                return factory.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()))
                        .getEncoded();
            }
            if (privateKey instanceof ECPrivateKey ec) {
                ECParameterSpec parameters = ec.getParameters();
                return factory.generatePublic(new ECPublicKeySpec(parameters.getG().multiply(ec.getD()).normalize(),
                        parameters)).getEncoded();
            }
            if (privateKey instanceof EdDSAPrivateKey ed) {
                return ed.getPublicKey().getEncoded();
            }
        } catch (GeneralSecurityException e) {
            throw new AssertionError("KeyFactory could not derive the public key", e);
        }
        throw new AssertionError("unexpected private key type " + privateKey.getClass());
    }

    private static void assertSameCanonical(KeySpec spec, String... files) {
        AcceptedMaterial first = check(spec, false, fixture(files[0])).accepted().orElseThrow();
        for (String file : Arrays.asList(files).subList(1, files.length)) {
            AcceptedMaterial other = check(spec, false, fixture(file)).accepted().orElseThrow();
            assertThat(other.canonical().equalsConstantTime(first.canonical())).as(file + " vs " + files[0]).isTrue();
            assertThat(other.publicKey().orElseThrow()).as(file).isEqualTo(first.publicKey().orElseThrow());
        }
    }

    /** No text of the report contains the material's bytes as hex (any 8-byte run) or Base64. */
    private static void assertRevealsNothing(MaterialCheck check, byte[] material) {
        List<String> forbidden = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i + 8 <= material.length; i++) {
            forbidden.add(hex.formatHex(material, i, i + 8));
        }
        if (material.length >= 6) {
            for (int shift = 0; shift < 3; shift++) {
                String base64 = Base64.getEncoder().encodeToString(Arrays.copyOfRange(material, shift, material.length));
                forbidden.add(base64.substring(0, Math.min(12, base64.length() - 4)));
            }
        }
        for (RuleResult result : check.results()) {
            for (String text : List.of(result.title(), result.expected(), result.found(), result.why(),
                    result.remedy())) {
                String lower = text.toLowerCase(Locale.ROOT);
                for (String secret : forbidden) {
                    boolean isHex = secret.length() == 16 && secret.chars().allMatch(c -> Character.digit(c, 16) >= 0);
                    assertThat(isHex ? lower : text).as("%s of rule %s", text, result.rule())
                            .doesNotContain(isHex ? secret.toLowerCase(Locale.ROOT) : secret);
                }
            }
        }
    }

    private static RuleResult failure(KeySpec spec, boolean china, String file) {
        MaterialCheck check = check(spec, china, fixture(file));
        assertThat(check.failures()).as(report(check)).hasSize(1);
        return check.failures().get(0);
    }

    private static MaterialCheck check(KeySpec spec, boolean china, byte[] material) {
        return MaterialRules.check(spec, china, SecretBytes.copyOf(material));
    }

    private static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ruleIds(List<RuleResult> results) {
        return results.stream().map(RuleResult::rule).toList();
    }

    private static int indexOf(List<RuleResult> results, RuleResult.Status status) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).status() == status) {
                return i;
            }
        }
        return -1;
    }

    private static String report(MaterialCheck check) {
        return check.results().stream()
                .map(r -> r.status() + " " + r.rule() + ": found " + r.found() + "; expected " + r.expected())
                .collect(Collectors.joining("\n"));
    }
}
