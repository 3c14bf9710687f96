package dev.byokstudio.store;

import static dev.byokstudio.store.WorkspaceFixture.ACCOUNT;
import static dev.byokstudio.store.WorkspaceFixture.REGION;
import static dev.byokstudio.store.WorkspaceFixture.STACK_TRACE_LIKE;
import static dev.byokstudio.store.WorkspaceFixture.fingerprint;
import static dev.byokstudio.store.WorkspaceFixture.kms;
import static dev.byokstudio.store.WorkspaceFixture.open;
import static dev.byokstudio.store.WorkspaceFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.store.WorkspaceException.Problem;
import dev.byokstudio.store.WorkspaceFixture.MutableClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a workspace: what is refused, with which problem, a message naming the place and ways out,
 * and never by deleting or resetting anything; one process at a time; the schema's versions.
 */
class WorkspaceOpeningTest {

    private static final char[] PASSPHRASE = "correct horse".toCharArray();

    @TempDir
    Path temp;

    /** A closed workspace holding twenty keys with an alias each (a few pages of data); returns its directory. */
    private Path workspaceWithAKey() {
        Path dir = temp.resolve("ws");
        try (Workspace ws = open(dir)) {
            var kms = kms(ws, new MutableClock(WorkspaceFixture.START));
            for (int i = 0; i < 20; i++) {
                String keyId = kms.createKey(CreateKeyRequest.builder().description("key " + i).build()).keyMetadata().keyId();
                kms.createAlias(new CreateAliasRequest("alias/key-" + i, keyId));
            }
        }
        return dir;
    }

