package dev.byokstudio.bench;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.embedded.WrappingKeyPool;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DecryptRequest;
import dev.byokstudio.kms.DecryptResponse;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.EncryptResponse;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.MessageType;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.SignRequest;
import dev.byokstudio.kms.SignResponse;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.KeyMaterialGenerator;
import dev.byokstudio.material.KeyWrapping;
import dev.byokstudio.material.MaterialFormatException;
import dev.byokstudio.material.WrappingKeys;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.store.Workspace;
import dev.byokstudio.store.WorkspaceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the embedded model costs on top of the cryptography it performs: each KMS operation next to the
 * same primitive called straight through JCA, on the same data and the same key bytes, in the same run.
 * Targets (docs/benchmarks.md): Encrypt and Decrypt of 4 KiB at least 30% of raw AES-256-GCM; Sign with
 * ECDSA P-256 and with RSA_2048 at least 50% of raw JCA signing.
 *
 * <p>Every KMS key is EXTERNAL, with material imported through GetParametersForImport and ImportKeyMaterial,
 * so that the raw side uses exactly the same key. Each kind of key lives in an in-memory workspace of its
 * own: the model looks at every key of the workspace before each operation (whatever fell due), and the
 * benchmark measures the operation, not the size of the workspace. Encrypt and Decrypt take 4 KiB (the
 * most KMS accepts) and a two-pair encryption context; Sign takes a 64-byte RAW message, so the model
 * hashes it as the raw Signature does, and its fixed cost weighs more than it would with 4 KiB.
 *
 * <p>The raw side is as fast as plain JCA gets: one Cipher or Signature object, reused, and no associated
 * data; like the model, it draws a fresh 12-byte GCM nonce from a SecureRandom for every encryption.
 * {@code sqliteEncrypt4KiB} is the same Encrypt in a workspace on disk, for comparison; it has no target.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CryptoOperationsBenchmark {

    static final int DATA_BYTES = 4096;
    static final int MESSAGE_BYTES = 64;
    static final Map<String, String> CONTEXT = Map.of("purpose", "benchmark", "tenant", "acme");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    // ---------------------------------------------------------------- shared set-up

    /** An embedded KMS over {@code store} whose wrapping keys are generated when asked for. */
    static final class Model {
        final WrappingKeyPool pool;
        final EmbeddedKms kms;

        Model(WorkspaceStore store, AccountContext account) {
            SecureRandom random = new SecureRandom();
            pool = new WrappingKeyPool(random, Map.of());
            kms = new EmbeddedKms(store, account, SimulatedClock.systemUtc(), random, pool);
        }

        /** A new EXTERNAL key of {@code spec} holding {@code material}, imported the way a person does it. */
        String importedKey(KeySpec spec, KeyUsage usage, byte[] material) {
            String keyId = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).keySpec(spec)
                    .keyUsage(usage).build()).keyMetadata().keyId();
            WrappingAlgorithm algorithm = spec.isSymmetric() ? WrappingAlgorithm.RSAES_OAEP_SHA_256
                    : WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256;
            GetParametersForImportResponse p = kms.getParametersForImport(
                    new GetParametersForImportRequest(keyId, algorithm, WrappingKeySpec.RSA_2048));
            byte[] wrapped;
            try {
                wrapped = KeyWrapping.wrap(SecretBytes.copyOf(material), WrappingKeys.publicKey(p.publicKey()), algorithm,
                        new SecureRandom());
            } catch (MaterialFormatException e) {
                throw new IllegalStateException("the model returned a wrapping public key it cannot read", e);
            }
            kms.importKeyMaterial(new ImportKeyMaterialRequest(keyId, p.importToken(), wrapped, null,
                    ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, null, null, null));
            return keyId;
        }

        void close() {
            pool.close();
        }
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** The same key the model holds, read by the JDK as the model reads it (KeyPairs: JDK factories for RSA and P-256). */
    static PrivateKey jdkPrivateKey(String algorithm, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- Encrypt and Decrypt, 4 KiB

    /** A SYMMETRIC_DEFAULT key with 32 imported bytes, and the same 32 bytes as a JCA AES key. */
    @State(Scope.Benchmark)
    public static class Symmetric {
        Model model;
        String keyId;
        byte[] data;
        SecretBytes plaintext;
        byte[] blob;

        SecureRandom random;
        SecretKeySpec aesKey;
        Cipher cipher;
        byte[] rawNonce;
        byte[] rawCiphertext;

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            byte[] material = randomBytes(32);
            model = new Model(new InMemoryWorkspaceStore(), AccountContext.defaults());
            keyId = model.importedKey(KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, material);
            data = randomBytes(DATA_BYTES);
            plaintext = SecretBytes.copyOf(data);
            blob = model.kms.encrypt(new EncryptRequest(keyId, plaintext, CONTEXT, null, null)).ciphertextBlob();

            random = new SecureRandom();
            aesKey = new SecretKeySpec(material, "AES");
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
            rawNonce = randomBytes(NONCE_BYTES);
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, rawNonce));
            rawCiphertext = cipher.doFinal(data);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            model.close();
        }
    }

    @Benchmark
    public EncryptResponse encrypt4KiB(Symmetric s) {
        return s.model.kms.encrypt(new EncryptRequest(s.keyId, s.plaintext, CONTEXT, null, null));
    }

    /** The same key, called as the workspace's administrator: authorised by its policies and recorded in CloudTrail. */
    @State(Scope.Benchmark)
    public static class Authorised {
        Symmetric key;
        dev.byokstudio.kms.Kms administrator;

        @Setup(Level.Trial)
        public void setUp(Symmetric s) {
            key = s;
            var identities = dev.byokstudio.embedded.WorkspaceIdentities.open(s.model.kms, new SecureRandom());
            var admin = identities.principals().get(0);
            administrator = identities.kmsFor(admin, dev.byokstudio.kms.Identities.CallOrigin.desktop(
                    identities.accessKeyOf(admin).accessKeyId()));
        }
    }

    @Benchmark
    public EncryptResponse authorisedEncrypt4KiB(Authorised a) {
        return a.administrator.encrypt(new EncryptRequest(a.key.keyId, a.key.plaintext, CONTEXT, null, null));
    }

    @Benchmark
    public DecryptResponse decrypt4KiB(Symmetric s) {
        return s.model.kms.decrypt(new DecryptRequest(s.blob, CONTEXT, null, null, null));
    }

    @Benchmark
    public byte[] rawAesGcmEncrypt4KiB(Symmetric s) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        s.random.nextBytes(nonce);
        s.cipher.init(Cipher.ENCRYPT_MODE, s.aesKey, new GCMParameterSpec(TAG_BITS, nonce));
        return s.cipher.doFinal(s.data);
    }

    @Benchmark
    public byte[] rawAesGcmDecrypt4KiB(Symmetric s) throws GeneralSecurityException {
        s.cipher.init(Cipher.DECRYPT_MODE, s.aesKey, new GCMParameterSpec(TAG_BITS, s.rawNonce));
        return s.cipher.doFinal(s.rawCiphertext);
    }

    // ---------------------------------------------------------------- Encrypt in a SQLite workspace

    /** The same kind of key in a workspace on disk: each operation is SQLite transactions and unsealing. */
    @State(Scope.Benchmark)
    public static class OnDisk {
        Path directory;
        Workspace workspace;
        Model model;
        String keyId;
        SecretBytes plaintext;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            directory = Files.createTempDirectory("byok-bench-");
            workspace = Workspace.open(directory.resolve("workspace"),
                    Workspace.Options.defaults(AccountContext.DEFAULT_ACCOUNT, AccountContext.DEFAULT_REGION));
            model = new Model(workspace.store(), new AccountContext(workspace.accountId(), workspace.region()));
            keyId = model.importedKey(KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, randomBytes(32));
            plaintext = SecretBytes.copyOf(randomBytes(DATA_BYTES));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            model.close();
            workspace.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    @Benchmark
    public EncryptResponse sqliteEncrypt4KiB(OnDisk s) {
        return s.model.kms.encrypt(new EncryptRequest(s.keyId, s.plaintext, CONTEXT, null, null));
    }

    // ---------------------------------------------------------------- Sign

    /** The fields both signing states share: a key in the model, the same private key in a JCA Signature. */
    public abstract static class Signing {
        Model model;
        String keyId;
        SecretBytes message;
        byte[] rawMessage;
        Signature raw;

        void setUp(KeySpec spec, String keyAlgorithm, String jcaName, PSSParameterSpec parameters)
                throws GeneralSecurityException {
            byte[] pkcs8 = new KeyMaterialGenerator(new SecureRandom()).generate(spec, false).revealCopy();
            model = new Model(new InMemoryWorkspaceStore(), AccountContext.defaults());
            keyId = model.importedKey(spec, KeyUsage.SIGN_VERIFY, pkcs8);
            rawMessage = randomBytes(MESSAGE_BYTES);
            message = SecretBytes.copyOf(rawMessage);
            raw = Signature.getInstance(jcaName);
            if (parameters != null) {
                raw.setParameter(parameters);
            }
            raw.initSign(jdkPrivateKey(keyAlgorithm, pkcs8), new SecureRandom());
        }

        SignResponse sign(SigningAlgorithm algorithm) {
            return model.kms.sign(new SignRequest(keyId, message, MessageType.RAW, null, algorithm));
        }

        byte[] signRaw() throws GeneralSecurityException {
            raw.update(rawMessage);
            return raw.sign();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            model.close();
        }
    }

    @State(Scope.Benchmark)
    public static class EcdsaP256 extends Signing {
        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            setUp(KeySpec.ECC_NIST_P256, "EC", "SHA256withECDSA", null);
        }
    }

    @State(Scope.Benchmark)
    public static class Rsa2048 extends Signing {
        @Param({"RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PSS_SHA_256"})
        public SigningAlgorithm algorithm;

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            boolean pss = algorithm == SigningAlgorithm.RSASSA_PSS_SHA_256;
            // AWS's PSS: MGF1 with the message's hash and a salt as long as the hash.
            setUp(KeySpec.RSA_2048, "RSA", pss ? "RSASSA-PSS" : "SHA256withRSA", pss
                    ? new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC)
                    : null);
        }
    }

    @Benchmark
    public SignResponse signEcdsaP256(EcdsaP256 s) {
        return s.sign(SigningAlgorithm.ECDSA_SHA_256);
    }

    @Benchmark
    public byte[] rawSignEcdsaP256(EcdsaP256 s) throws GeneralSecurityException {
        return s.signRaw();
    }

    @Benchmark
    public SignResponse signRsa2048(Rsa2048 s) {
        return s.sign(s.algorithm);
    }

    @Benchmark
    public byte[] rawSignRsa2048(Rsa2048 s) throws GeneralSecurityException {
        return s.signRaw();
    }
}
