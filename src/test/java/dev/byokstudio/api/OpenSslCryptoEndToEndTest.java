package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.assertAwsError;
import static dev.byokstudio.api.EndpointTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.kms.DataKeyPairSpec;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.OpenSslCommands;
import dev.byokstudio.material.WrappingCompatibility;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DeriveSharedSecretResponse;
import software.amazon.awssdk.services.kms.model.ExpirationModelType;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairWithoutPlaintextResponse;
import software.amazon.awssdk.services.kms.model.GenerateMacResponse;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.VerifyResponse;

/**
 * What BYOK Studio does with imported key material, checked against the real {@code openssl} (3.x): key
 * material made by OpenSSL as AWS's documentation makes it ({@code openssl genpkey}, {@code openssl rand}),
 * imported into EXTERNAL keys through the AWS SDK for Java v2 by AWS's documented procedure, then
 *
 * <ul>
 *   <li>GetPublicKey returns, byte for byte, the public key {@code openssl pkey -pubout} derives;</li>
 *   <li>Sign's signatures (every signing algorithm, RAW and DIGEST) verify with {@code openssl dgst -verify}
 *       or {@code openssl pkeyutl -verify} and GetPublicKey's key, and OpenSSL's signatures verify with
 *       Verify;</li>
 *   <li>GenerateMac equals {@code openssl dgst -mac HMAC} over the same key bytes, and VerifyMac accepts it;</li>
 *   <li>what OpenSSL encrypts to the public key decrypts with Decrypt, and the other way round;</li>
 *   <li>DeriveSharedSecret equals {@code openssl pkeyutl -derive} on the peer's side, AWS's documented
 *       offline derivation;</li>
 *   <li>GenerateDataKeyPair's private keys are keys OpenSSL reads, whose public key is the one returned.</li>
 * </ul>
 *
 * SM2 runs in cn-north-1 where this openssl has SM2. The OpenSSL commands run in a few batched bash
 * scripts, not one process per check. Skipped, with the reason, where bash, OpenSSL 3 or xxd is missing,
 * and case by case where this OpenSSL cannot do what a case needs (Ed25519ph before OpenSSL 3.2, SM2
 * key agreement).
 */
class OpenSslCryptoEndToEndTest {

    private static final long TIMEOUT_SECONDS = 90;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String CHINA = "cn-north-1";
    /** The SM2 distinguishing ID KMS uses, GB/T 32918's default. */
    private static final String SM2_ID = "1234567812345678";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why no test can run here (no bash, openssl 3 or xxd), or null. */
    static String missing;
    static String opensslVersion;
    static boolean opensslHasSm2;
    /** Why this openssl cannot check Ed25519ph signatures, or null when it can. */
    static String ed25519phUnsupported;
    /** Why this openssl's SM2 derivation cannot be compared with KMS's ECDH, or null when it can. */
    static String sm2DeriveUnsupported;

    static EmbeddedKms kms;
    static KmsEndpoint endpoint;
    static KmsClient client;
    static EmbeddedKms chinaKms;
    static KmsEndpoint chinaEndpoint;
    static KmsClient chinaClient;

    @TempDir
    static Path work;

    /** Private keys made by OpenSSL, by name. */
    static final Map<String, Material> MATERIALS = new LinkedHashMap<>();
    /** The EXTERNAL KMS keys that hold them, by name. */
    static final Map<String, ImportedKey> KEYS = new LinkedHashMap<>();

    /**
     * Key material made by OpenSSL in the work folder: for a private key, {@code NAME.pem} (what genpkey
     * wrote), {@code NAME.der} (PKCS#8 DER, what is imported) and {@code NAME.pub.der} (its public key as
     * {@code openssl pkey -pubout -outform DER} derives it); for an HMAC key, {@code NAME.bin} from
     * {@code openssl rand}.
     */
    record Material(String name, KeySpec spec, String generation, boolean china) {

        String pem() {
            return name + ".pem";
        }

        String der() {
            return name + ".der";
        }

        String publicDer() {
            return name + ".pub.der";
        }

        String raw() {
            return name + ".bin";
        }

        String importFile() {
            return spec.isAsymmetric() ? der() : raw();
        }
    }

    /** An EXTERNAL key with OpenSSL's material, and (for asymmetric keys) its GetPublicKey answer. */
    record ImportedKey(String name, Material material, KeyUsage usage, String keyId, String arn,
            GetPublicKeyResponse publicKey) {

        boolean china() {
            return material.china();
        }

        KmsClient client() {
            return china() ? chinaClient : client;
        }

        KeySpec spec() {
            return material.spec();
        }

        /** GetPublicKey's public key as PEM, written by this test: {@code NAME.kms.pem}. */
        String kmsPublicPem() {
            return name + ".kms.pem";
        }

        @Override
        public String toString() {
            return name + " (" + spec() + " " + usage + (china() ? ", " + CHINA : "") + ")";
        }
    }

    /** A key to create and import: its name, the material's name and the key usage; filled in on creation. */
    static final class Planned {

        final String name;
        final String material;
        final KeyUsage usage;
        String keyId;
        String arn;

        Planned(String name, String material, KeyUsage usage) {
            this.name = name;
            this.material = material;
            this.usage = usage;
        }
    }

    // ---------------------------------------------------------------- set-up: OpenSSL's material, imported

