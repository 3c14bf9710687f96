package dev.byokstudio.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.InvalidCiphertextException;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.MaterialReport;
import dev.byokstudio.material.MaterialWorkbench;
import dev.byokstudio.material.RuleResult;
import dev.byokstudio.material.WrappingKeys;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.store.PooledWrappingKey;
import dev.byokstudio.store.WorkspaceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workbench's verdict is the import's: for every file of the material fixture corpus and a set of key
 * specs, the report's {@code materialAccepted()} is true exactly when the embedded KMS's ImportKeyMaterial
 * takes those exact bytes, wrapped as a person would: RSA_AES_KEY_WRAP_SHA_256 with RSA_4096 for private
 * keys, RSAES_OAEP_SHA_256 with RSA_4096 for symmetric and HMAC material, SM2PKE with SM2 for private keys
 * in cn-north-1 (which has no RSA_AES_KEY_WRAP). A refusal is any KmsException from ImportKeyMaterial.
 *
 * <p>The key specs, for each file: one or two of every family in us-east-1 (the smallest and largest where
 * size matters: SYMMETRIC_DEFAULT, HMAC_224, HMAC_512, RSA_2048, RSA_4096, ECC_NIST_P256, ECC_NIST_P521,
 * ECC_NIST_EDWARDS25519), SYMMETRIC_DEFAULT (an SM4 key) and SM2 in cn-north-1, and every other key spec for which
 * the report accepts the file, so that no acceptance goes unchecked by an import.
 *
 * <p>Some bytes no wrapping can carry to ImportKeyMaterial (an empty file under RSA-AES key wrap or SM2PKE,
 * which wrap nothing; more than one RSA-OAEP block of symmetric or HMAC material, for which KMS allows no
 * other wrapping). For those the report must refuse the material too; they are counted, not imported.
 */
class WorkbenchVerdictMatchesImportTest {

    private static final Path FIXTURES = Path.of("src", "test", "fixtures", "material");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The key specs checked in us-east-1 for every file. */
    private static final List<KeySpec> COMMERCIAL_SPECS = List.of(KeySpec.SYMMETRIC_DEFAULT, KeySpec.HMAC_224,
            KeySpec.HMAC_512, KeySpec.RSA_2048, KeySpec.RSA_4096, KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P521,
            KeySpec.ECC_NIST_EDWARDS25519);
    /** The other key specs of us-east-1, checked where the report accepts the file for them. */
    private static final List<KeySpec> OTHER_COMMERCIAL_SPECS = Arrays.stream(KeySpec.values())
            .filter(s -> s.supportsExternalOrigin() && !s.chinaRegionsOnly() && !COMMERCIAL_SPECS.contains(s)).toList();
    /** In cn-north-1: SYMMETRIC_DEFAULT (an SM4 key there) and SM2. */
    private static final List<KeySpec> CHINA_SPECS = List.of(KeySpec.SYMMETRIC_DEFAULT, KeySpec.SM2);

    private static WrappingKeyPool pool;
    private static EmbeddedKms commercial;
    private static EmbeddedKms china;
    private static final AtomicInteger IMPORTED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger UNDELIVERABLE = new AtomicInteger();
    private static final AtomicInteger FILES = new AtomicInteger();

