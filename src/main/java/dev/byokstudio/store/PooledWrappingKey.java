package dev.byokstudio.store;

import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingKeySpec;
import java.util.Objects;

/** A wrapping key pair generated ahead of time, not yet handed out (kept so that a restart is not cold). */
public record PooledWrappingKey(String id, WrappingKeySpec spec, SecretBytes privateKey, byte[] publicKey) {

    public PooledWrappingKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    @Override
    public String toString() {
        return "PooledWrappingKey[" + id + ", " + spec + "]";
    }
}