    @BeforeAll
    static void makeMaterialWithOpenSslAndImportIt() throws Exception {
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

        material("RSA_2048", KeySpec.RSA_2048, "-algorithm RSA -pkeyopt rsa_keygen_bits:2048");
        material("RSA_3072", KeySpec.RSA_3072, "-algorithm RSA -pkeyopt rsa_keygen_bits:3072");
        material("RSA_4096", KeySpec.RSA_4096, "-algorithm RSA -pkeyopt rsa_keygen_bits:4096");
        material("P256", KeySpec.ECC_NIST_P256, "-algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        material("P384", KeySpec.ECC_NIST_P384, "-algorithm EC -pkeyopt ec_paramgen_curve:P-384");
        material("P521", KeySpec.ECC_NIST_P521, "-algorithm EC -pkeyopt ec_paramgen_curve:P-521");
        material("SECP256K1", KeySpec.ECC_SECG_P256K1, "-algorithm EC -pkeyopt ec_paramgen_curve:secp256k1");
        material("ED25519", KeySpec.ECC_NIST_EDWARDS25519, "-algorithm ED25519");
        // the other party of each key agreement: never imported
        material("PEER_P256", KeySpec.ECC_NIST_P256, "-algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        material("PEER_P384", KeySpec.ECC_NIST_P384, "-algorithm EC -pkeyopt ec_paramgen_curve:P-384");
        material("PEER_P521", KeySpec.ECC_NIST_P521, "-algorithm EC -pkeyopt ec_paramgen_curve:P-521");
        for (KeySpec hmac : List.of(KeySpec.HMAC_224, KeySpec.HMAC_256, KeySpec.HMAC_384, KeySpec.HMAC_512)) {
            material(hmac.name(), hmac, "rand", false);
        }
        if (opensslHasSm2) {
            material("SM2", KeySpec.SM2, "-algorithm EC -pkeyopt ec_paramgen_curve:SM2", true);
            material("PEER_SM2", KeySpec.SM2, "-algorithm EC -pkeyopt ec_paramgen_curve:SM2", true);
        }
        Process generation = generate();

        List<Planned> planned = new ArrayList<>();
        for (String rsa : List.of("RSA_2048", "RSA_3072", "RSA_4096")) {
            planned.add(new Planned(rsa + "_SIGN", rsa, KeyUsage.SIGN_VERIFY));
            planned.add(new Planned(rsa + "_ENCRYPT", rsa, KeyUsage.ENCRYPT_DECRYPT));
        }
        for (String ec : List.of("P256", "P384", "P521")) {
            planned.add(new Planned(ec + "_SIGN", ec, KeyUsage.SIGN_VERIFY));
            planned.add(new Planned(ec + "_ECDH", ec, KeyUsage.KEY_AGREEMENT));
        }
        planned.add(new Planned("SECP256K1_SIGN", "SECP256K1", KeyUsage.SIGN_VERIFY));
        planned.add(new Planned("ED25519_SIGN", "ED25519", KeyUsage.SIGN_VERIFY));
        for (String hmac : List.of("HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512")) {
            planned.add(new Planned(hmac, hmac, KeyUsage.GENERATE_VERIFY_MAC));
        }
        if (opensslHasSm2) {
            planned.add(new Planned("SM2_SIGN", "SM2", KeyUsage.SIGN_VERIFY));
            planned.add(new Planned("SM2_ENCRYPT", "SM2", KeyUsage.ENCRYPT_DECRYPT));
            planned.add(new Planned("SM2_ECDH", "SM2", KeyUsage.KEY_AGREEMENT));
        }
        importAll(planned, generation);
    }

    private static void material(String name, KeySpec spec, String generation) {
        material(name, spec, generation, false);
    }

    private static void material(String name, KeySpec spec, String generation, boolean china) {
        MATERIALS.put(name, new Material(name, spec, generation, china));
    }

    /**
     * One script, started in the background: every {@code openssl genpkey} at once (RSA-4096 takes a
     * while), then each private key to PKCS#8 DER and its public key as OpenSSL derives it, and the HMAC
     * keys from {@code openssl rand}.
     */
    private static Process generate() throws IOException {
        StringBuilder script = new StringBuilder("set -euo pipefail\npids=()\n");
        for (Material m : MATERIALS.values()) {
            if (m.spec().isAsymmetric()) {
                script.append("openssl genpkey -quiet ").append(m.generation()).append(" -out ").append(m.pem())
                        .append(" &\npids+=($!)\n");
            }
        }
        script.append("for p in \"${pids[@]}\"; do wait \"$p\"; done\n");
        for (Material m : MATERIALS.values()) {
            if (m.spec().isAsymmetric()) {
                script.append("openssl pkcs8 -topk8 -nocrypt -in ").append(m.pem()).append(" -outform DER -out ")
                        .append(m.der()).append('\n');
                script.append("openssl pkey -in ").append(m.pem()).append(" -pubout -outform DER -out ")
                        .append(m.publicDer()).append('\n');
            } else {
                script.append("openssl rand -out ").append(m.raw()).append(' ')
                        .append(hmacKeyLength(m.spec())).append('\n');
            }
        }
        Files.writeString(work.resolve("generate.sh"), script.toString(), StandardCharsets.UTF_8);
        return new ProcessBuilder("bash", "generate.sh").directory(work.toFile())
                .redirectOutput(work.resolve("generate.out").toFile()).redirectError(work.resolve("generate.err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** The length of the HMAC key openssl rand makes: AWS's minimum for the spec. */
    private static int hmacKeyLength(KeySpec spec) {
        switch (spec) {
            case HMAC_224:
                return 28;
            case HMAC_256:
                return 32;
            case HMAC_384:
                return 48;
            case HMAC_512:
                return 64;
            default:
                throw new IllegalArgumentException(spec + " is not an HMAC key spec");
        }
    }

    /**
     * AWS's documented import for every planned key: CreateKey (EXTERNAL), GetParametersForImport with
     * AWS's preferred wrapping algorithm (and an RSA_2048 wrapping key where KMS allows one, to stay fast),
     * the parameters saved as the CLI saves them, AWS's OpenSSL commands ({@link OpenSslCommands}) run over
     * OpenSSL's material in one script, ImportKeyMaterial with the files, then GetPublicKey.
     */
    private static void importAll(List<Planned> planned, Process generation) throws Exception {
        // KMS makes an RSA wrapping key for each GetParametersForImport: two at a time, while OpenSSL generates
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> scripts = new ArrayList<>();
            for (Planned b : planned) {
                scripts.add(pool.submit(() -> createAndGetParameters(b)));
            }
            StringBuilder script = new StringBuilder("set -euo pipefail\n");
            for (Future<String> part : scripts) {
                script.append(part.get());
            }
            if (!generation.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                generation.destroyForcibly();
                fail("generate.sh timed out after " + TIMEOUT_SECONDS + " s");
            }
            assertThat(generation.exitValue()).as("exit status of generate.sh; stderr:%n%s",
                    Files.readString(work.resolve("generate.err"))).isZero();
            runScript("import.sh", script.toString());
        } finally {
            pool.shutdownNow();
        }
        for (Planned b : planned) {
            Material m = MATERIALS.get(b.material);
            KmsClient kmsClient = m.china() ? chinaClient : client;
            Path dir = work.resolve("import-" + b.name);
            SdkBytes encrypted = SdkBytes.fromByteArray(Files.readAllBytes(dir.resolve(OpenSslCommands.ENCRYPTED_KEY_MATERIAL)));
            SdkBytes token = SdkBytes.fromByteArray(Files.readAllBytes(dir.resolve(OpenSslCommands.IMPORT_TOKEN)));
            kmsClient.importKeyMaterial(r -> r.keyId(b.keyId).encryptedKeyMaterial(encrypted).importToken(token)
                    .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));
            KeyState state = kmsClient.describeKey(r -> r.keyId(b.keyId)).keyMetadata().keyState();
            assertThat(state).as("state of %s after the import", b.name).isEqualTo(KeyState.ENABLED);
            GetPublicKeyResponse publicKey = null;
            if (m.spec().isAsymmetric()) {
                publicKey = kmsClient.getPublicKey(r -> r.keyId(b.keyId));
                Files.writeString(work.resolve(b.name + ".kms.pem"), pem(publicKey.publicKey().asByteArray()),
                        StandardCharsets.US_ASCII);
            }
            KEYS.put(b.name, new ImportedKey(b.name, m, b.usage, b.keyId, b.arn, publicKey));
        }
    }

    /** CreateKey (EXTERNAL) and GetParametersForImport for one key; returns its part of the import script. */
    private static String createAndGetParameters(Planned b) throws IOException {
        Material m = MATERIALS.get(b.material);
        KmsClient kmsClient = m.china() ? chinaClient : client;
        KeyMetadata key = kmsClient.createKey(r -> r.origin(OriginType.EXTERNAL).keySpec(m.spec().name())
                .keyUsage(b.usage.name())).keyMetadata();
        b.keyId = key.keyId();
        b.arn = key.arn();
        WrappingCompatibility.Combination first = WrappingCompatibility.choices(m.spec(), m.china()).get(0);
        WrappingKeySpec wrappingKeySpec = WrappingCompatibility.allows(first.algorithm(), WrappingKeySpec.RSA_2048,
                m.spec(), m.china()) ? WrappingKeySpec.RSA_2048 : first.wrappingKeySpec();
        Path dir = Files.createDirectories(work.resolve("import-" + b.name));
        saveParameters(kmsClient, key.keyId(), first.algorithm(), wrappingKeySpec, dir);
        StringBuilder script = new StringBuilder("(\ncd ").append(dir.getFileName()).append('\n');
        for (String command : OpenSslCommands.forImport(m.spec(), m.china(), first.algorithm(), "../" + m.importFile())) {
            script.append(command).append('\n');
        }
        return script.append(")\n").toString();
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

    // ---------------------------------------------------------------- GetPublicKey

    @TestFactory
    Stream<DynamicTest> getPublicKeyIsThePublicKeyOpenSslDerivesFromTheImportedPrivateKey() {
        requireOpenSsl3();
        List<DynamicTest> tests = new ArrayList<>();
        for (ImportedKey key : KEYS.values()) {
            if (!key.spec().isAsymmetric()) {
                continue;
            }
            tests.add(dynamicTest(key.toString(), () -> {
                byte[] openssl = Files.readAllBytes(work.resolve(key.material().publicDer()));
                assertThat(key.publicKey().publicKey().asByteArray())
                        .as("GetPublicKey's PublicKey against openssl pkey -in %s -pubout -outform DER", key.material().pem())
                        .isEqualTo(openssl);
                assertThat(key.publicKey().keyId()).isEqualTo(key.arn());
                assertThat(key.publicKey().keySpecAsString()).isEqualTo(key.spec().name());
                assertThat(key.publicKey().keyUsageAsString()).isEqualTo(key.usage().name());
            }));
        }
        tests.addAll(sm2Missing("SM2 keys"));
        return tests.stream();
    }

    // ---------------------------------------------------------------- Sign and Verify

    /** One signature: a key, an algorithm and a message type, with the files the OpenSSL side uses. */
    record SignatureCase(ImportedKey key, SigningAlgorithm algorithm, MessageType type, String file) {

        @Override
        public String toString() {
            return key.name() + " " + algorithm + " " + type;
        }
    }

    /** Every signing algorithm of every SIGN_VERIFY key, with each message type the algorithm takes. */
    private static List<SignatureCase> signatureCases(String prefix) {
        List<SignatureCase> cases = new ArrayList<>();
        for (ImportedKey key : KEYS.values()) {
            if (key.usage() != KeyUsage.SIGN_VERIFY) {
                continue;
            }
            for (SigningAlgorithm algorithm : key.spec().signingAlgorithms(KeyUsage.SIGN_VERIFY)) {
                for (MessageType type : List.of(MessageType.RAW, MessageType.DIGEST)) {
                    boolean takes = algorithm == SigningAlgorithm.ED25519_SHA_512 ? type == MessageType.RAW
                            : algorithm != SigningAlgorithm.ED25519_PH_SHA_512 || type == MessageType.DIGEST;
                    if (takes) {
                        cases.add(new SignatureCase(key, algorithm, type,
                                prefix + "-" + key.name() + "-" + algorithm + "-" + type));
                    }
                }
            }
        }
        return cases;
    }

    /**
     * Sign through the SDK (for DIGEST, the digest computed here: SHA-2, SHA-512 for Ed25519ph, SM3(Z ‖ M)
     * for SM2DSA), then OpenSSL checks each signature against the whole message with GetPublicKey's key,
     * and refuses it for a message with one bit changed.
     */
    @TestFactory
    Stream<DynamicTest> kmsSignaturesVerifyWithOpenSslAndGetPublicKeysKey() throws Exception {
        requireOpenSsl3();
        Batch batch = new Batch("verify-kms-signatures");
        Map<SignatureCase, int[]> checks = new LinkedHashMap<>();
        Map<SignatureCase, Throwable> failed = new LinkedHashMap<>();
        for (SignatureCase c : signatureCases("kms-sig")) {
            if (c.algorithm() == SigningAlgorithm.ED25519_PH_SHA_512 && ed25519phUnsupported != null) {
                continue;
            }
            try {
                byte[] message = message(c.toString());
                byte[] sent = c.type() == MessageType.DIGEST ? digest(c.algorithm(), message, c.key()) : message;
                byte[] signature = c.key().client().sign(r -> r.keyId(c.key().keyId()).message(SdkBytes.fromByteArray(sent))
                        .messageType(c.type()).signingAlgorithm(c.algorithm().name())).signature().asByteArray();
                Files.write(work.resolve(c.file() + ".msg"), message);
                Files.write(work.resolve(c.file() + ".altered"), altered(message));
                Files.write(work.resolve(c.file() + ".sig"), signature);
                String verify = opensslVerify(c.algorithm(), c.key().kmsPublicPem(), c.file() + ".sig");
                checks.put(c, new int[] {batch.add(verify + c.file() + ".msg"), batch.add(verify + c.file() + ".altered")});
            } catch (RuntimeException | IOException e) {
                failed.put(c, e);
            }
        }
        List<Outcome> outcomes = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (SignatureCase c : signatureCases("kms-sig")) {
            tests.add(dynamicTest(c.toString(), () -> {
                if (c.algorithm() == SigningAlgorithm.ED25519_PH_SHA_512 && ed25519phUnsupported != null) {
                    Assumptions.abort(ed25519phUnsupported);
                }
                rethrow(failed.get(c));
                Outcome good = outcomes.get(checks.get(c)[0]);
                Outcome bad = outcomes.get(checks.get(c)[1]);
                good.assertSucceeded();
                assertThat(good.stdout()).containsAnyOf("Verified OK", "Signature Verified Successfully");
                assertThat(bad.exit()).as("exit of %s over a changed message; stdout: %s", bad.command(), bad.stdout())
                        .isNotZero();
            }));
        }
        tests.addAll(sm2Missing("SM2DSA"));
        return tests.stream();
    }

    /**
     * OpenSSL signs with the private key it made; Verify accepts the signature for the message (RAW) and
     * for its digest (DIGEST), and refuses it for a changed message.
     */
    @TestFactory
    Stream<DynamicTest> openSslSignaturesVerifyThroughTheSdk() throws Exception {
        requireOpenSsl3();
        Batch batch = new Batch("sign-with-openssl");
        Map<SignatureCase, Integer> signed = new LinkedHashMap<>();
        List<SignatureCase> cases = new ArrayList<>();
        for (SignatureCase c : signatureCases("openssl-sig")) {
            if (c.type() == MessageType.RAW || c.algorithm() == SigningAlgorithm.ED25519_PH_SHA_512) {
                cases.add(c); // one OpenSSL signature per algorithm, checked as RAW and as DIGEST
            }
        }
        for (SignatureCase c : cases) {
            if (c.algorithm() == SigningAlgorithm.ED25519_PH_SHA_512 && ed25519phUnsupported != null) {
                continue;
            }
            Files.write(work.resolve(c.file() + ".msg"), message(c.toString()));
            signed.put(c, batch.add(opensslSign(c.algorithm(), c.key().material().pem(), c.file())));
        }
        List<Outcome> outcomes = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (SignatureCase c : cases) {
            tests.add(dynamicTest(c.key().name() + " " + c.algorithm(), () -> {
                if (c.algorithm() == SigningAlgorithm.ED25519_PH_SHA_512 && ed25519phUnsupported != null) {
                    Assumptions.abort(ed25519phUnsupported);
                }
                outcomes.get(signed.get(c)).assertSucceeded();
                byte[] message = Files.readAllBytes(work.resolve(c.file() + ".msg"));
                SdkBytes signature = SdkBytes.fromByteArray(Files.readAllBytes(work.resolve(c.file() + ".sig")));
                KmsClient kmsClient = c.key().client();
                String keyId = c.key().keyId();
                String algorithm = c.algorithm().name();
                if (c.algorithm() != SigningAlgorithm.ED25519_PH_SHA_512) {
                    VerifyResponse raw = kmsClient.verify(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(message))
                            .messageType(MessageType.RAW).signature(signature).signingAlgorithm(algorithm));
                    assertThat(raw.signatureValid()).as("Verify, RAW").isTrue();
                    assertThat(raw.keyId()).isEqualTo(c.key().arn());
                    assertThat(raw.signingAlgorithmAsString()).isEqualTo(algorithm);
                }
                if (c.algorithm() != SigningAlgorithm.ED25519_SHA_512) {
                    byte[] digest = digest(c.algorithm(), message, c.key());
                    VerifyResponse ofDigest = kmsClient.verify(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(digest))
                            .messageType(MessageType.DIGEST).signature(signature).signingAlgorithm(algorithm));
                    assertThat(ofDigest.signatureValid()).as("Verify, DIGEST").isTrue();
                }
                MessageType type = c.algorithm() == SigningAlgorithm.ED25519_PH_SHA_512 ? MessageType.DIGEST : MessageType.RAW;
                byte[] changed = type == MessageType.DIGEST ? digest(c.algorithm(), altered(message), c.key()) : altered(message);
                KmsInvalidSignatureException e = thrown(KmsInvalidSignatureException.class, () -> kmsClient.verify(r -> r
                        .keyId(keyId).message(SdkBytes.fromByteArray(changed)).messageType(type).signature(signature)
                        .signingAlgorithm(algorithm)));
                assertAwsError(e, "KMSInvalidSignatureException", null);
            }));
        }
        tests.addAll(sm2Missing("SM2DSA"));
        return tests.stream();
    }

    /** The openssl command that checks a signature with a public key PEM; the message file goes last. */
    private static String opensslVerify(SigningAlgorithm algorithm, String publicPem, String signature) {
        switch (algorithm) {
            case RSASSA_PKCS1_V1_5_SHA_256:
            case RSASSA_PKCS1_V1_5_SHA_384:
            case RSASSA_PKCS1_V1_5_SHA_512:
            case ECDSA_SHA_256:
            case ECDSA_SHA_384:
            case ECDSA_SHA_512:
                return "openssl dgst -" + hash(algorithm) + " -verify " + publicPem + " -signature " + signature + " ";
            case RSASSA_PSS_SHA_256:
            case RSASSA_PSS_SHA_384:
            case RSASSA_PSS_SHA_512:
                return "openssl dgst -" + hash(algorithm) + " -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:"
                        + digestLength(algorithm) + " -verify " + publicPem + " -signature " + signature + " ";
            case ED25519_SHA_512:
                return "openssl pkeyutl -verify -pubin -inkey " + publicPem + " -rawin -sigfile " + signature + " -in ";
            case ED25519_PH_SHA_512:
                return "openssl pkeyutl -verify -pubin -inkey " + publicPem + " -rawin -pkeyopt instance:Ed25519ph -sigfile "
                        + signature + " -in ";
            case SM2DSA:
                return "openssl pkeyutl -verify -pubin -inkey " + publicPem + " -rawin -digest sm3 -pkeyopt distid:" + SM2_ID
                        + " -sigfile " + signature + " -in ";
            default:
                throw new IllegalArgumentException("no OpenSSL command for " + algorithm);
        }
    }

    /** The openssl command that signs {@code FILE.msg} into {@code FILE.sig} with a private key PEM. */
    private static String opensslSign(SigningAlgorithm algorithm, String privatePem, String file) {
        String in = file + ".msg";
        String out = file + ".sig";
        switch (algorithm) {
            case RSASSA_PKCS1_V1_5_SHA_256:
            case RSASSA_PKCS1_V1_5_SHA_384:
            case RSASSA_PKCS1_V1_5_SHA_512:
            case ECDSA_SHA_256:
            case ECDSA_SHA_384:
            case ECDSA_SHA_512:
                return "openssl dgst -" + hash(algorithm) + " -sign " + privatePem + " -out " + out + " " + in;
            case RSASSA_PSS_SHA_256:
            case RSASSA_PSS_SHA_384:
            case RSASSA_PSS_SHA_512:
                return "openssl dgst -" + hash(algorithm) + " -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest"
                        + " -sign " + privatePem + " -out " + out + " " + in;
            case ED25519_SHA_512:
                return "openssl pkeyutl -sign -inkey " + privatePem + " -rawin -in " + in + " -out " + out;
            case ED25519_PH_SHA_512:
                return "openssl pkeyutl -sign -inkey " + privatePem + " -rawin -pkeyopt instance:Ed25519ph -in " + in
                        + " -out " + out;
            case SM2DSA:
                return "openssl pkeyutl -sign -inkey " + privatePem + " -rawin -digest sm3 -pkeyopt distid:" + SM2_ID
                        + " -in " + in + " -out " + out;
            default:
                throw new IllegalArgumentException("no OpenSSL command for " + algorithm);
        }
    }

    // ---------------------------------------------------------------- GenerateMac and VerifyMac

    @TestFactory
    Stream<DynamicTest> generateMacEqualsOpenSslHmacOverTheSameKeyBytes() throws Exception {
        requireOpenSsl3();
        Batch batch = new Batch("hmac");
        Map<ImportedKey, Integer> macs = new LinkedHashMap<>();
        List<ImportedKey> keys = KEYS.values().stream().filter(k -> k.usage() == KeyUsage.GENERATE_VERIFY_MAC).toList();
        for (ImportedKey key : keys) {
            String file = "mac-" + key.name();
            Files.write(work.resolve(file + ".msg"), message(file));
            String hex = HexFormat.of().formatHex(Files.readAllBytes(work.resolve(key.material().raw())));
            macs.put(key, batch.add("openssl dgst -" + macHash(key.spec()) + " -mac HMAC -macopt hexkey:" + hex
                    + " -binary -out " + file + ".mac " + file + ".msg"));
        }
        List<Outcome> outcomes = batch.run();
        return keys.stream().map(key -> dynamicTest(key.toString(), () -> {
            outcomes.get(macs.get(key)).assertSucceeded();
            String file = "mac-" + key.name();
            byte[] message = Files.readAllBytes(work.resolve(file + ".msg"));
            byte[] openssl = Files.readAllBytes(work.resolve(file + ".mac"));
            String algorithm = "HMAC_" + macHash(key.spec()).toUpperCase(java.util.Locale.ROOT).replace("SHA", "SHA_");

            GenerateMacResponse mac = client.generateMac(r -> r.keyId(key.keyId()).macAlgorithm(algorithm)
                    .message(SdkBytes.fromByteArray(message)));
            assertThat(mac.mac().asByteArray()).as("GenerateMac against openssl dgst -mac HMAC").isEqualTo(openssl);
            assertThat(mac.macAlgorithmAsString()).isEqualTo(algorithm);
            assertThat(mac.keyId()).isEqualTo(key.arn());
            assertThat(client.verifyMac(r -> r.keyId(key.keyId()).macAlgorithm(algorithm).message(SdkBytes.fromByteArray(message))
                    .mac(SdkBytes.fromByteArray(openssl))).macValid()).as("VerifyMac of OpenSSL's MAC").isTrue();
            KmsInvalidMacException e = thrown(KmsInvalidMacException.class, () -> client.verifyMac(r -> r.keyId(key.keyId())
                    .macAlgorithm(algorithm).message(SdkBytes.fromByteArray(altered(message)))
                    .mac(SdkBytes.fromByteArray(openssl))));
            assertAwsError(e, "KMSInvalidMacException", null);
        }));
    }

    private static String macHash(KeySpec spec) {
        return "sha" + spec.name().substring("HMAC_".length());
    }

    // ---------------------------------------------------------------- Encrypt and Decrypt

    /** One asymmetric encryption: a key and an algorithm, with OpenSSL's options for it. */
    record EncryptionCase(ImportedKey key, String algorithm, String options, int plaintextLength, String file) {

        @Override
        public String toString() {
            return key.name() + " " + algorithm + " (" + plaintextLength + " bytes)";
        }
    }

    /**
     * RSA-OAEP with SHA-1 and SHA-256 (MGF1 with the same hash) for each RSA ENCRYPT_DECRYPT key, with the
     * largest plaintext each takes; SM2PKE (OpenSSL's default SM3) for the SM2 one.
     */
    private static List<EncryptionCase> encryptionCases(String prefix) {
        List<EncryptionCase> cases = new ArrayList<>();
        for (ImportedKey key : KEYS.values()) {
            if (key.usage() != KeyUsage.ENCRYPT_DECRYPT) {
                continue;
            }
            if (key.spec() == KeySpec.SM2) {
                cases.add(new EncryptionCase(key, "SM2PKE", "", 512, prefix + "-" + key.name() + "-SM2PKE"));
                continue;
            }
            int modulusBytes = Integer.parseInt(key.spec().name().substring(4)) / 8;
            cases.add(new EncryptionCase(key, "RSAES_OAEP_SHA_1", " -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha1"
                    + " -pkeyopt rsa_mgf1_md:sha1", modulusBytes - 2 * 20 - 2, prefix + "-" + key.name() + "-SHA_1"));
            cases.add(new EncryptionCase(key, "RSAES_OAEP_SHA_256", " -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256"
                    + " -pkeyopt rsa_mgf1_md:sha256", modulusBytes - 2 * 32 - 2, prefix + "-" + key.name() + "-SHA_256"));
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> dataOpenSslEncryptsToThePublicKeyDecryptsThroughTheSdk() throws Exception {
        requireOpenSsl3();
        Batch batch = new Batch("encrypt-with-openssl");
        Map<EncryptionCase, Integer> encrypted = new LinkedHashMap<>();
        List<EncryptionCase> cases = encryptionCases("openssl-enc");
        for (EncryptionCase c : cases) {
            Files.write(work.resolve(c.file() + ".plain"), random(c.plaintextLength()));
            encrypted.put(c, batch.add("openssl pkeyutl -encrypt -pubin -inkey " + c.key().kmsPublicPem() + c.options()
                    + " -in " + c.file() + ".plain -out " + c.file() + ".enc"));
        }
        List<Outcome> outcomes = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (EncryptionCase c : cases) {
            tests.add(dynamicTest(c.toString(), () -> {
                outcomes.get(encrypted.get(c)).assertSucceeded();
                byte[] plaintext = Files.readAllBytes(work.resolve(c.file() + ".plain"));
                SdkBytes ciphertext = SdkBytes.fromByteArray(Files.readAllBytes(work.resolve(c.file() + ".enc")));
                KmsClient kmsClient = c.key().client();

                DecryptResponse decrypted = kmsClient.decrypt(r -> r.keyId(c.key().keyId()).ciphertextBlob(ciphertext)
                        .encryptionAlgorithm(c.algorithm()));

                assertThat(decrypted.plaintext().asByteArray()).as("Decrypt of what OpenSSL encrypted").isEqualTo(plaintext);
                assertThat(decrypted.keyId()).isEqualTo(c.key().arn());
                assertThat(decrypted.encryptionAlgorithmAsString()).isEqualTo(c.algorithm());
                if (c.algorithm().startsWith("RSAES_OAEP")) {
                    String other = c.algorithm().equals("RSAES_OAEP_SHA_1") ? "RSAES_OAEP_SHA_256" : "RSAES_OAEP_SHA_1";
                    InvalidCiphertextException e = thrown(InvalidCiphertextException.class, () -> kmsClient.decrypt(r -> r
                            .keyId(c.key().keyId()).ciphertextBlob(ciphertext).encryptionAlgorithm(other)));
                    assertAwsError(e, "InvalidCiphertextException", null);
                }
            }));
        }
        tests.addAll(sm2Missing("SM2PKE"));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> sdkEncryptOutputDecryptsWithOpenSslAndThePrivateKey() throws Exception {
        requireOpenSsl3();
        Batch batch = new Batch("decrypt-with-openssl");
        Map<EncryptionCase, Integer> decrypted = new LinkedHashMap<>();
        Map<EncryptionCase, Throwable> failed = new LinkedHashMap<>();
        List<EncryptionCase> cases = encryptionCases("kms-enc");
        for (EncryptionCase c : cases) {
            try {
                byte[] plaintext = random(c.plaintextLength());
                byte[] ciphertext = c.key().client().encrypt(r -> r.keyId(c.key().keyId()).encryptionAlgorithm(c.algorithm())
                        .plaintext(SdkBytes.fromByteArray(plaintext))).ciphertextBlob().asByteArray();
                Files.write(work.resolve(c.file() + ".plain"), plaintext);
                Files.write(work.resolve(c.file() + ".enc"), ciphertext);
                decrypted.put(c, batch.add("openssl pkeyutl -decrypt -inkey " + c.key().material().pem() + c.options()
                        + " -in " + c.file() + ".enc -out " + c.file() + ".dec"));
            } catch (RuntimeException | IOException e) {
                failed.put(c, e);
            }
        }
        List<Outcome> outcomes = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (EncryptionCase c : cases) {
            tests.add(dynamicTest(c.toString(), () -> {
                rethrow(failed.get(c));
                outcomes.get(decrypted.get(c)).assertSucceeded();
                assertThat(work.resolve(c.file() + ".dec")).as("what openssl pkeyutl -decrypt recovered")
                        .hasBinaryContent(Files.readAllBytes(work.resolve(c.file() + ".plain")));
            }));
        }
        tests.addAll(sm2Missing("SM2PKE"));
        return tests.stream();
    }

    // ---------------------------------------------------------------- DeriveSharedSecret

    /**
     * AWS's offline derivation: the other party runs {@code openssl pkeyutl -derive -inkey peer.pem
     * -peerkey kms_public.pem} with GetPublicKey's key and gets the secret DeriveSharedSecret returns for
     * the peer's public key ({@code openssl pkey -pubout -outform DER}).
     */
    @TestFactory
    Stream<DynamicTest> deriveSharedSecretEqualsOpenSslDeriveOnThePeersSide() throws Exception {
        requireOpenSsl3();
        Batch batch = new Batch("derive");
        Map<ImportedKey, Integer> derived = new LinkedHashMap<>();
        List<ImportedKey> keys = KEYS.values().stream().filter(k -> k.usage() == KeyUsage.KEY_AGREEMENT).toList();
        for (ImportedKey key : keys) {
            if (key.spec() == KeySpec.SM2 && sm2DeriveUnsupported != null) {
                continue;
            }
            derived.put(key, batch.add("openssl pkeyutl -derive -inkey " + peer(key).pem() + " -peerkey " + key.kmsPublicPem()
                    + " -out derive-" + key.name() + ".secret"));
        }
        List<Outcome> outcomes = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (ImportedKey key : keys) {
            tests.add(dynamicTest(key.toString(), () -> {
                if (key.spec() == KeySpec.SM2 && sm2DeriveUnsupported != null) {
                    Assumptions.abort(sm2DeriveUnsupported);
                }
                outcomes.get(derived.get(key)).assertSucceeded();
                SdkBytes peerPublicKey = SdkBytes.fromByteArray(Files.readAllBytes(work.resolve(peer(key).publicDer())));

                DeriveSharedSecretResponse secret = key.client().deriveSharedSecret(r -> r.keyId(key.keyId())
                        .keyAgreementAlgorithm("ECDH").publicKey(peerPublicKey));

                assertThat(secret.sharedSecret().asByteArray()).as("DeriveSharedSecret against openssl pkeyutl -derive")
                        .isEqualTo(Files.readAllBytes(work.resolve("derive-" + key.name() + ".secret")));
                assertThat(secret.keyId()).isEqualTo(key.arn());
                assertThat(secret.keyAgreementAlgorithmAsString()).isEqualTo("ECDH");
                assertThat(secret.keyOrigin()).isEqualTo(OriginType.EXTERNAL);
            }));
        }
        tests.addAll(sm2Missing("SM2 key agreement"));
        return tests.stream();
    }

    private static Material peer(ImportedKey key) {
        return MATERIALS.get("PEER_" + key.material().name());
    }

    // ---------------------------------------------------------------- GenerateDataKeyPair

    /**
     * GenerateDataKeyPair's PrivateKeyPlaintext, and the private key Decrypt recovers from
     * GenerateDataKeyPairWithoutPlaintext's blob ({@link #withoutPlaintextToo}), written as DER:
     * {@code openssl pkey -inform DER -pubout} reads each and derives the PublicKey the operation returned.
     * (Ed25519 has its own test, below.)
     */
    @TestFactory
    Stream<DynamicTest> dataKeyPairsArePrivateKeysOpenSslReadsWithTheReturnedPublicKey() throws Exception {
        requireOpenSsl3();
        List<DataKeyPairSpec> specs = new ArrayList<>();
        for (DataKeyPairSpec spec : DataKeyPairSpec.values()) {
            // ML-KEM keys need OpenSSL 3.5; the JCA test checks them (DataKeyPairTest).
            if (spec != DataKeyPairSpec.ECC_NIST_EDWARDS25519 && (spec != DataKeyPairSpec.SM2 || opensslHasSm2)
                    && !spec.name().startsWith("ML_KEM")) {
                specs.add(spec);
            }
        }
        List<DynamicTest> tests = dataKeyPairChecks(specs);
        tests.addAll(sm2Missing("SM2 data key pairs"));
        return tests.stream();
    }

    /**
     * The same for ECC_NIST_EDWARDS25519: the private key is a PKCS#8 v1 PrivateKeyInfo, as {@code openssl
     * genpkey -algorithm ED25519} writes it. (It once was Bouncy Castle's PKCS#8 v2 OneAsymmetricKey, with the
     * public key, which OpenSSL before 3.5 cannot read.)
     */
    @Test
    void anEd25519DataKeyPairIsAPrivateKeyOpenSslReadsWithTheReturnedPublicKey() throws Throwable {
        requireOpenSsl3();
        for (DynamicTest test : dataKeyPairChecks(List.of(DataKeyPairSpec.ECC_NIST_EDWARDS25519))) {
            test.getExecutable().execute();
        }
    }

    /**
     * Whether to check GenerateDataKeyPairWithoutPlaintext too: for every spec but the two large RSA ones,
     * whose generation is slow (RSA_2048 stands for RSA there).
     */
    private static boolean withoutPlaintextToo(DataKeyPairSpec spec) {
        return spec != DataKeyPairSpec.RSA_3072 && spec != DataKeyPairSpec.RSA_4096;
    }

    /** For each spec: both operations through the SDK, OpenSSL reading every private key in one batch, then the checks. */
    private static List<DynamicTest> dataKeyPairChecks(List<DataKeyPairSpec> specs) throws IOException, InterruptedException {
        String usKey = client.createKey(r -> r.description("data key pairs")).keyMetadata().keyId();
        String chinaKey = opensslHasSm2 ? chinaClient.createKey(r -> r.description("data key pairs")).keyMetadata().keyId() : null;
        Map<String, String> context = Map.of("purpose", "openssl-e2e");
        Batch batch = new Batch("data-key-pairs-" + specs.size());
        Map<String, List<Integer>> read = new LinkedHashMap<>();
        Map<String, Throwable> failed = new LinkedHashMap<>();
        for (DataKeyPairSpec spec : specs) {
            boolean china = spec == DataKeyPairSpec.SM2;
            KmsClient kmsClient = china ? chinaClient : client;
            String keyId = china ? chinaKey : usKey;
            String file = "pair-" + spec;
            try {
                GenerateDataKeyPairResponse pair = kmsClient.generateDataKeyPair(r -> r.keyId(keyId).keyPairSpec(spec.name())
                        .encryptionContext(context));
                assertThat(pair.keyPairSpecAsString()).isEqualTo(spec.name());
                Files.write(work.resolve(file + ".der"), pair.privateKeyPlaintext().asByteArray());
                Files.write(work.resolve(file + ".kms-pub.der"), pair.publicKey().asByteArray());
                DecryptResponse again = kmsClient.decrypt(r -> r.ciphertextBlob(pair.privateKeyCiphertextBlob())
                        .encryptionContext(context));
                assertThat(again.plaintext().asByteArray()).as("Decrypt of PrivateKeyCiphertextBlob")
                        .isEqualTo(pair.privateKeyPlaintext().asByteArray());

                List<Integer> reads = new ArrayList<>();
                reads.add(batch.add("openssl pkey -inform DER -in " + file + ".der -pubout -outform DER -out " + file
                        + ".pub.der"));
                if (withoutPlaintextToo(spec)) {
                    GenerateDataKeyPairWithoutPlaintextResponse sealed = kmsClient.generateDataKeyPairWithoutPlaintext(r -> r
                            .keyId(keyId).keyPairSpec(spec.name()).encryptionContext(context));
                    assertThat(sealed.keyPairSpecAsString()).isEqualTo(spec.name());
                    Files.write(work.resolve(file + "-sealed.der"), kmsClient.decrypt(r -> r.ciphertextBlob(
                            sealed.privateKeyCiphertextBlob()).encryptionContext(context)).plaintext().asByteArray());
                    Files.write(work.resolve(file + "-sealed.kms-pub.der"), sealed.publicKey().asByteArray());
                    reads.add(batch.add("openssl pkey -inform DER -in " + file + "-sealed.der -pubout -outform DER -out "
                            + file + "-sealed.pub.der"));
                }
                read.put(file, reads);
            } catch (RuntimeException | AssertionError | IOException e) {
                failed.put(file, e);
            }
        }
        List<Outcome> outcomes = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (DataKeyPairSpec spec : specs) {
            String file = "pair-" + spec;
            tests.add(dynamicTest(spec.toString(), () -> {
                rethrow(failed.get(file));
                for (int i = 0; i < read.get(file).size(); i++) {
                    outcomes.get(read.get(file).get(i)).assertSucceeded();
                    String name = file + (i == 0 ? "" : "-sealed");
                    assertThat(work.resolve(name + ".pub.der"))
                            .as("openssl pkey -pubout of %s against the PublicKey returned",
                                    i == 0 ? "PrivateKeyPlaintext" : "the decrypted PrivateKeyCiphertextBlob")
                            .hasBinaryContent(Files.readAllBytes(work.resolve(name + ".kms-pub.der")));
                }
            }));
        }
        return tests;
    }

    // ---------------------------------------------------------------- messages and digests

    /** A message of 1 to 300 random bytes, different for each case. */
    private static byte[] message(String label) {
        byte[] text = (label + ": ").getBytes(StandardCharsets.UTF_8);
        byte[] tail = random(1 + RANDOM.nextInt(300));
        byte[] message = Arrays.copyOf(text, text.length + tail.length);
        System.arraycopy(tail, 0, message, text.length, tail.length);
        return message;
    }

    /** The message with its last bit flipped. */
    private static byte[] altered(byte[] message) {
        byte[] copy = message.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String hash(SigningAlgorithm algorithm) {
        return "sha" + digestLength(algorithm) * 8;
    }

    private static int digestLength(SigningAlgorithm algorithm) {
        String name = algorithm.name();
        if (name.endsWith("_256")) {
            return 32;
        }
        if (name.endsWith("_384")) {
            return 48;
        }
        if (name.endsWith("_512")) {
            return 64;
        }
        throw new IllegalArgumentException("no SHA-2 digest in " + algorithm);
    }

    /**
     * What a DIGEST message is for the algorithm: the SHA-2 hash of the message, SHA-512 for Ed25519ph,
     * and for SM2DSA the SM3 hash of Z ‖ M, Z being GB/T 32918's hash of the distinguishing ID, the curve
     * and the public key (AWS's documented offline computation).
     */
    private static byte[] digest(SigningAlgorithm algorithm, byte[] message, ImportedKey key) {
        if (algorithm == SigningAlgorithm.SM2DSA) {
            return sm2Digest(key.publicKey().publicKey().asByteArray(), message);
        }
        try {
            return MessageDigest.getInstance("SHA-" + digestLength(algorithm) * 8).digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sm2Digest(byte[] spki, byte[] message) {
        X9ECParameters curve = GMNamedCurves.getByName("sm2p256v1");
        byte[] point = SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getBytes();
        assertThat(point).as("an uncompressed SM2 point").hasSize(65).startsWith(0x04);
        byte[] id = SM2_ID.getBytes(StandardCharsets.US_ASCII);
        SM3Digest sm3 = new SM3Digest();
        int bits = id.length * 8;
        sm3.update((byte) (bits >> 8));
        sm3.update((byte) bits);
        sm3.update(id, 0, id.length);
        for (byte[] part : List.of(curve.getCurve().getA().getEncoded(), curve.getCurve().getB().getEncoded(),
                curve.getG().normalize().getAffineXCoord().getEncoded(), curve.getG().normalize().getAffineYCoord().getEncoded())) {
            sm3.update(part, 0, part.length);
        }
        sm3.update(point, 1, 64);
        byte[] z = new byte[32];
        sm3.doFinal(z, 0);
        sm3.update(z, 0, z.length);
        sm3.update(message, 0, message.length);
        byte[] e = new byte[32];
        sm3.doFinal(e, 0);
        return e;
    }

    private static String pem(byte[] publicKeyDer) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKeyDer)
                + "\n-----END PUBLIC KEY-----\n";
    }

    // ---------------------------------------------------------------- skipping

    /** Skips the test, with the reason, where bash, OpenSSL 3 or xxd is missing. */
    private static void requireOpenSsl3() {
        if (missing != null) {
            Assumptions.abort(missing);
        }
    }

    /** Where this openssl has no SM2: one skipped test that says so, in place of the SM2 cases. */
    private static List<DynamicTest> sm2Missing(String what) {
        if (opensslHasSm2) {
            return List.of();
        }
        return List.of(dynamicTest(what + " (cn-north-1)", () -> Assumptions.abort(
                "this openssl has no SM2 (" + opensslVersion + "): `openssl list -public-key-algorithms` does not list it")));
    }

    private static void rethrow(Throwable t) throws Throwable {
        if (t != null) {
            throw t;
        }
    }

    private static String missingTools() throws IOException, InterruptedException {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String program : List.of("bash", "openssl", "xxd")) {
            if (onPath(program).isEmpty()) {
                return program + " is not installed: no executable " + program + " on PATH (" + path
                        + "); AWS's import commands and these checks need bash, OpenSSL 3 and xxd";
            }
        }
        Path scratch = Files.createTempDirectory("openssl-crypto-probe");
        try {
            opensslVersion = run(scratch, "openssl version").stdout().strip();
            if (!opensslVersion.startsWith("OpenSSL 3.")) {
                return "AWS's RSA_AES_KEY_WRAP commands and pkeyutl -rawin need OpenSSL 3.x; found " + opensslVersion;
            }
            opensslHasSm2 = run(scratch, "openssl list -public-key-algorithms").stdout().contains("SM2");
            ed25519phUnsupported = probeEd25519ph(scratch);
            sm2DeriveUnsupported = opensslHasSm2 ? probeSm2Derive(scratch) : "this openssl has no SM2";
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return null;
    }

    /** Whether {@code openssl pkeyutl} makes and checks Ed25519ph signatures (OpenSSL 3.2 and later). */
    private static String probeEd25519ph(Path dir) throws IOException, InterruptedException {
        Outcome probe = run(dir, "openssl genpkey -algorithm ED25519 -out ed.pem && printf probe > probe.msg"
                + " && openssl pkeyutl -sign -inkey ed.pem -rawin -pkeyopt instance:Ed25519ph -in probe.msg -out ph.sig"
                + " && openssl pkeyutl -sign -inkey ed.pem -rawin -in probe.msg -out pure.sig"
                + " && ! cmp -s ph.sig pure.sig");
        if (probe.exit() == 0) {
            return null;
        }
        return "ED25519_PH_SHA_512 needs `openssl pkeyutl -pkeyopt instance:Ed25519ph` (OpenSSL 3.2 and later); "
                + opensslVersion + " refuses it: " + said(probe.stderr());
    }

    /**
     * Whether {@code openssl pkeyutl -derive} works on SM2 keys and is plain ECDH (the x coordinate of
     * d·Q, which KMS returns); OpenSSL's SM2 key type has no derivation in OpenSSL 3.0.
     */
    private static String probeSm2Derive(Path dir) throws IOException, InterruptedException {
        Outcome probe = run(dir, "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out a.pem"
                + " && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out b.pem"
                + " && openssl pkey -in b.pem -pubout -out b.pub.pem"
                + " && openssl pkcs8 -topk8 -nocrypt -in a.pem -outform DER -out a.der"
                + " && openssl pkey -in b.pem -pubout -outform DER -out b.pub.der"
                + " && openssl pkeyutl -derive -inkey a.pem -peerkey b.pub.pem -out secret");
        if (probe.exit() != 0) {
            return "`openssl pkeyutl -derive` cannot derive with SM2 keys in " + opensslVersion + ": "
                    + said(probe.stderr());
        }
        try {
            BouncyCastleProvider bc = new BouncyCastleProvider();
            KeyFactory factory = KeyFactory.getInstance("EC", bc);
            PrivateKey a = factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("a.der"))));
            PublicKey b = factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dir.resolve("b.pub.der"))));
            KeyAgreement ecdh = KeyAgreement.getInstance("ECDH", bc);
            ecdh.init(a);
            ecdh.doPhase(b, true);
            if (!Arrays.equals(ecdh.generateSecret(), Files.readAllBytes(dir.resolve("secret")))) {
                return "`openssl pkeyutl -derive` with SM2 keys in " + opensslVersion
                        + " is not plain ECDH (the x coordinate of d·Q), which is what KMS's ECDH returns";
            }
        } catch (GeneralSecurityException e) {
            return "SM2 keys made by OpenSSL could not be read to check its derivation: " + e;
        }
        return null;
    }

