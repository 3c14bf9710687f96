package dev.byokstudio.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A workspace in one file: {@code BYOK-STUDIO-BACKUP\n}, a format byte, a 16-byte Argon2id salt and a
 * 12-byte nonce, then AES-256-GCM (key derived from the backup passphrase) of a ZIP holding a manifest,
 * a consistent snapshot of the database ({@code VACUUM INTO}) and the workspace key. Restoring writes a
 * new workspace directory protected by a key file, and opens it to prove it works.
 */
public final class WorkspaceBackup {

    private static final byte[] MAGIC = "BYOK-STUDIO-BACKUP\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte FORMAT = 1;
    private static final int SALT = 16;
    private static final int NONCE = 12;
    private static final long MAX_BACKUP_BYTES = 1L << 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkspaceBackup() {
    }

    static void write(Workspace workspace, Connection db, SecretBytes workspaceKey, Path file, char[] passphrase) {
        Path tmpDir = null;
        byte[] zip = null;
        try {
            tmpDir = Files.createTempDirectory("byok-studio-backup");
            Path snapshot = tmpDir.resolve("snapshot.db");
            try (PreparedStatement st = db.prepareStatement("VACUUM INTO ?")) {
                st.setString(1, snapshot.toString());
                st.execute();
            }
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", FORMAT);
            manifest.put("schemaVersion", Workspace.SCHEMA_VERSION);
            manifest.put("accountId", workspace.accountId());
            manifest.put("region", workspace.region());
            manifest.put("created", Instant.now().toString());
            manifest.put("source", workspace.directory().toString());
            byte[] key = workspaceKey.revealCopy();
            try {
                zip = zip(manifest.toString().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(snapshot), key);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            byte[] salt = new byte[SALT];
            byte[] nonce = new byte[NONCE];
            SecureRandom random = new SecureRandom();
            random.nextBytes(salt);
            random.nextBytes(nonce);
            byte[] sealed = crypt(Cipher.ENCRYPT_MODE, passphrase, salt, nonce, zip);
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (var out = Files.newOutputStream(partial)) {
                out.write(MAGIC);
                out.write(FORMAT);
                out.write(salt);
                out.write(nonce);
                out.write(sealed);
            }
            moveIntoPlace(partial, file);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("encrypting cannot fail a tag check", e);
        } catch (IOException | SQLException e) {
            throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                    "The backup could not be written to " + file + ": " + e.getMessage(),
                    List.of("Choose another place for the backup, with enough free space."), e);
        } finally {
            if (zip != null) {
                Arrays.fill(zip, (byte) 0);
            }
            deleteQuietly(tmpDir);
        }
    }

