package dev.byokstudio.crash;

import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.material.KeyWrapping;
import dev.byokstudio.material.MaterialFormatException;
import dev.byokstudio.material.WrappingKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.CreateKeyResponse;
import software.amazon.awssdk.services.kms.model.DeleteImportedKeyMaterialResponse;
import software.amazon.awssdk.services.kms.model.ExpirationModelType;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.ImportKeyMaterialResponse;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.WrappingKeySpec;

/**
 * The crash test: {@code byok-studio --serve} is killed with SIGKILL at random moments while a client
 * streams operations at it, restarted on the same workspace each time, and checked after each restart
 * against a ledger of every operation the client saw acknowledged (ADR 0007: "SIGKILL at any moment must
 * lose no acknowledged operation").
 *
 * <p>Each cycle: start the server as a separate JVM ({@code dev.byokstudio.app.Main --serve --port 0
 * --workspace DIR}, output to files under the log directory, ready once it prints {@code Listening on});
 * verify the whole ledger through DescribeKey, ListKeys, ListAliases and ListResourceTags; stream
 * operations through the AWS SDK for Java v2 (no retries, short timeouts) for a random 20–400 ms, counted
 * from the first acknowledged operation, since a newly started JVM answers its first calls slowly —
 * CreateKey (EXTERNAL, SYMMETRIC_DEFAULT and HMAC_256), GetParametersForImport (RSA_2048,
 * RSAES_OAEP_SHA_256), ImportKeyMaterial with and without an expiry, reimports of the same material,
 * DeleteImportedKeyMaterial, CreateAlias, TagResource; then SIGKILL. After the last kill the server is
 * started and verified once more.
 *
 * <p>The ledger holds only what was acknowledged (a response arrived), with its expected effect. An
 * operation whose call failed without a response (the kill, a timeout) is <em>in doubt</em>: the client
 * stops for that cycle, and the next verification accepts the state before it or the state after it,
 * and learns from the server which one it is before relying on it. Each key's material bytes stay in the
 * ledger, so imports of the same material carry on across restarts: a reimport must give the same
 * KeyMaterialId as before the crash, and an import token acknowledged before a crash must still import
 * after it.
 *
 * <p>Ciphertexts: every Encrypt whose answer arrived is recorded ({@link RecordedCiphertexts}), and
 * after each restart every such ciphertext must still decrypt to its plaintext.
 *
 * <p>{@link #main} is the long run ({@code src/test/crash/crash-test.sh}); {@code CrashRecoveryTest} runs
 * {@link #run} briefly in the test suite. Needs a Unix: {@link Process#destroyForcibly()} is SIGKILL there,
 * and each kill is checked by the exit status 137 (128 + 9).
 */
public final class CrashTest {

    public static final int EXIT_OK = 0;
    public static final int EXIT_LOST = 1;
    public static final int EXIT_ERROR = 2;

    /** The ciphertext half of one run: records acknowledged ciphertexts and checks them after restarts. */
    static CiphertextCheck newCiphertextCheck() {
        return new RecordedCiphertexts();
    }

    static final String KEY_DESCRIPTION_PREFIX = "crash-test key ";
    static final String ALIAS_PREFIX = "alias/crash-test-";
    static final int MAX_KEYS = 40;
    static final int MAX_ALIASES = 80;
    static final int TAG_KEYS_PER_KEY = 6;
    static final int SIGKILL_EXIT_STATUS = 128 + 9;

    private CrashTest() {
    }

    // ================================================================ options and results

    /**
     * What to run.
     *
     * @param workspace a new or empty directory: the server's workspace for the whole run
     * @param logs where each server incarnation's output goes ({@code server-NNN.out/.err})
     * @param minStreamMillis the shortest time operations are streamed before a kill
     * @param maxStreamMillis the longest
     * @param classPath the class path of the server JVM (BYOK Studio's classes and dependencies)
     * @param out where the progress and the summary are printed
     */
    public record Options(Path workspace, Path logs, int kills, long seed, int minStreamMillis, int maxStreamMillis,
            String javaCommand, String classPath, PrintStream out) {

        public Options {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(logs, "logs");
            if (kills < 1) {
                throw new IllegalArgumentException("at least one kill, not " + kills);
            }
            if (minStreamMillis < 0 || maxStreamMillis < minStreamMillis) {
                throw new IllegalArgumentException("stream times " + minStreamMillis + ".." + maxStreamMillis + " ms");
            }
        }

        /** 20–400 ms of streaming per cycle, this JVM's java and class path, logs beside the workspace. */
        public static Options of(Path workspace, int kills, long seed) {
            Path ws = workspace.toAbsolutePath().normalize();
            return new Options(ws, ws.resolveSibling(ws.getFileName() + "-logs"), kills, seed, 20, 400,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    System.getProperty("java.class.path"), System.out);
        }

        public Options withLogs(Path dir) {
            return new Options(workspace, dir.toAbsolutePath().normalize(), kills, seed, minStreamMillis,
                    maxStreamMillis, javaCommand, classPath, out);
        }

        public Options withStreamMillis(int min, int max) {
            return new Options(workspace, logs, kills, seed, min, max, javaCommand, classPath, out);
        }

        public Options withOut(PrintStream stream) {
            return new Options(workspace, logs, kills, seed, minStreamMillis, maxStreamMillis, javaCommand, classPath,
                    stream);
        }
    }

    /** A discrepancy between the ledger and the server. */
    public record Finding(Kind kind, String when, String operation, String expected, String found) {

        public enum Kind {
            /** An acknowledged operation's effect is gone. */
            LOST,
            /** The state is neither what the acknowledged operations left nor what an operation in doubt would. */
            WRONG,
            /** Something no acknowledged or in-doubt operation made. */
            UNEXPECTED
        }

        @Override
        public String toString() {
            return kind + " " + when + ": " + operation + ": expected " + expected + "; found " + found;
        }
    }

