package dev.byokstudio.store;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;

/**
 * The workspace's {@code credentials} file, in the AWS shared-credentials format: one profile per principal,
 * named after it, and {@code default} for the administrator, so that
 * {@code AWS_SHARED_CREDENTIALS_FILE=<workspace>/credentials aws --profile KMSAdminRole ...} acts as that role.
 * Only its owner may read it (mode 0600, or an owner-only ACL on Windows); it is written to a temporary file
 * first and moved into place, so a reader never sees half of it.
 */
public final class CredentialsFile {

    public static final String FILE_NAME = "credentials";
    public static final String DEFAULT_PROFILE = "default";

    private CredentialsFile() {
    }

    /** Writes the file for {@code principals}; the first is the administrator, written as profile {@code default}. */
    public static Path write(Path workspaceDirectory, List<StoredPrincipal> principals) {
        Path file = workspaceDirectory.resolve(FILE_NAME);
        Path temporary = workspaceDirectory.resolve(FILE_NAME + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            createOwnerOnly(temporary);
            try (Writer w = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                w.write("# BYOK Studio: the access keys of this workspace's principals. Use it with\n");
                w.write("#   AWS_SHARED_CREDENTIALS_FILE=" + file.toAbsolutePath() + " aws --profile <name> "
                        + "--endpoint-url http://127.0.0.1:<port> kms ...\n");
                w.write("# BYOK Studio rewrites this file when it opens the workspace.\n");
                for (int i = 0; i < principals.size(); i++) {
                    StoredPrincipal p = principals.get(i);
                    w.write("\n[" + (i == 0 ? DEFAULT_PROFILE : p.name()) + "]\n");
                    w.write("# " + p.principal().arn() + "\n");
                    w.write("aws_access_key_id = " + p.accessKeyId() + "\n");
                    byte[] secret = p.secretAccessKey().revealCopy();
                    try {
                        w.write("aws_secret_access_key = " + new String(secret, StandardCharsets.US_ASCII) + "\n");
                    } finally {
                        java.util.Arrays.fill(secret, (byte) 0);
                    }
                }
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Problem.CORRUPT,
                    "The credentials file " + file + " could not be written: " + e.getMessage(),
                    List.of("Check that the workspace directory is writable and the disk is not full."), e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return;
        }
        Files.createFile(file);
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl != null) {
            UserPrincipal owner = Files.getOwner(file);
            acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                    .setPermissions(EnumSet.of(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA,
                            AclEntryPermission.APPEND_DATA, AclEntryPermission.READ_ATTRIBUTES,
                            AclEntryPermission.WRITE_ATTRIBUTES, AclEntryPermission.READ_ACL,
                            AclEntryPermission.WRITE_ACL, AclEntryPermission.DELETE, AclEntryPermission.SYNCHRONIZE))
                    .build()));
        }
    }
}
