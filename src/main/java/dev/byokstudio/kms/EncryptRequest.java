package dev.byokstudio.kms;

import java.util.List;
import java.util.Map;

/**
 * AWS {@code EncryptRequest}. KeyId may be a key ID, key ARN, alias name or alias ARN; the plaintext is at
 * most 4096 bytes and never appears in a message. EncryptionAlgorithm defaults to SYMMETRIC_DEFAULT.
 */
public record EncryptRequest(String keyId, SecretBytes plaintext, Map<String, String> encryptionContext,
        List<String> grantTokens, EncryptionAlgorithm encryptionAlgorithm) implements KmsRequest {

    public EncryptRequest {
        encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
    }

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.required("plaintext", plaintext);
        if (plaintext != null) {
            v.sensitiveLength("plaintext", plaintext.length(), 1, 4096);
        }
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