    /**
     * One RSA_4096 wrapping key pair, stocked in the wrapping key pool once for every GetParametersForImport
     * call to come, so that no call waits for RSA_4096 generation (the pool hands out each stocked entry once;
     * that they are one key pair changes nothing here).
     */
    @BeforeAll
    static void startKmsWithStockedWrappingKeys() throws IOException {
        KeyPair rsa4096 = WrappingKeys.generate(WrappingKeySpec.RSA_4096, RANDOM);
        int calls = (fixtures().size() + 1) * (COMMERCIAL_SPECS.size() + CHINA_SPECS.size()) + 100;
        List<PooledWrappingKey> stock = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            stock.add(new PooledWrappingKey("rsa4096-" + i, WrappingKeySpec.RSA_4096,
                    SecretBytes.wrap(rsa4096.getPrivate().getEncoded()),
                    WrappingKeys.subjectPublicKeyInfo(rsa4096.getPublic())));
        }
        pool = new WrappingKeyPool(RANDOM, java.util.Map.of(), poolStorage(stock));
        commercial = kms(AccountContext.defaults());
        china = kms(AccountContext.inRegion("cn-north-1"));
    }

    /**
     * Where the pool finds its stock when it starts: only the pool's three calls (and transactions) are answered.
     * InMemoryWorkspaceStore keeps no pool, so it cannot serve here.
     */
    private static WorkspaceStore poolStorage(List<PooledWrappingKey> stock) {
        return (WorkspaceStore) Proxy.newProxyInstance(WorkspaceStore.class.getClassLoader(),
                new Class<?>[] {WorkspaceStore.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "transaction":
                            return ((Supplier<?>) args[0]).get();
                        case "pooledWrappingKeys":
                            return List.copyOf(stock);
                        case "addPooledWrappingKey":
                        case "removePooledWrappingKey":
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    private static EmbeddedKms kms(AccountContext account) {
        return new EmbeddedKms(new InMemoryWorkspaceStore(), account,
                new SimulatedClock(Clock.fixed(EmbeddedKmsFixture.START, ZoneOffset.UTC)), RANDOM, pool);
    }

    static Stream<String> fixtureFiles() throws IOException {
        return fixtures().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFiles")
    void reportVerdictIsTheImportVerdictForEveryKeySpec(String file) {
        byte[] material = fixture(file);
        List<String> mismatches = new ArrayList<>();
        for (KeySpec spec : COMMERCIAL_SPECS) {
            compare(commercial, file, material, spec, mismatches);
        }
        for (KeySpec spec : OTHER_COMMERCIAL_SPECS) {
            if (MaterialWorkbench.report(material, spec, false, null, null).materialAccepted()) {
                compare(commercial, file, material, spec, mismatches);
            }
        }
        for (KeySpec spec : CHINA_SPECS) {
            compare(china, file, material, spec, mismatches);
        }
        assertThat(mismatches).as(file).isEmpty();
        FILES.incrementAndGet();
    }

    @Test
    void everyFixtureIsChecked() throws IOException {
        // The corpus is the one MaterialWorkbenchTest's table covers file by file; here every file is imported.
        assertThat(fixtures()).hasSizeGreaterThan(60).contains("rsa2048.pkcs8.der", "p256.sec1-with-params.pem",
                "hmac-256bit-as-hex.txt", "empty.bin", "oversized-16k.bin");
    }

    @AfterAll
    static void everyKindOfOutcomeHappened() throws IOException {
        // A guard against a test that passes because nothing was imported or nothing was refused (when the
        // whole corpus ran, not one file of it).
        if (FILES.get() < fixtures().size()) {
            return;
        }
        assertThat(IMPORTED.get()).as("imports accepted").isGreaterThan(20);
        assertThat(REFUSED.get()).as("imports refused").isGreaterThan(400);
        assertThat(UNDELIVERABLE.get()).as("material no wrapping carries").isBetween(1, 200);
    }

    private static void compare(EmbeddedKms kms, String file, byte[] material, KeySpec spec, List<String> mismatches) {
        boolean chinaRegion = kms.account().isChinaRegion();
        WrappingAlgorithm algorithm;
        WrappingKeySpec wrappingKeySpec;
        if (!spec.isAsymmetric()) {
            algorithm = WrappingAlgorithm.RSAES_OAEP_SHA_256;
            wrappingKeySpec = WrappingKeySpec.RSA_4096;
        } else if (chinaRegion) {
            algorithm = WrappingAlgorithm.SM2PKE;
            wrappingKeySpec = WrappingKeySpec.SM2;
        } else {
            algorithm = WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256;
            wrappingKeySpec = WrappingKeySpec.RSA_4096;
        }
        String where = file + " as " + spec + (chinaRegion ? " in cn-north-1" : "");
        MaterialReport report = MaterialWorkbench.report(material, spec, chinaRegion, null, null);
        MaterialReport withWrapping = MaterialWorkbench.report(material, spec, chinaRegion, algorithm, wrappingKeySpec);
        if (withWrapping.wrapping().status() != RuleResult.Status.PASSED) {
            mismatches.add(where + ": the report says " + algorithm + " with " + wrappingKeySpec + " cannot carry it: "
                    + withWrapping.wrapping().found());
            return;
        }

        String keyId = EmbeddedKmsFixture.createExternal(kms, spec, usage(spec)).keyId();
        GetParametersForImportResponse parameters = ImportFixture.parameters(kms, keyId, algorithm, wrappingKeySpec);
        byte[] wrapped = wrap(parameters, material, algorithm);
        if (wrapped == null) {
            UNDELIVERABLE.incrementAndGet();
            if (report.materialAccepted()) {
                mismatches.add(where + ": the report accepts material that " + algorithm + " cannot carry");
            }
            return;
        }
        boolean imported;
        KmsException refusal = null;
        try {
            kms.importKeyMaterial(ImportFixture.request(keyId, parameters, wrapped));
            imported = true;
        } catch (KmsException e) {
            imported = false;
            refusal = e;
        }
        (imported ? IMPORTED : REFUSED).incrementAndGet();
        if (imported) {
            assertThat(EmbeddedKmsFixture.describe(kms, keyId).keyState()).as(where).isEqualTo(KeyState.Enabled);
        }
        if (report.materialAccepted() != imported) {
            mismatches.add(where + ": the report says " + (report.materialAccepted() ? "accepted" : "refused: "
                    + failedRules(report)) + ", ImportKeyMaterial " + (imported ? "imported it" : "refused it: "
                            + refusal.errorCode() + " " + refusal.explanation()));
        }
        if (withWrapping.willImport() != imported) {
            mismatches.add(where + ": willImport() with " + algorithm + " is " + withWrapping.willImport()
                    + ", the import " + (imported ? "succeeded" : "failed"));
        }
        if (refusal instanceof InvalidCiphertextException invalid && !report.materialAccepted()) {
            // KMS refuses by the same rules, and says which: each failing line's title is in its explanation.
            String explanation = String.join("\n", invalid.explanation().likelyCauses());
            for (RuleResult line : report.failures()) {
                if (!explanation.contains(line.title())) {
                    mismatches.add(where + ": the import's explanation does not name the failing rule " + line.rule()
                            + ": " + explanation);
                }
            }
        }
    }

    /**
     * {@code material} wrapped for ImportKeyMaterial, or null when no EncryptedKeyMaterial of this algorithm can
     * hold it. KeyWrapping refuses to wrap empty material; for RSA-OAEP the empty plaintext is still a valid
     * ciphertext (a person could make it with openssl pkeyutl), so it is encrypted here directly and sent, for KMS
     * to refuse after unwrapping.
     */
    private static byte[] wrap(GetParametersForImportResponse parameters, byte[] material, WrappingAlgorithm algorithm) {
        if (material.length == 0 && algorithm == WrappingAlgorithm.RSAES_OAEP_SHA_256) {
            try {
                PublicKey key = WrappingKeys.publicKey(parameters.publicKey());
                Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
                oaep.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                        PSource.PSpecified.DEFAULT), RANDOM);
                return oaep.doFinal(material);
            } catch (GeneralSecurityException | dev.byokstudio.material.MaterialFormatException e) {
                throw new AssertionError("RSA-OAEP of nothing failed", e);
            }
        }
        try {
            return ImportFixture.wrap(parameters, material, algorithm);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).containsAnyOf("empty", "does not fit");
            return null;
        }
    }

    private static KeyUsage usage(KeySpec spec) {
        switch (spec.family()) {
            case SYMMETRIC:
                return KeyUsage.ENCRYPT_DECRYPT;
            case HMAC:
                return KeyUsage.GENERATE_VERIFY_MAC;
            default:
                return KeyUsage.SIGN_VERIFY;
        }
    }

    private static String failedRules(MaterialReport report) {
        return report.failures().stream().map(RuleResult::rule).collect(Collectors.joining(","));
    }

    private static List<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("README.md") && !name.equals("regenerate.sh"))
                    .sorted().toList();
        }
    }

    private static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
