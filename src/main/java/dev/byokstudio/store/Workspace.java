package dev.byokstudio.store;

import dev.byokstudio.kms.SecretBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A workspace on disk: a directory holding {@code workspace.db} (SQLite, WAL), the workspace key that
 * seals every secret in it ({@code workspace.key}, readable by its owner only — or, for a workspace
 * protected by a passphrase, derived from it with Argon2id), and {@code workspace.lock}, which keeps a
 * second process out. Opening checks the schema version (migrating older ones), that the key opens the
 * workspace, and that the database is intact; each failure is a {@link WorkspaceException} with ways out.
 */
public final class Workspace implements AutoCloseable {

    /** The schema this version writes. */
    public static final int SCHEMA_VERSION = Migrations.latest();
    static final String DATABASE = "workspace.db";
    static final String KEY_FILE = "workspace.key";
    static final String LOCK_FILE = "workspace.lock";
    private static final byte[] KEY_CHECK = "BYOK Studio workspace key check".getBytes(StandardCharsets.US_ASCII);

    /** The region a new workspace plays when none is given. */
    public static final String DEFAULT_REGION = "us-east-1";

    /**
     * How to open a workspace. Account and region apply when it is created (region defaulting to
     * {@link #DEFAULT_REGION}); an existing workspace keeps its own, and a region given must agree with it.
     */
    public record Options(String accountId, Optional<String> region, Optional<char[]> passphrase, boolean readOnly) {

        public static Options defaults(String accountId, String region) {
            return new Options(accountId, Optional.of(region), Optional.empty(), false);
        }
    }

    /**
     * Workspaces this process has open. Checked before touching the lock file: on POSIX systems closing
     * any descriptor of a file drops every lock the process holds on it, so a refused second opening
     * must never open (and close) the lock file itself.
     */
    private static final java.util.Set<Path> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Connection db;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SqliteWorkspaceStore store;
    private final String accountId;
    private final String region;
    private final boolean readOnly;
    private final SecretBytes key;

    private Workspace(Path directory, Connection db, FileChannel lockChannel, FileLock lock, SqliteWorkspaceStore store,
            String accountId, String region, boolean readOnly, SecretBytes key) {
        this.directory = directory;
        this.db = db;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.store = store;
        this.accountId = accountId;
        this.region = region;
        this.readOnly = readOnly;
        this.key = key;
    }

