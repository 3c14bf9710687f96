package dev.byokstudio.material;

import dev.byokstudio.kms.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Key material IDs: 64 lowercase hex characters derived from the key ID and the material, so that the
 * same bytes imported into the same key always have the same ID (reference §5.3). AWS does not publish
 * its derivation; this one is SHA-256 over the key ID, a zero byte and the material, which reveals
 * nothing usable about 128 bits or more of random material.
 */
public final class KeyMaterialIds {

    private KeyMaterialIds() {
    }

    public static String of(String keyId, SecretBytes material) {
        byte[] bytes = material.revealCopy();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(keyId.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(bytes);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
