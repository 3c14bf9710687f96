package dev.byokstudio.store;

import dev.byokstudio.kms.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets at rest with AES-256-GCM under the workspace key. Each sealed value is bound to its
 * place by the associated data (for example {@code key-material/<key id>/<material id>}), so a value
 * copied to another row does not open there.
 */
final class Sealer {

    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretBytes key;
    private final SecureRandom random;

    Sealer(SecretBytes key, SecureRandom random) {
        if (key.length() != 32) {
            throw new IllegalArgumentException("the workspace key is 32 bytes; got " + key.length());
        }
        this.key = key;
        this.random = random;
    }

    byte[] seal(SecretBytes secret, String place) {
        byte[] plain = secret.revealCopy();
        try {
            return seal(plain, place);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    byte[] seal(byte[] plain, String place) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] k = key.revealCopy();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = gcm.doFinal(plain);
            byte[] out = new byte[1 + NONCE + sealed.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            System.arraycopy(sealed, 0, out, 1 + NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing or broken in this JDK", e);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * Opens a sealed value.
     *
     * @throws WorkspaceException (CORRUPT) if it was altered, moved, or sealed under another key
     */
    SecretBytes open(byte[] sealed, String place) {
        if (sealed == null || sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw WorkspaceException.corrupt("a sealed secret (" + place + ") is truncated or of an unknown format");
        }
        byte[] k = key.revealCopy();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            gcm.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            return SecretBytes.wrap(gcm.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE));
        } catch (AEADBadTagException e) {
            throw WorkspaceException.corrupt("a sealed secret (" + place + ") does not open under the workspace key: "
                    + "it was altered, or the workspace key is not the one it was sealed with");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing or broken in this JDK", e);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }
}