    /**
     * The platform's place for BYOK Studio's default workspace of a region: {@code $XDG_DATA_HOME} or
     * {@code ~/.local/share} on Linux, {@code %APPDATA%} on Windows, {@code ~/Library/Application Support}
     * on macOS; then {@code byok-studio/<region>}.
     */
    public static Path defaultDirectory(String region) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        Path base;
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            base = appData != null ? Path.of(appData) : Path.of(home, "AppData", "Roaming");
        } else if (os.contains("mac")) {
            base = Path.of(home, "Library", "Application Support");
        } else {
            String xdg = System.getenv("XDG_DATA_HOME");
            base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share");
        }
        return base.resolve("byok-studio").resolve(region);
    }

    /** Opens the workspace in {@code directory}, creating it if the directory is missing or empty. */
    public static Workspace open(Path directory, Options options) {
        Path dir = directory.toAbsolutePath().normalize();
        boolean fresh = isNewWorkspace(dir);
        if (fresh && options.readOnly()) {
            throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                    "There is no workspace in " + dir + " to open read-only.", List.of("Choose another directory."));
        }
        if (!options.readOnly() && !OPEN.add(dir)) {
            throw inUse(dir, Long.toString(ProcessHandle.current().pid()));
        }
        FileChannel lockChannel = null;
        FileLock lock = null;
        Connection db = null;
        try {
            if (fresh) {
                createPrivateDirectory(dir);
            }
            if (!options.readOnly()) {
                lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = tryLock(lockChannel, dir);
                lockChannel.truncate(0);
                lockChannel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
            }
            if (!fresh) {
                requireSqliteHeader(dir);
            }
            db = connect(dir, options.readOnly());
            Workspace workspace = fresh ? create(dir, db, lockChannel, lock, options)
                    : openExisting(dir, db, lockChannel, lock, options);
            return workspace;
        } catch (IOException e) {
            closeQuietly(db, lockChannel, lock);
            if (!options.readOnly()) {
                OPEN.remove(dir);
            }
            throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                    "The workspace directory " + dir + " cannot be used: " + e.getMessage(),
                    List.of("Check that the directory exists and is writable.", "Choose another workspace (--workspace DIR)."), e);
        } catch (RuntimeException e) {
            closeQuietly(db, lockChannel, lock);
            if (!options.readOnly()) {
                OPEN.remove(dir);
            }
            throw e;
        }
    }

    /** Creates the directory readable by its owner only, where the file system has POSIX permissions. */
    static void createPrivateDirectory(Path dir) throws IOException {
        try {
            if (Files.isDirectory(dir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } else {
                Files.createDirectories(dir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /** Whether {@code dir} already holds a workspace (its database). */
    public static boolean exists(Path dir) {
        return Files.exists(dir.resolve(DATABASE));
    }

    private static boolean isNewWorkspace(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (Files.exists(dir.resolve(DATABASE))) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                    dir + " is a file, not a workspace directory.", List.of("Choose a directory (--workspace DIR)."));
        }
        try (var entries = Files.list(dir)) {
            boolean onlyOurs = entries.allMatch(p -> p.getFileName().toString().startsWith("workspace."));
            if (!onlyOurs) {
                throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                        dir + " holds other files and no workspace database; BYOK Studio will not put a workspace there.",
                        List.of("Choose an empty or new directory (--workspace DIR)."));
            }
            return true;
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                    "The directory " + dir + " cannot be read: " + e.getMessage(), List.of("Choose another workspace."), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw inUse(dir, readPid(dir.resolve(LOCK_FILE)));
        }
        return lock;
    }

    private static WorkspaceException inUse(Path dir, String pid) {
        return new WorkspaceException(WorkspaceException.Problem.IN_USE,
                "The workspace " + dir + " is open in another BYOK Studio process" + (pid.isEmpty() ? "" : " (pid " + pid + ")")
                        + ". Two processes must never write one workspace.",
                List.of("Use the BYOK Studio that already has it open (its endpoint serves the same keys).",
                        "Close the other process and try again.", "Choose another workspace (--workspace DIR)."));
    }

    private static String readPid(Path lockFile) {
        try {
            return Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Refuses a database file that is not SQLite before SQLite opens it: opening writes a header into an
     * empty file, and nothing about a damaged workspace may change before the person decides.
     */
    private static void requireSqliteHeader(Path dir) throws IOException {
        Path file = dir.resolve(DATABASE);
        byte[] expected = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[expected.length];
        int read;
        try (var in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        }
        if (read == 0) {
            throw new WorkspaceException(WorkspaceException.Problem.CORRUPT,
                    "The database " + file + " is empty: the workspace's creation was interrupted, or the file was emptied.",
                    List.of("Restore the workspace from a backup.", "Choose another workspace (--workspace DIR).",
                            "If nothing in it matters, remove the directory and BYOK Studio creates a new workspace there."));
        }
        if (read < header.length || !Arrays.equals(header, expected)) {
            throw WorkspaceException.corrupt(file + " is not an SQLite database (its first bytes are not SQLite's header)");
        }
    }

    private static Connection connect(Path dir, boolean readOnly) {
        Properties p = new Properties();
        if (readOnly) {
            p.setProperty("open_mode", "1");
        }
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(DATABASE), p);
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                if (!readOnly) {
                    st.execute("PRAGMA journal_mode = WAL");
                    st.execute("PRAGMA synchronous = FULL");
                }
                st.execute("PRAGMA foreign_keys = ON");
            }
            return db;
        } catch (SQLException e) {
            throw unreadable(dir, e);
        }
    }

    private static WorkspaceException unreadable(Path dir, SQLException e) {
        return new WorkspaceException(WorkspaceException.Problem.CORRUPT,
                "The workspace database in " + dir + " cannot be read: " + e.getMessage(),
                List.of("Restore the workspace from a backup.", "Choose another workspace (--workspace DIR).",
                        "Nothing was changed: the damaged files are as they were."), e);
    }

    private static Workspace create(Path dir, Connection db, FileChannel lockChannel, FileLock lock, Options options)
            throws IOException {
        SecureRandom random = new SecureRandom();
        String region = options.region().orElse(DEFAULT_REGION);
        SecretBytes key;
        String protection;
        byte[] salt = new byte[16];
        if (options.passphrase().isPresent()) {
            random.nextBytes(salt);
            key = fromPassphrase(options.passphrase().get(), salt);
            protection = "passphrase";
        } else {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            writeKeyFile(dir.resolve(KEY_FILE), raw);
            key = SecretBytes.wrap(raw);
            protection = "key-file";
        }
        Sealer sealer = new Sealer(key, random);
        try {
            db.setAutoCommit(false);
            Migrations.migrate(db, 0);
            putMeta(db, "account_id", options.accountId());
            putMeta(db, "region", region);
            putMeta(db, "created", Instant.now().toString());
            putMeta(db, "protection", protection);
            putMeta(db, "passphrase_salt", Base64.getEncoder().encodeToString(salt));
            putMeta(db, "key_check", Base64.getEncoder().encodeToString(sealer.seal(KEY_CHECK, "key-check")));
            db.commit();
            db.setAutoCommit(true);
        } catch (SQLException e) {
            throw unreadable(dir, e);
        }
        return new Workspace(dir, db, lockChannel, lock, new SqliteWorkspaceStore(db, sealer, false),
                options.accountId(), region, false, key);
    }

    private static Workspace openExisting(Path dir, Connection db, FileChannel lockChannel, FileLock lock, Options options) {
        try {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                String result = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(result)) {
                    throw WorkspaceException.corrupt("SQLite's integrity check of " + dir.resolve(DATABASE) + " found: "
                            + result);
                }
            }
            int version = schemaVersion(db, dir);
            if (version > SCHEMA_VERSION) {
                throw new WorkspaceException(WorkspaceException.Problem.NEWER_VERSION,
                        "The workspace " + dir + " was written by a newer BYOK Studio (schema " + version
                                + "); this version reads schema " + SCHEMA_VERSION + " and older.",
                        List.of("Open it with the newer BYOK Studio.", "Choose another workspace (--workspace DIR)."));
            }
            if (version < SCHEMA_VERSION) {
                if (options.readOnly()) {
                    throw new WorkspaceException(WorkspaceException.Problem.NEWER_VERSION,
                            "The workspace " + dir + " has the older schema " + version + " and must be upgraded, "
                                    + "which a read-only opening cannot do.", List.of("Open it normally to upgrade it."));
                }
                db.setAutoCommit(false);
                Migrations.migrate(db, version);
                db.commit();
                db.setAutoCommit(true);
            }
            String storedRegion = meta(db, "region").orElseThrow(() -> WorkspaceException.corrupt("its region is not recorded"));
            if (options.region().isPresent() && !options.region().get().equals(storedRegion)) {
                throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                        "The workspace " + dir + " plays region " + storedRegion + ", not " + options.region().get() + ".",
                        List.of("Leave out --region to use the workspace's own region.",
                                "Choose another workspace for " + options.region().get() + " (--workspace DIR)."));
            }
            SecretBytes key = workspaceKey(dir, db, options);
            Sealer sealer = new Sealer(key, new SecureRandom());
            byte[] check = Base64.getDecoder().decode(meta(db, "key_check").orElse(""));
            try {
                sealer.open(check, "key-check").destroy();
            } catch (WorkspaceException e) {
                throw wrongKey(dir, meta(db, "protection").orElse("key-file"));
            }
            SqliteWorkspaceStore store = new SqliteWorkspaceStore(db, sealer, options.readOnly());
            try {
                store.readEverything();
            } catch (WorkspaceException e) {
                throw new WorkspaceException(WorkspaceException.Problem.CORRUPT,
                        "The workspace database " + dir.resolve(DATABASE) + " is damaged: " + e.getMessage(), e.waysOut(), e);
            }
            return new Workspace(dir, db, lockChannel, lock, store,
                    meta(db, "account_id").orElse("111122223333"), storedRegion, options.readOnly(), key);
        } catch (SQLException e) {
            throw unreadable(dir, e);
        }
    }

    private static WorkspaceException wrongKey(Path dir, String protection) {
        if ("passphrase".equals(protection)) {
            return new WorkspaceException(WorkspaceException.Problem.WRONG_PASSPHRASE,
                    "The passphrase does not open the workspace " + dir + ".",
                    List.of("Type the passphrase again (it is case-sensitive).", "Choose another workspace."));
        }
        return new WorkspaceException(WorkspaceException.Problem.KEY_MISSING,
                "The key file " + dir.resolve(KEY_FILE) + " is not the key of this workspace.",
                List.of("Put back the workspace's own workspace.key (from where you keep copies of it).",
                        "Restore the workspace from a backup.", "Choose another workspace."));
    }

    private static SecretBytes workspaceKey(Path dir, Connection db, Options options) throws SQLException {
        if ("passphrase".equals(meta(db, "protection").orElse("key-file"))) {
            char[] passphrase = options.passphrase().orElseThrow(() -> new WorkspaceException(
                    WorkspaceException.Problem.PASSPHRASE_REQUIRED,
                    "The workspace " + dir + " is protected by a passphrase.", List.of("Give its passphrase.")));
            return fromPassphrase(passphrase, Base64.getDecoder().decode(meta(db, "passphrase_salt").orElse("")));
        }
        try {
            byte[] raw = Files.readAllBytes(dir.resolve(KEY_FILE));
            if (raw.length != 32) {
                Arrays.fill(raw, (byte) 0);
                throw new WorkspaceException(WorkspaceException.Problem.KEY_MISSING,
                        "The key file " + dir.resolve(KEY_FILE) + " is damaged: it has " + raw.length
                                + " bytes where a workspace key has 32.",
                        List.of("Put back the workspace's own workspace.key.", "Restore the workspace from a backup."));
            }
            return SecretBytes.wrap(raw);
        } catch (NoSuchFileException e) {
            throw new WorkspaceException(WorkspaceException.Problem.KEY_MISSING,
                    "The workspace key file " + dir.resolve(KEY_FILE) + " is missing: without it the secrets in the "
                            + "workspace cannot be opened.",
                    List.of("Put back the workspace's own workspace.key.", "Restore the workspace from a backup.",
                            "Choose another workspace (--workspace DIR)."));
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Problem.KEY_MISSING,
                    "The workspace key file " + dir.resolve(KEY_FILE) + " cannot be read: " + e.getMessage(),
                    List.of("Check its permissions: it must be readable by you.", "Choose another workspace."), e);
        }
    }

    /** Argon2id (64 MiB, 3 passes) of the passphrase into the 32-byte workspace key. */
    static SecretBytes fromPassphrase(char[] passphrase, byte[] salt) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
            argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(salt)
                    .withMemoryAsKB(64 * 1024).withIterations(3).withParallelism(1).build());
            byte[] key = new byte[32];
            argon2.generateBytes(bytes, key);
            return SecretBytes.wrap(key);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    static void writeKeyFile(Path file, byte[] key) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the file inherits the user's profile directory's ACL.
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a workspace key file already exists without a workspace database: " + file);
        }
        Files.write(file, key, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static int schemaVersion(Connection db, Path dir) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'workspace_meta'")) {
            if (!rs.next()) {
                throw new WorkspaceException(WorkspaceException.Problem.CORRUPT,
                        "The database " + dir.resolve(DATABASE) + " holds no workspace: its creation was interrupted, "
                                + "or it was emptied.",
                        List.of("Restore the workspace from a backup.", "Choose another workspace (--workspace DIR).",
                                "If nothing in it matters, remove the directory and BYOK Studio creates a new workspace there."));
            }
        }
        return meta(db, "schema_version").map(Integer::parseInt)
                .orElseThrow(() -> WorkspaceException.corrupt("its schema version is not recorded"));
    }

    static Optional<String> meta(Connection db, String name) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT value FROM workspace_meta WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void putMeta(Connection db, String name, String value) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "INSERT INTO workspace_meta(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            st.setString(1, name);
            st.setString(2, value);
            st.executeUpdate();
        }
    }

    /**
     * Writes a consistent copy of the workspace, with its key, to one file encrypted under
     * {@code passphrase} (see {@link WorkspaceBackup}). The workspace stays open and usable.
     */
    public void backupTo(Path file, char[] passphrase) {
        synchronized (store) {
            WorkspaceBackup.write(this, db, key, file, passphrase);
        }
    }

    public WorkspaceStore store() {
        return store;
    }

    public Path directory() {
        return directory;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void close() {
        closeQuietly(db, lockChannel, lock);
        if (!readOnly) {
            OPEN.remove(directory);
        }
    }

    private static void closeQuietly(Connection db, FileChannel channel, FileLock lock) {
        try {
            if (db != null) {
                db.close();
            }
        } catch (SQLException e) {
            // Closing releases it either way.
        }
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // The operating system releases the lock when the process ends.
        }
    }
}