    /**
     * How the run went.
     *
     * @param acknowledged operations whose response arrived
     * @param inDoubt operations whose call failed without a response (at most one per kill)
     * @param inDoubtApplied of those, how many had taken effect (learned after the restart)
     * @param inDoubtIndistinguishable of those, how many changed nothing a client can see either way
     */
    public record Result(int kills, long acknowledged, Map<String, Long> acknowledgedByOperation, long inDoubt,
            long inDoubtApplied, long inDoubtIndistinguishable, int keys, int aliases, List<Finding> findings,
            boolean ciphertextsChecked, long ciphertexts, Duration elapsed) {

        /** Findings of acknowledged operations lost or changed. */
        public long lost() {
            return findings.stream().filter(f -> f.kind() != Finding.Kind.UNEXPECTED).count();
        }

        public long unexpected() {
            return findings.stream().filter(f -> f.kind() == Finding.Kind.UNEXPECTED).count();
        }

        public boolean passed() {
            return findings.isEmpty();
        }

        /** {@code CRASH TEST: 100 kills, 2,345 acknowledged operations, 0 lost}. */
        public String summary() {
            String s = String.format(Locale.ROOT, "CRASH TEST: %,d kills, %,d acknowledged operations, %,d lost",
                    kills, acknowledged, lost());
            return unexpected() == 0 ? s : s + String.format(Locale.ROOT, ", %,d unexpected", unexpected());
        }
    }

    /** The test could not go on: the server did not start, died on its own, or stopped answering. */
    public static final class CrashTestError extends Exception {
        private static final long serialVersionUID = 1L;

        CrashTestError(String message) {
            super(message);
        }

        CrashTestError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ================================================================ main

    static final String USAGE = "Usage: CrashTest --workspace DIR [--kills N] [--seed S] [--logs DIR] "
            + "[--min-stream-ms MS] [--max-stream-ms MS]\n"
            + "  --workspace DIR  a new or empty directory for the server's workspace\n"
            + "  --kills N        how many times the server is killed with SIGKILL (default 100)\n"
            + "  --seed S         seed of the operation stream and of the kill moments (default: random, printed)\n"
            + "  --logs DIR       where the server's output goes (default: DIR-logs beside the workspace)\n"
            + "Exit status: 0 nothing lost, 1 acknowledged operations lost or changed, 2 the test could not run.";

    public static void main(String[] args) {
        System.exit(mainStatus(args, System.out, System.err));
    }

