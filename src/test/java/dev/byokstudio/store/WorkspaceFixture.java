package dev.byokstudio.store;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.embedded.WrappingKeyPool;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.ImportKeyMaterialResponse;
import dev.byokstudio.kms.ImportType;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.KeyWrapping;
import dev.byokstudio.material.MaterialFormatException;
import dev.byokstudio.material.WrappingKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the workspace tests share: a workspace in a directory, an embedded KMS over it on a clock the
 * test moves, the client side of an import (parameters, wrap, import), and a fingerprint of a
 * directory to show that a refused opening changed nothing.
 */
final class WorkspaceFixture {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final SecureRandom RANDOM = new SecureRandom();

    /** Text that looks like a Java stack trace or a leaked exception class name. */
    static final Pattern STACK_TRACE_LIKE = Pattern.compile(
            "(?m)(^\\s*at [\\w.$]+\\(|Caused by:|\\b(java|javax|org|com|dev)\\.[\\w.$]+(Exception|Error)\\b|\\.java:\\d+)");

    private WorkspaceFixture() {
    }

    /** A clock the test sets; the model reads it through a {@link SimulatedClock}. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    static Workspace open(Path dir) {
        return Workspace.open(dir, Workspace.Options.defaults(ACCOUNT, REGION));
    }

    static EmbeddedKms kms(Workspace ws, Clock base) {
        return new EmbeddedKms(ws.store(), new AccountContext(ws.accountId(), ws.region()), new SimulatedClock(base),
                new SecureRandom(), new WrappingKeyPool(new SecureRandom(), Map.of()));
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    // ---------------------------------------------------------------- the client side of an import

    static GetParametersForImportResponse parameters(Kms kms, String keyId) {
        return kms.getParametersForImport(new GetParametersForImportRequest(keyId,
                WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
    }

    static byte[] wrap(GetParametersForImportResponse parameters, byte[] material) {
        try {
            return KeyWrapping.wrap(SecretBytes.copyOf(material), WrappingKeys.publicKey(parameters.publicKey()),
                    WrappingAlgorithm.RSAES_OAEP_SHA_256, RANDOM);
        } catch (MaterialFormatException e) {
            throw new AssertionError("KMS returned a public key that cannot be read", e);
        }
    }

    static ImportKeyMaterialResponse importWith(Kms kms, String keyId, GetParametersForImportResponse p, byte[] material,
            Instant validTo, ImportType type) {
        ExpirationModel model = validTo == null ? ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE
                : ExpirationModel.KEY_MATERIAL_EXPIRES;
        return kms.importKeyMaterial(new ImportKeyMaterialRequest(keyId, p.importToken(), wrap(p, material), validTo,
                model, type, null, null));
    }

    static ImportKeyMaterialResponse importMaterial(Kms kms, String keyId, byte[] material) {
        return importWith(kms, keyId, parameters(kms, keyId), material, null, null);
    }

    static ImportKeyMaterialResponse importExpiring(Kms kms, String keyId, byte[] material, Instant validTo) {
        return importWith(kms, keyId, parameters(kms, keyId), material, validTo, null);
    }

    static ImportKeyMaterialResponse importNew(Kms kms, String keyId, byte[] material) {
        return importWith(kms, keyId, parameters(kms, keyId), material, null, ImportType.NEW_KEY_MATERIAL);
    }

    // ---------------------------------------------------------------- files

    /** Every regular file under {@code dir} (relative name → SHA-256 and size), to compare before and after. */
    static Map<String, String> fingerprint(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                byte[] bytes = Files.readAllBytes(f);
                out.put(dir.relativize(f).toString(), bytes.length + " bytes, sha256 "
                        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** The first position of {@code needle} in {@code haystack}, or -1: a plain search, no cleverness. */
    static int indexOf(byte[] haystack, byte[] needle) {
        if (needle.length == 0) {
            return 0;
        }
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static Optional<String> readPosixPermissions(Path p) {
        try {
            return Optional.of(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
