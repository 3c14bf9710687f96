package dev.byokstudio.embedded;

import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Import tokens: what binds an upload to its key, its wrapping key pair, its wrapping algorithm and its
 * expiry. A token is the AES-256-GCM sealing of those facts under a key the workspace keeps, so it
 * cannot be forged or altered, and carries no secret in the clear (the wrapping private key stays in
 * the workspace, named by an ID). Tokens are not single-use: KMS accepts one again until it expires,
 * and an older token stays valid after a newer one is issued (reference §3.2).
 */
final class ImportTokens {

    /** What a token says. */
    record Contents(String keyId, String wrappingKeyId, WrappingAlgorithm algorithm, WrappingKeySpec wrappingKeySpec,
            Instant validTo) {
    }

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "BYOK Studio import token".getBytes(StandardCharsets.US_ASCII);

    private final SecretBytes sealingKey;
    private final SecureRandom random;

    ImportTokens(SecretBytes sealingKey, SecureRandom random) {
        if (sealingKey.length() != 32) {
            throw new IllegalArgumentException("the token-sealing key is 32 bytes; got " + sealingKey.length());
        }
        this.sealingKey = sealingKey;
        this.random = random;
    }

    byte[] seal(Contents contents) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] key = sealingKey.revealCopy();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(AAD);
            byte[] sealed = gcm.doFinal(encode(contents));
            byte[] token = new byte[1 + NONCE_BYTES + sealed.length];
            token[0] = VERSION;
            System.arraycopy(nonce, 0, token, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, token, 1 + NONCE_BYTES, sealed.length);
            return token;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing or broken in this JDK", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The token's contents, or empty if it is not a token this workspace sealed, or was altered. */
    Optional<Contents> open(byte[] token) {
        if (token.length < 1 + NONCE_BYTES + TAG_BITS / 8 || token[0] != VERSION) {
            return Optional.empty();
        }
        byte[] key = sealingKey.revealCopy();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, token, 1, NONCE_BYTES));
            gcm.updateAAD(AAD);
            byte[] plain = gcm.doFinal(token, 1 + NONCE_BYTES, token.length - 1 - NONCE_BYTES);
            return Optional.of(decode(plain));
        } catch (javax.crypto.AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing or broken in this JDK", e);
        } catch (IOException | IllegalArgumentException e) {
            // Authentic but unreadable: written by a newer version of BYOK Studio.
            return Optional.empty();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] encode(Contents c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(c.keyId());
            out.writeUTF(c.wrappingKeyId());
            out.writeUTF(c.algorithm().name());
            out.writeUTF(c.wrappingKeySpec().name());
            out.writeLong(c.validTo().getEpochSecond());
            out.writeInt(c.validTo().getNano());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static Contents decode(byte[] plain) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            String keyId = in.readUTF();
            String wrappingKeyId = in.readUTF();
            WrappingAlgorithm algorithm = WrappingAlgorithm.valueOf(in.readUTF());
            WrappingKeySpec spec = WrappingKeySpec.valueOf(in.readUTF());
            Instant validTo = Instant.ofEpochSecond(in.readLong(), in.readInt());
            return new Contents(keyId, wrappingKeyId, algorithm, spec, validTo);
        }
    }
}