    static int mainStatus(String[] args, PrintStream out, PrintStream err) {
        Path workspace = null;
        Path logs = null;
        int kills = 100;
        long seed = new SecureRandom().nextInt(1 << 30);
        int minStream = 20;
        int maxStream = 400;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    out.println(USAGE);
                    return EXIT_OK;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--workspace": workspace = Path.of(v); break;
                    case "--logs": logs = Path.of(v); break;
                    case "--kills": kills = Integer.parseInt(v); break;
                    case "--seed": seed = Long.parseLong(v); break;
                    case "--min-stream-ms": minStream = Integer.parseInt(v); break;
                    case "--max-stream-ms": maxStream = Integer.parseInt(v); break;
                    default: throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (workspace == null) {
                throw new IllegalArgumentException("--workspace DIR is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("CrashTest: " + e.getMessage());
            err.println(USAGE);
            return EXIT_ERROR;
        }
        Options options;
        try {
            options = Options.of(workspace, kills, seed).withStreamMillis(minStream, maxStream).withOut(out);
        } catch (IllegalArgumentException e) {
            err.println("CrashTest: " + e.getMessage());
            return EXIT_ERROR;
        }
        if (logs != null) {
            options = options.withLogs(logs);
        }
        try {
            Result result = run(options);
            return result.passed() ? EXIT_OK : EXIT_LOST;
        } catch (CrashTestError e) {
            err.println("CRASH TEST: could not run: " + e.getMessage());
            if (e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return EXIT_ERROR;
        } catch (IOException e) {
            err.println("CRASH TEST: could not run: " + e);
            return EXIT_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("CRASH TEST: interrupted");
            return EXIT_ERROR;
        }
    }

    /** Runs the crash test; prints progress, the findings and the summary line to {@code options.out()}. */
    public static Result run(Options options) throws CrashTestError, IOException, InterruptedException {
        requireSigkillPlatform();
        requireFreshWorkspace(options.workspace());
        Files.createDirectories(options.logs());
        return new Run(options, newCiphertextCheck()).execute();
    }

    private static void requireSigkillPlatform() throws CrashTestError {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!(os.contains("linux") || os.contains("mac") || os.contains("bsd"))) {
            throw new CrashTestError("the crash test needs Linux or macOS, where Process.destroyForcibly() sends "
                    + "SIGKILL; this is " + System.getProperty("os.name"));
        }
    }

    private static void requireFreshWorkspace(Path dir) throws CrashTestError, IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new CrashTestError("the workspace " + dir + " is not empty: the ledger starts empty, so the "
                            + "workspace must too");
                }
            }
        } else if (Files.exists(dir)) {
            throw new CrashTestError(dir + " is a file, not a directory");
        }
    }

    // ================================================================ the ciphertext extension point

    /**
     * The ciphertext half of the crash test. {@link #encrypt} calls Encrypt under an Enabled
     * SYMMETRIC_DEFAULT key and records (key, KeyMaterialId, plaintext, context, ciphertext) only once the
     * answer arrived; an {@link SdkClientException} propagates unrecorded, since that Encrypt is in doubt.
     * {@link #verify}, after each restart, decrypts every recorded ciphertext whose key is Enabled with the
     * material it was made under, and reports each that fails or gives another plaintext.
     */
    interface CiphertextCheck {

        /** Whether Encrypt and Decrypt are served; while false, the stream never calls {@link #encrypt}. */
        boolean available();

        /**
         * One Encrypt under {@code keyId}, an Enabled SYMMETRIC_DEFAULT key with {@code keyMaterialId},
         * recorded once acknowledged.
         *
         * @param operation how findings name this Encrypt ("Encrypt #123 (cycle 4)")
         * @throws SdkClientException when no response arrived: the Encrypt is in doubt
         * @throws AwsServiceException when KMS refused it
         */
        void encrypt(KmsClient client, String keyId, String keyMaterialId, Random random, String operation);

        /**
         * After a restart: decrypts every recorded ciphertext whose key is in {@code enabledKeyMaterialIds}
         * (key ID to its current KeyMaterialId) with the material it was made under.
         *
         * @return the findings, each naming the Encrypt operation whose ciphertext no longer decrypts
         */
        List<Finding> verify(KmsClient client, Map<String, String> enabledKeyMaterialIds, String when);

        /** How many acknowledged ciphertexts are recorded. */
        long recorded();
    }

    // ================================================================ the server process

    /** One incarnation of {@code byok-studio --serve}, its output in files. */
    static final class Server {
        final Process process;
        final Path out;
        final Path err;
        final String url;
        final Duration startup;

        private Server(Process process, Path out, Path err, String url, Duration startup) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.url = url;
            this.startup = startup;
        }

        static Server start(Options o, int incarnation) throws CrashTestError, IOException, InterruptedException {
            String name = String.format(Locale.ROOT, "server-%03d", incarnation);
            Path out = o.logs().resolve(name + ".out");
            Path err = o.logs().resolve(name + ".err");
            List<String> command = List.of(o.javaCommand(), "-cp", o.classPath(), "dev.byokstudio.app.Main",
                    "--serve", "--port", "0", "--workspace", o.workspace().toString());
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            long deadline = started + TimeUnit.SECONDS.toNanos(30);
            try {
                while (System.nanoTime() < deadline) {
                    for (String line : Files.readAllLines(out)) {
                        if (line.startsWith("Listening on ")) {
                            return new Server(process, out, err, line.substring("Listening on ".length()).trim(),
                                    Duration.ofNanos(System.nanoTime() - started));
                        }
                    }
                    if (!process.isAlive()) {
                        throw new CrashTestError("server " + name + " ended with exit status " + process.exitValue()
                                + " without printing 'Listening on'; its error output (" + err + "):\n" + tail(err));
                    }
                    Thread.sleep(10);
                }
                throw new CrashTestError("server " + name + " printed no 'Listening on' within 30 s; see " + out
                        + " and " + err);
            } catch (CrashTestError | IOException | InterruptedException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }

        /** SIGKILL; waits for the process to end and returns its exit status (137 when SIGKILL ended it). */
        int kill() throws CrashTestError, InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new CrashTestError("the server (pid " + process.pid() + ") did not end within 30 s of SIGKILL");
            }
            return process.exitValue();
        }

        /** SIGTERM, as a person stops it; SIGKILL if it has not stopped within 20 s. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }

        static String tail(Path file) {
            try {
                List<String> lines = Files.readAllLines(file);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }
    }

    /**
     * The SDK client of the stream. Apache's HTTP client, because it checks that a body is as long as its
     * Content-Length: a server killed between writing an answer's headers and its body must leave the
     * operation in doubt, where java.net.HttpURLConnection hands the SDK the truncated body as if complete.
     */
    static KmsClient client(String url, Path workspace) {
        return KmsClient.builder()
                .endpointOverride(URI.create(url))
                .region(Region.US_EAST_1)
                // The administrator's key, from the credentials file the server writes into its workspace.
                .credentialsProvider(ProfileCredentialsProvider.builder().profileName("default")
                        .profileFile(ProfileFile.builder().content(workspace.resolve("credentials"))
                                .type(ProfileFile.Type.CREDENTIALS).build()).build())
                .httpClient(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(15)))
                .build();
    }

    // ================================================================ the ledger

    /** The two kinds of key the stream creates, both with origin EXTERNAL. */
    enum Kind {
        SYMMETRIC(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT),
        HMAC(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);

        final KeySpec spec;
        final KeyUsageType usage;

        Kind(KeySpec spec, KeyUsageType usage) {
            this.spec = spec;
            this.usage = usage;
        }

        /** 32 random bytes for AES-256; 32 to 64 for HMAC_256. */
        byte[] newMaterial(Random random) {
            byte[] b = new byte[this == SYMMETRIC ? 32 : 32 + random.nextInt(33)];
            random.nextBytes(b);
            return b;
        }
    }

    /** One operation of the stream, as findings name it. */
    record Op(long seq, int incarnation, String name, String detail) {
        @Override
        public String toString() {
            return name + " #" + seq + " (" + detail + "; server incarnation " + incarnation + ")";
        }
    }

    /**
     * The material side of a key, as the acknowledged operations left it.
     *
     * @param enabled Enabled (material in place) rather than PendingImport
     * @param validTo when the material expires; null for KEY_MATERIAL_DOES_NOT_EXPIRE (or no material)
     * @param by the operation that left it so
     */
    record MaterialState(boolean enabled, Instant validTo, Op by) {
        String describe(KeyRecord k, String materialId) {
            if (!enabled) {
                return "PendingImport" + (k.kind == Kind.SYMMETRIC ? ", CurrentKeyMaterialId " + orNone(materialId) : "");
            }
            return "Enabled" + (k.kind == Kind.SYMMETRIC ? " with KeyMaterialId " + orNone(materialId) : "")
                    + (validTo == null ? ", KEY_MATERIAL_DOES_NOT_EXPIRE" : ", KEY_MATERIAL_EXPIRES, ValidTo " + validTo);
        }
    }

    record TagValue(String value, Op by) {
    }

    record AliasRecord(String keyId, Op by) {
    }

    /** Import parameters the client holds: each token must import until it expires (24 h), crashes or not. */
    record Parameters(byte[] importToken, byte[] publicKey, Op by) {
    }

    static final class KeyRecord {
        final String keyId;
        final Kind kind;
        final byte[] material;
        final String description;
        final Op createdBy;
        /** Learned from the first acknowledged import of SYMMETRIC_DEFAULT material; null before, and for HMAC. */
        String materialId;
        Op materialIdBy;
        MaterialState state;
        final Map<String, TagValue> tags = new TreeMap<>();
        Parameters parameters;
        /** Whether an import of the material was acknowledged (or, in doubt, found to have taken effect). */
        boolean imported;

        KeyRecord(String keyId, Kind kind, byte[] material, String description, Op createdBy) {
            this.keyId = keyId;
            this.kind = kind;
            this.material = material;
            this.description = description;
            this.createdBy = createdBy;
            this.state = new MaterialState(false, null, createdBy);
        }
    }

    /** An operation whose call ended without a response: it may or may not have taken effect. */
    sealed interface Doubt {
        Op op();
    }

    record CreateDoubt(Op op, Kind kind, byte[] material, String description, Map<String, String> tags)
            implements Doubt {
    }

    /** ImportKeyMaterial or DeleteImportedKeyMaterial. */
    record MaterialDoubt(Op op, KeyRecord key, MaterialState before, MaterialState after) implements Doubt {
    }

    record AliasDoubt(Op op, String aliasName, String keyId) implements Doubt {
    }

    record TagDoubt(Op op, KeyRecord key, String tagKey, String value) implements Doubt {
    }

    /** GetParametersForImport: nothing a client can see changes. */
    record InvisibleDoubt(Op op) implements Doubt {
    }

    /** What the restart showed of the operation in doubt. */
    enum Outcome {
        APPLIED("had taken effect"),
        NOT_APPLIED("had not taken effect"),
        /**
         * Both outcomes look alike: GetParametersForImport (nothing a client sees changes) or a reimport with
         * the same expiry as before.
         */
        INDISTINGUISHABLE("changes nothing a client can see");

        final String text;

        Outcome(String text) {
            this.text = text;
        }
    }

    /** The call got no response; the operation is in doubt and the stream stops until the restart. */
    static final class InDoubtException extends Exception {
        private static final long serialVersionUID = 1L;

        InDoubtException(SdkClientException cause) {
            super(cause);
        }
    }

    /** KMS answered with an error where the ledger says the operation must succeed. */
    static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;
        final AwsServiceException error;

        RefusedException(AwsServiceException error) {
            super(error);
            this.error = error;
        }

        String describe() {
            boolean parsed = error.awsErrorDetails() != null;
            String code = parsed ? error.awsErrorDetails().errorCode() : "HTTP " + error.statusCode();
            String message = parsed ? error.awsErrorDetails().errorMessage() : error.getMessage();
            return code + " (HTTP " + error.statusCode() + ")"
                    + (message == null || message.isEmpty() ? "" : ": " + message);
        }
    }

    // ================================================================ the run

    static final class Run {
        private final Options o;
        private final PrintStream out;
        private final CiphertextCheck ciphertexts;
        private final Random schedule;
        private final Random choices;
        private final SecureRandom wrapRandom = new SecureRandom();

        private final Map<String, KeyRecord> keys = new LinkedHashMap<>();
        private final Map<String, AliasRecord> aliases = new TreeMap<>();
        /** Keys whose state disagreed with the ledger once: reported, then left alone. */
        private final Set<String> quarantined = new HashSet<>();
        /** Aliases already reported, so that each is reported once. */
        private final Set<String> reportedAliases = new HashSet<>();
        private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Long> acknowledgedBy = new TreeMap<>();
        /** Total response time of the acknowledged operations, by operation, in ms. */
        private final Map<String, Long> latencyMillis = new TreeMap<>();
        /** SHA-256 of every wrapping public key acknowledged, with the GetParametersForImport that gave it. */
        private final Map<String, Op> publicKeys = new java.util.HashMap<>();

        private Doubt doubt;
        private long acknowledged;
        private long cycleAcknowledged;
        /** Counted down by the stream's first acknowledged operation of the cycle (or its end). */
        private volatile CountDownLatch firstAcknowledged = new CountDownLatch(0);
        private long inDoubt;
        /** Acknowledged imports whose token a server incarnation killed since had issued. */
        private long importsWithEarlierTokens;
        /** Acknowledged reimports of symmetric material whose KeyMaterialId was learned before a kill. */
        private long reimportsAcrossKills;
        private final Map<Outcome, Long> inDoubtOutcomes = new java.util.EnumMap<>(Outcome.class);
        /** What the verification in progress found of the operation in doubt. */
        private Outcome outcome;
        private long seq;
        private int keyCounter;
        private int aliasCounter;
        private int incarnation;

        Run(Options o, CiphertextCheck ciphertexts) {
            this.o = o;
            this.out = o.out();
            this.ciphertexts = ciphertexts;
            this.schedule = new Random(o.seed());
            this.choices = new Random(o.seed() * 31 + 7);
        }

        Result execute() throws CrashTestError, IOException, InterruptedException {
            long started = System.nanoTime();
            out.printf(Locale.ROOT, "crash test: %d kills, seed %d, %d-%d ms of streaming per kill%n", o.kills(), o.seed(),
                    o.minStreamMillis(), o.maxStreamMillis());
            out.println("  workspace " + o.workspace());
            out.println("  server output " + o.logs());
            ExecutorService streamer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "crash-test-client");
                t.setDaemon(true);
                return t;
            });
            Server server = null;
            try {
                for (int kill = 1; kill <= o.kills(); kill++) {
                    incarnation = kill;
                    server = Server.start(o, incarnation);
                    String when = kill == 1 ? "at the first start" : "after kill " + (kill - 1);
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "kill %d/%d: server up in %d ms",
                            kill, o.kills(), server.startup.toMillis()));
                    try (KmsClient client = client(server.url, o.workspace())) {
                        line.append("; ").append(verify(client, when));
                        int streamMillis = o.minStreamMillis()
                                + schedule.nextInt(o.maxStreamMillis() - o.minStreamMillis() + 1);
                        AtomicBoolean stop = new AtomicBoolean();
                        cycleAcknowledged = 0;
                        CountDownLatch flowing = new CountDownLatch(1);
                        firstAcknowledged = flowing;
                        long streamStart = System.nanoTime();
                        Future<?> streaming = streamer.submit(() -> {
                            try {
                                stream(client, stop);
                            } finally {
                                flowing.countDown();
                            }
                            return null;
                        });
                        // The first calls to a newly started JVM are slow (class loading, no JIT yet): the kill
                        // moment is drawn from when operations flow, that is from the first acknowledged one.
                        flowing.await(30, TimeUnit.SECONDS);
                        long warmUp = (System.nanoTime() - streamStart) / 1_000_000;
                        Thread.sleep(streamMillis);
                        boolean diedOnItsOwn = !server.process.isAlive();
                        int status = server.kill();
                        stop.set(true);
                        awaitStream(streaming);
                        if (diedOnItsOwn || status != SIGKILL_EXIT_STATUS) {
                            throw new CrashTestError("server incarnation " + incarnation + " ended with exit status "
                                    + status + (diedOnItsOwn ? " on its own, before the kill" : ", not 137 (SIGKILL)")
                                    + "; its error output (" + server.err + "):\n" + Server.tail(server.err));
                        }
                        line.append(String.format(Locale.ROOT, "; streamed %d + %d ms: %d acknowledged; SIGKILL", warmUp,
                                streamMillis, cycleAcknowledged));
                        line.append(doubt == null ? ", nothing in doubt" : " with " + doubt.op().name() + " #"
                                + doubt.op().seq() + " in doubt");
                    }
                    server = null;
                    out.println(line);
                }
                incarnation = o.kills() + 1;
                server = Server.start(o, incarnation);
                try (KmsClient client = client(server.url, o.workspace())) {
                    out.printf(Locale.ROOT, "final start: server up in %d ms; %s%n", server.startup.toMillis(),
                            verify(client, "after kill " + o.kills()));
                }
                server.stop();
                server = null;
            } catch (CrashTestError e) {
                printFindings();
                throw e;
            } finally {
                if (server != null) {
                    server.process.destroyForcibly();
                }
                streamer.shutdownNow();
            }
            Result result = new Result(o.kills(), acknowledged, Collections.unmodifiableMap(new TreeMap<>(acknowledgedBy)),
                    inDoubt, inDoubtOutcomes.getOrDefault(Outcome.APPLIED, 0L),
                    inDoubtOutcomes.getOrDefault(Outcome.INDISTINGUISHABLE, 0L), keys.size(), aliases.size(),
                    List.copyOf(findings), ciphertexts.available(), ciphertexts.recorded(),
                    Duration.ofNanos(System.nanoTime() - started));
            report(result);
            return result;
        }

        private void awaitStream(Future<?> streaming) throws CrashTestError, InterruptedException {
            try {
                streaming.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new CrashTestError("the client failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                streaming.cancel(true);
                throw new CrashTestError("the client did not stop within 60 s of the kill");
            }
        }

        private void report(Result r) {
            out.println("acknowledged (mean response time): " + r.acknowledgedByOperation().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %,d (%d ms)", e.getKey(), e.getValue(),
                            latencyMillis.getOrDefault(e.getKey(), 0L) / e.getValue()))
                    .collect(Collectors.joining(", ")));
            out.printf(Locale.ROOT, "in doubt at the kills: %d operations (%d had taken effect, %d had not, %d changed "
                    + "nothing a client can see)%n", r.inDoubt(), r.inDoubtApplied(),
                    r.inDoubt() - r.inDoubtApplied() - r.inDoubtIndistinguishable(), r.inDoubtIndistinguishable());
            out.printf(Locale.ROOT, "across kills: %d imports with a token issued before a kill, %d reimports of "
                    + "SYMMETRIC_DEFAULT material whose KeyMaterialId was learned before a kill%n", importsWithEarlierTokens,
                    reimportsAcrossKills);
            out.printf(Locale.ROOT, "ledger at the end: %d keys, %d aliases; run time %d s%n", r.keys(), r.aliases(),
                    r.elapsed().toSeconds());
            out.printf(Locale.ROOT, "ciphertexts: %,d acknowledged, each decrypted after every restart%n",
                    r.ciphertexts());
            printFindings();
            out.println(r.summary());
        }

        private void printFindings() {
            synchronized (findings) {
                for (Finding f : findings) {
                    out.println(f);
                }
            }
        }

        // ------------------------------------------------------------ streaming

        private void stream(KmsClient client, AtomicBoolean stop) {
            while (!stop.get()) {
                if (!step(client)) {
                    return;
                }
            }
        }

        /** One operation; false when it went in doubt (the stream then waits for the kill). */
        private boolean step(KmsClient c) {
            List<KeyRecord> live = new ArrayList<>(keys.values());
            KeyRecord k = live.isEmpty() ? null : live.get(choices.nextInt(live.size()));
            try {
                if (live.size() < 3 || (live.size() < MAX_KEYS && choices.nextInt(100) < 6)) {
                    k = null;
                    createKey(c, choices.nextInt(3) < 2 ? Kind.SYMMETRIC : Kind.HMAC);
                    return true;
                }
                int r = choices.nextInt(100);
                if (r < 10 && aliases.size() < MAX_ALIASES) {
                    createAlias(c, k);
                } else if (r < 28) {
                    tag(c, k);
                } else if (r < 40 && ciphertexts.available() && k.kind == Kind.SYMMETRIC && k.state.enabled()) {
                    encrypt(c, k);
                } else if (k.state.enabled() && choices.nextInt(4) == 0) {
                    deleteMaterial(c, k);
                } else if (k.parameters == null || choices.nextInt(10) == 0) {
                    getParameters(c, k);
                } else {
                    importMaterial(c, k, choices.nextBoolean());
                }
                return true;
            } catch (InDoubtException e) {
                return false;
            } catch (RefusedException e) {
                // The ledger said this must succeed: the state it relied on is gone or changed.
                if (k != null) {
                    quarantine(k);
                }
                return true;
            }
        }

        private Op op(String name, String detail) {
            return new Op(++seq, incarnation, name, detail);
        }

        /** Calls KMS: the response, or in doubt (no response), or refused (an AWS error, recorded as a finding). */
        private <T> T call(Op op, Doubt ifNoResponse, String expectation, Supplier<T> call)
                throws InDoubtException, RefusedException {
            long started = System.nanoTime();
            try {
                T response = call.get();
                latencyMillis.merge(op.name(), (System.nanoTime() - started) / 1_000_000, Long::sum);
                acknowledged++;
                cycleAcknowledged++;
                firstAcknowledged.countDown();
                acknowledgedBy.merge(op.name(), 1L, Long::sum);
                return response;
            } catch (AwsServiceException e) {
                RefusedException refused = new RefusedException(e);
                findings.add(new Finding(Finding.Kind.LOST, "server incarnation " + incarnation, op.toString(),
                        expectation, refused.describe()));
                throw refused;
            } catch (SdkClientException e) {
                doubt = ifNoResponse;
                inDoubt++;
                throw new InDoubtException(e);
            }
        }

        private void createKey(KmsClient c, Kind kind) throws InDoubtException, RefusedException {
            int n = ++keyCounter;
            Op op = op("CreateKey", "EXTERNAL " + kind.spec + ", key " + n);
            String description = KEY_DESCRIPTION_PREFIX + n + " (" + op.name() + " #" + op.seq() + ")";
            byte[] material = kind.newMaterial(choices);
            Map<String, String> tags = Map.of("created-by", "crash-test", "create-op", Long.toString(op.seq()));
            CreateKeyResponse r = call(op, new CreateDoubt(op, kind, material, description, tags), "a new key",
                    () -> c.createKey(b -> b.origin(OriginType.EXTERNAL).keySpec(kind.spec).keyUsage(kind.usage)
                            .description(description)
                            .tags(tags.entrySet().stream()
                                    .map(t -> Tag.builder().tagKey(t.getKey()).tagValue(t.getValue()).build())
                                    .collect(Collectors.toList()))));
            KeyRecord k = new KeyRecord(r.keyMetadata().keyId(), kind, material, description, op);
            tags.forEach((key, value) -> k.tags.put(key, new TagValue(value, op)));
            keys.put(k.keyId, k);
            if (r.keyMetadata().keyState() != KeyState.PENDING_IMPORT) {
                findings.add(new Finding(Finding.Kind.WRONG, "server incarnation " + incarnation, op.toString(),
                        "the new key PendingImport", String.valueOf(r.keyMetadata().keyState())));
                quarantine(k);
            }
        }

        private void getParameters(KmsClient c, KeyRecord k) throws InDoubtException, RefusedException {
            Op op = op("GetParametersForImport", "key " + k.keyId + ", RSA_2048, RSAES_OAEP_SHA_256");
            GetParametersForImportResponse r = call(op, new InvisibleDoubt(op),
                    "import parameters for the key, which " + k.createdBy + " created",
                    () -> c.getParametersForImport(b -> b.keyId(k.keyId)
                            .wrappingAlgorithm(software.amazon.awssdk.services.kms.model.AlgorithmSpec.RSAES_OAEP_SHA_256)
                            .wrappingKeySpec(WrappingKeySpec.RSA_2048)));
            k.parameters = new Parameters(r.importToken().asByteArray(), r.publicKey().asByteArray(), op);
            // Each wrapping key pair is handed out once, restarts or not (the pool is kept in the workspace).
            Op earlier = publicKeys.putIfAbsent(java.util.HexFormat.of().formatHex(sha256(r.publicKey().asByteArray())), op);
            if (earlier != null) {
                findings.add(new Finding(Finding.Kind.WRONG, "server incarnation " + incarnation, op.toString(),
                        "a wrapping public key never handed out before", "the public key that " + earlier + " gave"));
            }
        }

        private void importMaterial(KmsClient c, KeyRecord k, boolean expiring) throws InDoubtException, RefusedException {
            Parameters p = k.parameters;
            Instant validTo = expiring
                    ? Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(180 + choices.nextInt(180)))
                    : null;
            String what = k.imported ? "reimport of the same material" : "first import";
            Op op = op("ImportKeyMaterial", "key " + k.keyId + ", " + what + ", "
                    + (expiring ? "ValidTo " + validTo : "no expiry") + ", token of " + p.by().name() + " #" + p.by().seq()
                    + (p.by().incarnation() != incarnation ? " from server incarnation " + p.by().incarnation() : ""));
            byte[] wrapped;
            try {
                wrapped = KeyWrapping.wrap(SecretBytes.copyOf(k.material), WrappingKeys.publicKey(p.publicKey()),
                        WrappingAlgorithm.RSAES_OAEP_SHA_256, wrapRandom);
            } catch (MaterialFormatException e) {
                throw new IllegalStateException(p.by() + " returned a public key that cannot be read", e);
            }
            MaterialState after = new MaterialState(true, validTo, op);
            String expectation = "the import to succeed: the token of " + p.by() + " is valid for 24 hours"
                    + (k.materialId == null ? "" : ", and the key's material is " + k.materialId + " (since "
                            + k.materialIdBy + ")");
            ImportKeyMaterialResponse r = call(op, new MaterialDoubt(op, k, k.state, after), expectation,
                    () -> c.importKeyMaterial(b -> {
                        b.keyId(k.keyId).importToken(SdkBytes.fromByteArray(p.importToken()))
                                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrapped));
                        if (expiring) {
                            b.expirationModel(ExpirationModelType.KEY_MATERIAL_EXPIRES).validTo(validTo);
                        } else {
                            b.expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE);
                        }
                    }));
            if (p.by().incarnation() != incarnation) {
                importsWithEarlierTokens++;
            }
            if (k.materialIdBy != null && k.materialIdBy.incarnation() != incarnation) {
                reimportsAcrossKills++;
            }
            k.state = after;
            k.imported = true;
            if (choices.nextInt(3) == 0) {
                k.parameters = null; // else the same token imports again, as it may for 24 hours
            }
            if (k.kind == Kind.SYMMETRIC) {
                String id = r.keyMaterialId();
                if (k.materialId == null) {
                    k.materialId = id;
                    k.materialIdBy = op;
                } else if (!k.materialId.equals(id)) {
                    findings.add(new Finding(Finding.Kind.WRONG, "server incarnation " + incarnation, op.toString(),
                            "KeyMaterialId " + k.materialId + ", as " + k.materialIdBy + " gave for the same bytes",
                            "KeyMaterialId " + id));
                    quarantine(k);
                }
            }
        }

        private void deleteMaterial(KmsClient c, KeyRecord k) throws InDoubtException, RefusedException {
            Op op = op("DeleteImportedKeyMaterial", "key " + k.keyId);
            MaterialState after = new MaterialState(false, null, op);
            DeleteImportedKeyMaterialResponse r = call(op, new MaterialDoubt(op, k, k.state, after),
                    "the deletion of material that " + k.state.by() + " put in place",
                    () -> c.deleteImportedKeyMaterial(b -> b.keyId(k.keyId)));
            k.state = after;
            if (k.kind == Kind.SYMMETRIC && !Objects.equals(k.materialId, r.keyMaterialId())) {
                findings.add(new Finding(Finding.Kind.WRONG, "server incarnation " + incarnation, op.toString(),
                        "the deleted KeyMaterialId " + k.materialId + " (since " + k.materialIdBy + ")",
                        "KeyMaterialId " + r.keyMaterialId()));
                quarantine(k);
            }
        }

        private void createAlias(KmsClient c, KeyRecord k) throws InDoubtException, RefusedException {
            String name = ALIAS_PREFIX + (++aliasCounter);
            Op op = op("CreateAlias", name + " -> " + k.keyId);
            call(op, new AliasDoubt(op, name, k.keyId), "a new alias to the key " + k.keyId + ", which " + k.createdBy
                    + " created", () -> c.createAlias(b -> b.aliasName(name).targetKeyId(k.keyId)));
            aliases.put(name, new AliasRecord(k.keyId, op));
        }

        private void tag(KmsClient c, KeyRecord k) throws InDoubtException, RefusedException {
            String tagKey = "t" + choices.nextInt(TAG_KEYS_PER_KEY);
            Op op = op("TagResource", "key " + k.keyId + ", " + tagKey + "=v" + (seq + 1));
            String value = "v" + op.seq();
            call(op, new TagDoubt(op, k, tagKey, value), "the tag set on the key, which " + k.createdBy + " created",
                    () -> c.tagResource(b -> b.keyId(k.keyId).tags(Tag.builder().tagKey(tagKey).tagValue(value).build())));
            k.tags.put(tagKey, new TagValue(value, op));
        }

        private void encrypt(KmsClient c, KeyRecord k) throws InDoubtException, RefusedException {
            Op op = op("Encrypt", "key " + k.keyId + ", KeyMaterialId " + k.materialId);
            call(op, new InvisibleDoubt(op), "a ciphertext", () -> {
                ciphertexts.encrypt(c, k.keyId, k.materialId, choices, op.toString());
                return null;
            });
        }

        /** Stops using and checking a key once it disagreed with the ledger; its aliases are still checked. */
        private void quarantine(KeyRecord k) {
            keys.remove(k.keyId);
            quarantined.add(k.keyId);
        }

        // ------------------------------------------------------------ verification

        /** Checks the whole ledger against the server; settles the operation in doubt; returns a progress note. */
        private String verify(KmsClient c, String when) throws CrashTestError {
            Doubt d = doubt;
            doubt = null;
            outcome = Outcome.NOT_APPLIED;
            int before = findings.size();
            try {
                Set<String> listed = new TreeSet<>();
                for (KeyListEntry e : c.listKeysPaginator(b -> b.limit(100)).keys()) {
                    listed.add(e.keyId());
                }
                for (KeyRecord k : new ArrayList<>(keys.values())) {
                    verifyKey(c, k, listed.contains(k.keyId), d, when);
                }
                for (String keyId : listed) {
                    if (!keys.containsKey(keyId) && !quarantined.contains(keyId)) {
                        verifyUnknownKey(c, keyId, d, when);
                    }
                }
                verifyAliases(c, d, when);
                Map<String, String> enabled = new LinkedHashMap<>();
                keys.values().stream().filter(k -> k.kind == Kind.SYMMETRIC && k.state.enabled())
                        .forEach(k -> enabled.put(k.keyId, k.materialId));
                findings.addAll(ciphertexts.verify(c, enabled, when));
            } catch (SdkClientException e) {
                printFindings();
                throw new CrashTestError("the server stopped answering while being verified " + when + ": "
                        + e.getMessage(), e);
            } catch (AwsServiceException e) {
                printFindings();
                throw new CrashTestError("the server refused a listing while being verified " + when + ": "
                        + new RefusedException(e).describe(), e);
            }
            if (d instanceof InvisibleDoubt) {
                outcome = Outcome.INDISTINGUISHABLE;
            }
            if (d != null) {
                inDoubtOutcomes.merge(outcome, 1L, Long::sum);
            }
            String note = String.format(Locale.ROOT, "verified %d keys, %d aliases", keys.size(), aliases.size());
            if (d != null) {
                note += " (" + d.op().name() + " #" + d.op().seq() + " in doubt " + outcome.text + ")";
            }
            if (findings.size() > before) {
                note += "; " + (findings.size() - before) + " FINDINGS";
            }
            return note;
        }

        private void verifyKey(KmsClient c, KeyRecord k, boolean listed, Doubt d, String when) {
            String notListed = listed ? "" : "not in ListKeys; ";
            KeyMetadata m;
            try {
                m = c.describeKey(b -> b.keyId(k.keyId)).keyMetadata();
            } catch (NotFoundException e) {
                findings.add(new Finding(Finding.Kind.LOST, when, k.createdBy.toString(), "key " + k.keyId,
                        notListed + "DescribeKey: NotFoundException: " + e.awsErrorDetails().errorMessage()));
                quarantine(k);
                return;
            } catch (AwsServiceException e) {
                findings.add(new Finding(Finding.Kind.WRONG, when, k.createdBy.toString(), "DescribeKey of key " + k.keyId,
                        notListed + new RefusedException(e).describe()));
                quarantine(k);
                return;
            }
            if (!listed) {
                findings.add(new Finding(Finding.Kind.LOST, when, k.createdBy.toString(),
                        "key " + k.keyId + " in ListKeys", "not listed (DescribeKey finds it)"));
                quarantine(k);
                return;
            }
            String fixed = fixedFields(k.kind, k.description, m);
            if (fixed != null) {
                findings.add(new Finding(Finding.Kind.WRONG, when, k.createdBy.toString(),
                        "key " + k.keyId + ": " + k.kind.spec + ", " + k.kind.usage + ", EXTERNAL, \"" + k.description + "\"",
                        fixed));
                quarantine(k);
                return;
            }
            MaterialDoubt md = d instanceof MaterialDoubt x && x.key() == k ? x : null;
            if (md == null) {
                String mismatch = materialMismatch(k, k.state, m);
                if (mismatch != null) {
                    findings.add(new Finding(Finding.Kind.LOST, when, k.state.by().toString(),
                            "key " + k.keyId + " " + k.state.describe(k, k.materialId), mismatch));
                    quarantine(k);
                    return;
                }
            } else if (materialMismatch(k, md.before(), m) == null) {
                if (materialMismatch(k, md.after(), m) == null) {
                    outcome = Outcome.INDISTINGUISHABLE;
                    k.imported |= md.after().enabled();
                }
            } else if (materialMismatch(k, md.after(), m) == null) {
                outcome = Outcome.APPLIED;
                k.imported |= md.after().enabled();
                k.state = md.after();
                if (k.kind == Kind.SYMMETRIC && k.materialId == null) {
                    k.materialId = m.currentKeyMaterialId();
                    k.materialIdBy = md.op();
                }
            } else {
                findings.add(new Finding(Finding.Kind.WRONG, when, md.op() + ", in doubt",
                        "key " + k.keyId + " either " + md.before().describe(k, k.materialId) + " (as " + md.before().by()
                                + " left it) or " + md.after().describe(k, k.materialId),
                        describe(m)));
                quarantine(k);
                return;
            }
            verifyTags(c, k, d, when);
        }

        /** Null if the key's fixed fields are as created; else what they are. */
        private static String fixedFields(Kind kind, String description, KeyMetadata m) {
            if (m.keySpec() == kind.spec && m.keyUsage() == kind.usage && m.origin() == OriginType.EXTERNAL
                    && description.equals(m.description())) {
                return null;
            }
            return m.keySpec() + ", " + m.keyUsage() + ", " + m.origin() + ", \"" + m.description() + "\"";
        }

        /** Null if {@code m} shows the material state {@code s}; else what it shows. */
        private static String materialMismatch(KeyRecord k, MaterialState s, KeyMetadata m) {
            boolean ok = m.keyState() == (s.enabled() ? KeyState.ENABLED : KeyState.PENDING_IMPORT)
                    && Boolean.TRUE.equals(m.enabled()) == s.enabled();
            if (k.kind == Kind.SYMMETRIC) {
                if (k.materialId != null) {
                    ok &= k.materialId.equals(m.currentKeyMaterialId());
                } else if (s.enabled()) {
                    ok &= m.currentKeyMaterialId() != null && m.currentKeyMaterialId().matches("[0-9a-f]{64}");
                } else {
                    ok &= m.currentKeyMaterialId() == null;
                }
            } else {
                ok &= m.currentKeyMaterialId() == null;
            }
            if (s.enabled()) {
                ok &= m.expirationModel() == (s.validTo() == null ? ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE
                        : ExpirationModelType.KEY_MATERIAL_EXPIRES);
                ok &= Objects.equals(s.validTo(), m.validTo());
            } else {
                ok &= m.expirationModel() == null && m.validTo() == null;
            }
            return ok ? null : describe(m);
        }

        private static String describe(KeyMetadata m) {
            StringBuilder s = new StringBuilder(String.valueOf(m.keyStateAsString()));
            s.append(m.keyState() == KeyState.ENABLED ? " with" : ",").append(" CurrentKeyMaterialId ")
                    .append(orNone(m.currentKeyMaterialId()));
            if (m.expirationModel() != null) {
                s.append(", ").append(m.expirationModelAsString());
            }
            if (m.validTo() != null) {
                s.append(", ValidTo ").append(m.validTo());
            }
            return s.toString();
        }

        private void verifyTags(KmsClient c, KeyRecord k, Doubt d, String when) {
            Map<String, String> actual = new TreeMap<>();
            try {
                for (Tag t : c.listResourceTagsPaginator(b -> b.keyId(k.keyId)).tags()) {
                    actual.put(t.tagKey(), t.tagValue());
                }
            } catch (AwsServiceException e) {
                findings.add(new Finding(Finding.Kind.WRONG, when, k.createdBy.toString(),
                        "ListResourceTags of key " + k.keyId, new RefusedException(e).describe()));
                quarantine(k);
                return;
            }
            Map<String, String> expected = new TreeMap<>();
            k.tags.forEach((key, v) -> expected.put(key, v.value()));
            if (actual.equals(expected)) {
                return;
            }
            if (d instanceof TagDoubt td && td.key() == k) {
                Map<String, String> after = new TreeMap<>(expected);
                after.put(td.tagKey(), td.value());
                if (actual.equals(after)) {
                    outcome = Outcome.APPLIED;
                    k.tags.put(td.tagKey(), new TagValue(td.value(), td.op()));
                    return;
                }
            }
            Set<String> names = new TreeSet<>(expected.keySet());
            names.addAll(actual.keySet());
            for (String name : names) {
                String e = expected.get(name);
                String a = actual.get(name);
                if (!Objects.equals(e, a)) {
                    String by = k.tags.containsKey(name) ? k.tags.get(name).by().toString() : "no acknowledged operation";
                    if (d instanceof TagDoubt td && td.key() == k && td.tagKey().equals(name)) {
                        by += "; " + td.op() + " was in doubt with " + name + "=" + td.value();
                    }
                    findings.add(new Finding(e == null ? Finding.Kind.UNEXPECTED : Finding.Kind.LOST, when, by,
                            "tag " + name + (e == null ? " absent" : "=" + e) + " on key " + k.keyId,
                            a == null ? "absent" : name + "=" + a));
                }
            }
            quarantine(k);
        }

        /** A key the ledger does not know: the CreateKey in doubt, or something no operation made. */
        private void verifyUnknownKey(KmsClient c, String keyId, Doubt d, String when) {
            KeyMetadata m;
            try {
                m = c.describeKey(b -> b.keyId(keyId)).keyMetadata();
            } catch (AwsServiceException e) {
                findings.add(new Finding(Finding.Kind.UNEXPECTED, when, "no acknowledged or in-doubt operation",
                        "no key " + keyId,
                        "key " + keyId + " in ListKeys, and DescribeKey: " + new RefusedException(e).describe()));
                quarantined.add(keyId);
                return;
            }
            if (d instanceof CreateDoubt cd && cd.description().equals(m.description())) {
                KeyRecord k = new KeyRecord(keyId, cd.kind(), cd.material(), cd.description(), cd.op());
                cd.tags().forEach((key, value) -> k.tags.put(key, new TagValue(value, cd.op())));
                keys.put(keyId, k);
                outcome = Outcome.APPLIED;
                String fixed = fixedFields(cd.kind(), cd.description(), m);
                String mismatch = fixed != null ? fixed : materialMismatch(k, k.state, m);
                if (mismatch != null) {
                    findings.add(new Finding(Finding.Kind.WRONG, when, cd.op() + ", in doubt",
                            "key " + keyId + ": " + cd.kind().spec + ", PendingImport", mismatch));
                    quarantine(k);
                    return;
                }
                verifyTags(c, k, null, when);
                return;
            }
            findings.add(new Finding(Finding.Kind.UNEXPECTED, when, "no acknowledged or in-doubt operation",
                    "no key " + keyId,
                    "key " + keyId + " (" + m.keySpec() + ", \"" + m.description() + "\", " + describe(m) + ")"));
            quarantined.add(keyId);
        }

        private void verifyAliases(KmsClient c, Doubt d, String when) {
            Map<String, String> actual = new TreeMap<>();
            for (AliasListEntry a : c.listAliasesPaginator(b -> b.limit(100)).aliases()) {
                if (a.aliasName().startsWith(ALIAS_PREFIX)) {
                    actual.put(a.aliasName(), a.targetKeyId());
                }
            }
            for (Map.Entry<String, AliasRecord> e : new ArrayList<>(aliases.entrySet())) {
                String target = actual.get(e.getKey());
                if (!e.getValue().keyId().equals(target)) {
                    findings.add(new Finding(target == null ? Finding.Kind.LOST : Finding.Kind.WRONG, when,
                            e.getValue().by().toString(), e.getKey() + " -> " + e.getValue().keyId(),
                            target == null ? "no such alias" : e.getKey() + " -> " + target));
                    aliases.remove(e.getKey());
                    reportedAliases.add(e.getKey());
                }
            }
            for (Map.Entry<String, String> e : actual.entrySet()) {
                if (aliases.containsKey(e.getKey())) {
                    continue;
                }
                if (d instanceof AliasDoubt ad && ad.aliasName().equals(e.getKey())) {
                    outcome = Outcome.APPLIED;
                    if (ad.keyId().equals(e.getValue())) {
                        aliases.put(ad.aliasName(), new AliasRecord(ad.keyId(), ad.op()));
                    } else {
                        findings.add(new Finding(Finding.Kind.WRONG, when, ad.op() + ", in doubt",
                                ad.aliasName() + " -> " + ad.keyId() + ", or no such alias",
                                e.getKey() + " -> " + e.getValue()));
                        reportedAliases.add(e.getKey());
                    }
                    continue;
                }
                if (!reportedAliases.add(e.getKey())) {
                    continue;
                }
                findings.add(new Finding(Finding.Kind.UNEXPECTED, when, "no acknowledged or in-doubt operation",
                        "no alias " + e.getKey(), e.getKey() + " -> " + e.getValue()));
            }
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String orNone(String s) {
        return s == null ? "(none)" : s;
    }
}