    /**
     * Opens {@code dir} twice with {@code options}, asserting each time that it is refused with {@code problem},
     * a message naming {@code named} without anything like a stack trace, and ways out; and that every file
     * that was in the directory is still there with the same bytes. Returns the exception.
     */
    private static WorkspaceException assertRefused(Path dir, Workspace.Options options, Problem problem, Path named) {
        Map<String, String> before = fingerprint(dir);
        WorkspaceException first = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            WorkspaceException e = catchThrowableOfType(WorkspaceException.class, () -> Workspace.open(dir, options).close());
            assertThat(e).as("attempt %d refused with a WorkspaceException", attempt).isNotNull();
            assertThat(e.problem()).as("problem; message: %s", e.getMessage()).isEqualTo(problem);
            assertThat(e.getMessage()).contains(named.toAbsolutePath().normalize().toString());
            assertThat(e.getMessage()).doesNotContainPattern(STACK_TRACE_LIKE);
            assertThat(e.waysOut()).isNotEmpty().allSatisfy(w -> assertThat(w).isNotBlank());
            assertThat(fingerprint(dir)).as("files after attempt %d", attempt).containsAllEntriesOf(before);
            first = first == null ? e : first;
        }
        return first;
    }

    private static WorkspaceException assertRefused(Path dir, Problem problem, Path named) {
        return assertRefused(dir, Workspace.Options.defaults(ACCOUNT, REGION), problem, named);
    }

    // ---------------------------------------------------------------- a damaged database

    @Test
    void databaseTruncatedToHalf_isCorrupt_andNothingIsDeletedOrReset() throws IOException {
        Path dir = workspaceWithAKey();
        Path db = dir.resolve(Workspace.DATABASE);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }

        assertRefused(dir, Problem.CORRUPT, dir);
    }

    @Test
    void databaseCutShortWithinItsLastPage_isCorrupt_namingTheDirectory() throws IOException {
        Path dir = workspaceWithAKey();
        Path db = dir.resolve(Workspace.DATABASE);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.setLength(f.length() - 1536);
        }

        assertRefused(dir, Problem.CORRUPT, dir);
    }

    @Test
    void databaseShortByLessThanAPage_isRefusedAtOpen() throws IOException {
        Path dir = workspaceWithAKey();
        Path db = dir.resolve(Workspace.DATABASE);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.setLength(f.length() - 512);
        }

        assertRefused(dir, Problem.CORRUPT, dir);
    }

    @Test
    void databaseOverwrittenWithRandomBytes_isCorrupt_andNothingIsDeletedOrReset() throws IOException {
        Path dir = workspaceWithAKey();
        Path db = dir.resolve(Workspace.DATABASE);
        Files.write(db, randomBytes((int) Files.size(db)));

        assertRefused(dir, Problem.CORRUPT, dir);
    }

    @Test
    void databaseOfANewerSchema_isNewerVersion_andNothingIsDeletedOrReset() throws SQLException {
        Path dir = workspaceWithAKey();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Workspace.DATABASE));
                Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE workspace_meta SET value = '99' WHERE name = 'schema_version'")).isEqualTo(1);
        }

        WorkspaceException e = assertRefused(dir, Problem.NEWER_VERSION, dir);

        assertThat(e.getMessage()).contains("99").contains(Integer.toString(Workspace.SCHEMA_VERSION));
        assertThat(schemaVersionInFile(dir)).as("not downgraded").isEqualTo("99");
    }

    // ---------------------------------------------------------------- the workspace key

    @Test
    void missingKeyFile_isKeyMissing_namingTheFile() throws IOException {
        Path dir = workspaceWithAKey();
        Files.delete(dir.resolve(Workspace.KEY_FILE));

        assertRefused(dir, Problem.KEY_MISSING, dir.resolve(Workspace.KEY_FILE));
        assertThat(dir.resolve(Workspace.KEY_FILE)).as("no new key made in its place").doesNotExist();
    }

    @Test
    void keyFileReplacedByAnotherKey_isKeyMissing_notCorruptAndNotASilentSuccess() throws IOException {
        Path dir = workspaceWithAKey();
        Files.write(dir.resolve(Workspace.KEY_FILE), randomBytes(32));

        assertRefused(dir, Problem.KEY_MISSING, dir.resolve(Workspace.KEY_FILE));
    }

    @Test
    void keyFileOfTenBytes_isKeyMissing_namingTheFile() throws IOException {
        Path dir = workspaceWithAKey();
        Files.write(dir.resolve(Workspace.KEY_FILE), randomBytes(10));

        WorkspaceException e = assertRefused(dir, Problem.KEY_MISSING, dir.resolve(Workspace.KEY_FILE));

        assertThat(e.getMessage()).contains("10").contains("32");
    }

    /** One passphrase-protected workspace for the three openings (Argon2id costs a fraction of a second each). */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PassphraseProtected {

        Path dir;
        String keyId;

        @BeforeAll
        void createAPassphraseProtectedWorkspaceWithAKey(@TempDir Path parent) {
            dir = parent.resolve("ws");
            try (Workspace ws = Workspace.open(dir, new Workspace.Options(ACCOUNT, Optional.of(REGION),
                    Optional.of(PASSPHRASE.clone()), false))) {
                keyId = kms(ws, new MutableClock(WorkspaceFixture.START)).createKey(CreateKeyRequest.builder().build())
                        .keyMetadata().keyId();
            }
        }

        @Test
        void hasNoKeyFile() {
            assertThat(dir.resolve(Workspace.KEY_FILE)).doesNotExist();
        }

        @Test
        void openedWithoutPassphrase_isPassphraseRequired() {
            assertRefused(dir, new Workspace.Options(ACCOUNT, Optional.empty(), Optional.empty(), false),
                    Problem.PASSPHRASE_REQUIRED, dir);
        }

        @Test
        void openedWithAWrongPassphrase_isWrongPassphrase() {
            Map<String, String> before = fingerprint(dir);
            WorkspaceException e = catchThrowableOfType(WorkspaceException.class, () -> Workspace.open(dir,
                    new Workspace.Options(ACCOUNT, Optional.empty(), Optional.of("Correct horse".toCharArray()), false)));

            assertThat(e.problem()).isEqualTo(Problem.WRONG_PASSPHRASE);
            assertThat(e.getMessage()).contains(dir.toString()).doesNotContainPattern(STACK_TRACE_LIKE)
                    .doesNotContain("Correct horse");
            assertThat(e.waysOut()).isNotEmpty();
            assertThat(fingerprint(dir)).containsAllEntriesOf(before);
        }

        @Test
        void openedWithItsPassphrase_opensWithItsData() {
            try (Workspace ws = Workspace.open(dir,
                    new Workspace.Options(ACCOUNT, Optional.empty(), Optional.of(PASSPHRASE.clone()), false))) {
                assertThat(ws.region()).isEqualTo(REGION);
                assertThat(kms(ws, new MutableClock(WorkspaceFixture.START))
                        .describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata().keyState())
                        .isEqualTo(KeyState.Enabled);
            }
        }
    }

    // ---------------------------------------------------------------- not a workspace

    @Test
    void directoryHoldingUnrelatedFiles_isNotAWorkspace_andTheFilesAreUntouched() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("documents"));
        Files.writeString(dir.resolve("notes.txt"), "my notes");
        Files.write(dir.resolve("photo.jpg"), randomBytes(1000));
        Map<String, String> before = fingerprint(dir);

        assertRefused(dir, Problem.NOT_A_WORKSPACE, dir);

        assertThat(fingerprint(dir)).as("exactly the files that were there").isEqualTo(before);
    }

    @Test
    void pathThatIsAFile_isNotAWorkspace_namingIt() throws IOException {
        Path file = Files.writeString(temp.resolve("workspace.txt"), "not a directory");

        WorkspaceException e = catchThrowableOfType(WorkspaceException.class,
                () -> Workspace.open(file, Workspace.Options.defaults(ACCOUNT, REGION)));

        assertThat(e.problem()).isEqualTo(Problem.NOT_A_WORKSPACE);
        assertThat(e.getMessage()).contains(file.toString());
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    @Test
    void emptyDatabaseOfACreationThatNeverCommitted_isRefusedNamingTheDirectory() throws IOException {
        // What a crash between writing workspace.key and committing the first schema leaves behind.
        Path dir = Files.createDirectory(temp.resolve("ws"));
        Files.createFile(dir.resolve(Workspace.DATABASE));
        Files.write(dir.resolve(Workspace.KEY_FILE), randomBytes(32));

        assertRefused(dir, Problem.CORRUPT, dir);
    }

    // ---------------------------------------------------------------- one process at a time

    @Test
    void secondOpeningInTheSameProcess_isInUse() {
        Path dir = temp.resolve("ws");
        try (Workspace first = open(dir)) {
            WorkspaceException e = catchThrowableOfType(WorkspaceException.class, () -> open(dir).close());

            assertThat(e.problem()).isEqualTo(Problem.IN_USE);
            assertThat(e.getMessage()).contains(dir.toString()).doesNotContainPattern(STACK_TRACE_LIKE);
            assertThat(e.waysOut()).isNotEmpty();
            assertThat(first.store().keys()).as("the first opening still works").isEmpty();
        }
        open(dir).close();
    }

    @Test
    void secondProcess_isRefusedInUseNamingThisPid_andOpensOnceTheFirstIsClosed() throws Exception {
        Path dir = temp.resolve("ws");
        try (Workspace first = open(dir)) {
            String answer = openInAnotherProcess(dir);

            assertThat(answer).startsWith("REFUSED IN_USE ").contains(dir.toString())
                    .contains("pid " + ProcessHandle.current().pid());
        }

        assertThat(openInAnotherProcess(dir)).isEqualTo("OPENED " + REGION);
    }

    @Test
    void refusedSecondOpeningInTheSameProcess_keepsTheFirstOpeningsLock() throws Exception {
        Path dir = temp.resolve("ws");
        try (Workspace first = open(dir)) {
            catchThrowableOfType(WorkspaceException.class, () -> open(dir).close());

            assertThat(openInAnotherProcess(dir)).startsWith("REFUSED IN_USE ");
        }
    }

    /** Runs {@link OpenWorkspaceInAnotherProcess} in a new JVM on the test class path and returns its one line. */
    private static String openInAnotherProcess(Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OpenWorkspaceInAnotherProcess.class.getName(),
                dir.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the second process did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().filter(l -> l.startsWith("OPENED") || l.startsWith("REFUSED")).findFirst()
                .orElseThrow(() -> new AssertionError("the second process answered: " + out));
    }

    // ---------------------------------------------------------------- region

    @Test
    void otherExplicitRegion_isNotAWorkspace_namingBothRegions() {
        Path dir = workspaceWithAKey();

        WorkspaceException e = assertRefused(dir, Workspace.Options.defaults(ACCOUNT, "eu-west-1"),
                Problem.NOT_A_WORKSPACE, dir);

        assertThat(e.getMessage()).contains(REGION).contains("eu-west-1");
    }

    @Test
    void noRegionGiven_opensWithTheWorkspacesOwn() {
        Path dir = temp.resolve("ws");
        Workspace.open(dir, Workspace.Options.defaults(ACCOUNT, "eu-central-1")).close();

        try (Workspace ws = Workspace.open(dir, new Workspace.Options(ACCOUNT, Optional.empty(), Optional.empty(), false))) {
            assertThat(ws.region()).isEqualTo("eu-central-1");
        }
    }

    // ---------------------------------------------------------------- schema versions

    @Test
    void migrationsFromAnEmptyDatabase_recordTheLatestSchemaVersion_andMakeEveryTable() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("empty.db"))) {
            c.setAutoCommit(false);
            Migrations.migrate(c, 0);
            c.commit();

            assertThat(Workspace.meta(c, "schema_version")).contains(Integer.toString(Workspace.SCHEMA_VERSION));
            assertThat(tables(c)).contains("workspace_meta", "keys", "key_materials", "aliases", "wrapping_keys", "secrets",
                    "wrapping_key_pool", "principals", "events");
        }
    }

    @Test
    void aWorkspaceOfSchema2_gainsPrincipalsAndEventsWhenOpened_keepingItsKeys() throws SQLException {
        Path dir = temp.resolve("v2");
        try (Workspace ws = open(dir)) {
            ws.store().transaction(() -> {
                ws.store().putSetting("marker", "kept");
                return null;
            });
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Workspace.DATABASE));
                Statement st = c.createStatement()) {
            st.execute("DROP TABLE principals");
            st.execute("DROP TABLE events");
            st.executeUpdate("UPDATE workspace_meta SET value = '2' WHERE name = 'schema_version'");
        }

        try (Workspace ws = open(dir)) {
            assertThat(ws.store().transaction(() -> ws.store().setting("marker"))).contains("kept");
            assertThat(ws.store().transaction(ws.store()::principals)).isEmpty();
            assertThat(ws.store().transaction(ws.store()::events)).isEmpty();
        }
        assertThat(schemaVersionInFile(dir)).isEqualTo(Integer.toString(Workspace.SCHEMA_VERSION));
    }

    @Test
    void migrationsFromTheLatestVersion_changeNothing() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("latest.db"))) {
            c.setAutoCommit(false);
            Migrations.migrate(c, 0);
            List<String> tables = tables(c);

            Migrations.migrate(c, Workspace.SCHEMA_VERSION);
            c.commit();

            assertThat(tables(c)).isEqualTo(tables);
            assertThat(Workspace.meta(c, "schema_version")).contains(Integer.toString(Workspace.SCHEMA_VERSION));
        }
    }

    @Test
    void newWorkspace_isAtTheCurrentSchemaInWalMode_andReopens() throws SQLException {
        Path dir = temp.resolve("ws");
        open(dir).close();

        assertThat(schemaVersionInFile(dir)).isEqualTo(Integer.toString(Workspace.SCHEMA_VERSION));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Workspace.DATABASE));
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
        try (Workspace ws = open(dir)) {
            assertThat(ws.region()).isEqualTo(REGION);
            assertThat(ws.accountId()).isEqualTo(ACCOUNT);
        }
    }

    private static String schemaVersionInFile(Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Workspace.DATABASE))) {
            return Workspace.meta(c, "schema_version").orElseThrow();
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