    /**
     * Restores a backup into {@code target}, which must not exist or be empty, and returns it opened.
     *
     * @throws WorkspaceException WRONG_PASSPHRASE, CORRUPT (not a backup, damaged), NEWER_VERSION, or
     *     NOT_A_WORKSPACE (target not empty)
     */
    public static Workspace restore(Path backup, char[] passphrase, Path target) {
        byte[] content;
        try {
            if (Files.size(backup) > MAX_BACKUP_BYTES) {
                throw notABackup(backup, "it is larger than any workspace backup (over 1 GiB)");
            }
            content = Files.readAllBytes(backup);
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                    "The backup " + backup + " cannot be read: " + e.getMessage(), List.of("Choose another backup file."), e);
        }
        int header = MAGIC.length + 1 + SALT + NONCE;
        if (content.length < header + 16 || !Arrays.equals(Arrays.copyOf(content, MAGIC.length), MAGIC)) {
            throw notABackup(backup, "it does not start as a BYOK Studio backup does");
        }
        if (content[MAGIC.length] != FORMAT) {
            throw new WorkspaceException(WorkspaceException.Problem.NEWER_VERSION,
                    "The backup " + backup + " has format " + content[MAGIC.length] + "; this version reads format " + FORMAT + ".",
                    List.of("Restore it with the BYOK Studio that wrote it."));
        }
        byte[] salt = Arrays.copyOfRange(content, MAGIC.length + 1, MAGIC.length + 1 + SALT);
        byte[] nonce = Arrays.copyOfRange(content, MAGIC.length + 1 + SALT, header);
        byte[] zip;
        try {
            zip = crypt(Cipher.DECRYPT_MODE, passphrase, salt, nonce, Arrays.copyOfRange(content, header, content.length));
        } catch (AEADBadTagException e) {
            throw new WorkspaceException(WorkspaceException.Problem.WRONG_PASSPHRASE,
                    "The passphrase does not open the backup " + backup + ", or the file was damaged.",
                    List.of("Type the backup's passphrase again (it is case-sensitive).", "Choose another backup file."));
        }
        try {
            return unpack(backup, zip, target);
        } finally {
            Arrays.fill(zip, (byte) 0);
        }
    }

    private static Workspace unpack(Path backup, byte[] zip, Path target) {
        byte[] manifest = null;
        byte[] database = null;
        byte[] key = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                switch (e.getName()) {
                    case "manifest.json": manifest = bytes; break;
                    case Workspace.DATABASE: database = bytes; break;
                    case Workspace.KEY_FILE: key = bytes; break;
                    default: break;
                }
            }
        } catch (IOException e) {
            throw notABackup(backup, "its content is not readable");
        }
        try {
            if (manifest == null || database == null || key == null || key.length != 32) {
                throw notABackup(backup, "it lacks its manifest, database or key");
            }
            JsonNode m = JSON.readTree(manifest);
            if (m.path("schemaVersion").asInt() > Workspace.SCHEMA_VERSION) {
                throw new WorkspaceException(WorkspaceException.Problem.NEWER_VERSION,
                        "The backup " + backup + " holds a workspace of schema " + m.path("schemaVersion").asInt()
                                + "; this version reads schema " + Workspace.SCHEMA_VERSION + " and older.",
                        List.of("Restore it with a newer BYOK Studio."));
            }
            Path dir = target.toAbsolutePath().normalize();
            if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
                throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                        dir + " is not empty: a backup is restored into a new workspace only.",
                        List.of("Choose a new or empty directory."));
            }
            Workspace.createPrivateDirectory(dir);
            Files.write(dir.resolve(Workspace.DATABASE), database);
            Workspace.writeKeyFile(dir.resolve(Workspace.KEY_FILE), key);
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Workspace.DATABASE))) {
                Workspace.putMeta(db, "protection", "key-file");
            }
            return Workspace.open(dir, new Workspace.Options(m.path("accountId").asText(), java.util.Optional.empty(),
                    java.util.Optional.empty(), false));
        } catch (IOException | SQLException e) {
            throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                    "The backup could not be restored into " + target + ": " + e.getMessage(),
                    List.of("Choose another directory.", "Check the free space."), e);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private static byte[] zip(byte[] manifest, byte[] database, byte[] key) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("manifest.json"));
            out.write(manifest);
            out.putNextEntry(new ZipEntry(Workspace.DATABASE));
            out.write(database);
            out.putNextEntry(new ZipEntry(Workspace.KEY_FILE));
            out.write(key);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] crypt(int mode, char[] passphrase, byte[] salt, byte[] nonce, byte[] input)
            throws AEADBadTagException {
        SecretBytes key = Workspace.fromPassphrase(passphrase, salt);
        byte[] k = key.revealCopy();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(mode, new SecretKeySpec(k, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(MAGIC);
            return gcm.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing or broken in this JDK", e);
        } finally {
            Arrays.fill(k, (byte) 0);
            key.destroy();
        }
    }

    private static WorkspaceException notABackup(Path file, String why) {
        return new WorkspaceException(WorkspaceException.Problem.CORRUPT,
                file + " is not a BYOK Studio backup, or is damaged: " + why + ".", List.of("Choose another backup file."));
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind holds only a sealed snapshot.
        }
    }
}