    /** What openssl said, on one line: its message and the reason of its first error. */
    private static String said(String text) {
        String said = String.join(" / ", text.strip().lines().limit(2).toList());
        return said.length() > 400 ? said.substring(0, 400) + "…" : said;
    }

    // ---------------------------------------------------------------- running bash

    /** What one command did. */
    record Outcome(String command, int exit, String stdout, String stderr) {

        void assertSucceeded() {
            assertThat(exit).as("exit status of `%s`; stderr:%n%s", command, stderr).isZero();
        }
    }

    /**
     * Commands that run together, in the work folder, in one bash script: each in its own subshell, with
     * its own exit status, stdout and stderr, so that one process start serves many checks.
     */
    static final class Batch {

        private final String name;
        private final List<String> commands = new ArrayList<>();

        Batch(String name) {
            this.name = name;
        }

        /** Adds a command; returns its index in {@link #run()}'s answer. */
        int add(String command) {
            commands.add(command);
            return commands.size() - 1;
        }

        List<Outcome> run() throws IOException, InterruptedException {
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < commands.size(); i++) {
                String base = name + "-" + i;
                script.append("( ").append(commands.get(i)).append(" ) >").append(base).append(".out 2>").append(base)
                        .append(".err </dev/null; echo $? >").append(base).append(".rc\n");
            }
            runScript(name + ".sh", script.toString());
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                String base = name + "-" + i;
                outcomes.add(new Outcome(commands.get(i),
                        Integer.parseInt(Files.readString(work.resolve(base + ".rc")).strip()),
                        Files.readString(work.resolve(base + ".out"), StandardCharsets.UTF_8),
                        Files.readString(work.resolve(base + ".err"), StandardCharsets.UTF_8)));
            }
            return outcomes;
        }
    }

    /** Writes {@code script} into the work folder and runs it there with bash; it must exit 0. */
    private static void runScript(String fileName, String script) throws IOException, InterruptedException {
        Files.writeString(work.resolve(fileName), script, StandardCharsets.UTF_8);
        run(work, "bash " + fileName).assertSucceeded();
    }

    /**
     * Runs one command line, with bash, in {@code dir}; fails if it does not end within
     * {@link #TIMEOUT_SECONDS}. Returns what it did, whatever its exit status.
     */
    private static Outcome run(Path dir, String command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("openssl-crypto", ".out");
        Path err = Files.createTempFile("openssl-crypto", ".err");
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
            return new Outcome(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
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

    /**
     * GetParametersForImport, saved as the AWS CLI's {@code --output text} saves it: {@code PublicKey.b64}
     * and {@code ImportToken.b64}, Base64 on one line.
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
}
