package dev.byokstudio.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.embedded.WrappingKeyPool;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceBackupTest {

    private static final char[] PASSPHRASE = "a long backup passphrase".toCharArray();

    @TempDir
    Path tmp;

    private static EmbeddedKms kms(Workspace ws) {
        return new EmbeddedKms(ws.store(), new AccountContext(ws.accountId(), ws.region()), SimulatedClock.systemUtc(),
                new SecureRandom(), new WrappingKeyPool(new SecureRandom(), Map.of()));
    }

    private Path backupOfOneKey(String[] keyId) {
        Path file = tmp.resolve("workspace.backup");
        try (Workspace ws = Workspace.open(tmp.resolve("source"), Workspace.Options.defaults("111122223333", "eu-west-1"))) {
            EmbeddedKms kms = kms(ws);
            keyId[0] = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).description("kept").build())
                    .keyMetadata().keyId();
            kms.createAlias(new CreateAliasRequest("alias/kept", keyId[0]));
            ws.backupTo(file, PASSPHRASE);
        }
        return file;
    }

    @Test
    void backupThenRestore_givesAWorkspaceWithTheSameKeysAliasesAndRegion() {
        String[] keyId = new String[1];
        Path file = backupOfOneKey(keyId);

        try (Workspace restored = WorkspaceBackup.restore(file, PASSPHRASE, tmp.resolve("restored"))) {
            KeyMetadata key = kms(restored).describeKey(new DescribeKeyRequest("alias/kept", null)).keyMetadata();

            assertThat(restored.region()).isEqualTo("eu-west-1");
            assertThat(key.keyId()).isEqualTo(keyId[0]);
            assertThat(key.description()).isEqualTo("kept");
        }
    }

    @Test
    void restore_withTheWrongPassphrase_isRefusedAndCreatesNothing() {
        Path file = backupOfOneKey(new String[1]);

        WorkspaceException e = catchThrowableOfType(WorkspaceException.class,
                () -> WorkspaceBackup.restore(file, "not it".toCharArray(), tmp.resolve("restored")));

        assertThat(e.problem()).isEqualTo(WorkspaceException.Problem.WRONG_PASSPHRASE);
        assertThat(e.waysOut()).isNotEmpty();
        assertThat(tmp.resolve("restored")).doesNotExist();
    }

    @Test
    void restore_ofAFileThatIsNotABackup_saysSo() throws Exception {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "shopping list");

        WorkspaceException e = catchThrowableOfType(WorkspaceException.class,
                () -> WorkspaceBackup.restore(file, PASSPHRASE, tmp.resolve("restored")));

        assertThat(e.problem()).isEqualTo(WorkspaceException.Problem.CORRUPT);
        assertThat(e.getMessage()).contains("is not a BYOK Studio backup");
    }

    @Test
    void restore_ofATruncatedBackup_isRefused() throws Exception {
        Path file = backupOfOneKey(new String[1]);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        WorkspaceException e = catchThrowableOfType(WorkspaceException.class,
                () -> WorkspaceBackup.restore(file, PASSPHRASE, tmp.resolve("restored")));

        assertThat(e.problem()).isIn(WorkspaceException.Problem.WRONG_PASSPHRASE, WorkspaceException.Problem.CORRUPT);
    }

    @Test
    void restore_intoANonEmptyDirectory_isRefusedAndLeavesItsFiles() throws Exception {
        Path file = backupOfOneKey(new String[1]);
        Path target = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(target.resolve("mine.txt"), "keep me");

        WorkspaceException e = catchThrowableOfType(WorkspaceException.class,
                () -> WorkspaceBackup.restore(file, PASSPHRASE, target));

        assertThat(e.problem()).isEqualTo(WorkspaceException.Problem.NOT_A_WORKSPACE);
        assertThat(target.resolve("mine.txt")).hasContent("keep me");
    }

    @Test
    void backupFile_containsNeitherTheWorkspaceKeyNorTheDatabaseInTheClear() throws Exception {
        Path file = backupOfOneKey(new String[1]);
        byte[] key = Files.readAllBytes(tmp.resolve("source").resolve(Workspace.KEY_FILE));

        byte[] backup = Files.readAllBytes(file);

        assertThat(indexOf(backup, key)).isEqualTo(-1);
        assertThat(indexOf(backup, "SQLite format 3".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isEqualTo(-1);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
