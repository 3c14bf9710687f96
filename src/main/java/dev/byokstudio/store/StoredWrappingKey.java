package dev.byokstudio.store;

import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingKeySpec;
import java.time.Instant;
import java.util.Objects;

/**
 * A wrapping key pair handed out by GetParametersForImport: kept until its import tokens expire, so
 * that material wrapped with its public key can be unwrapped.
 *
 * @param privateKey the PKCS#8 DER private key
 * @param validTo when the tokens issued with it expire
 */
public record StoredWrappingKey(String id, WrappingKeySpec spec, SecretBytes privateKey, byte[] publicKey,
        Instant validTo) {

    public StoredWrappingKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(validTo, "validTo");
    }

    @Override
    public String toString() {
        return "StoredWrappingKey[" + id + ", " + spec + ", valid to " + validTo + "]";
    }
}
