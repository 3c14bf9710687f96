package dev.byokstudio.kms;

import java.util.List;
import java.util.Map;

/**
 * AWS {@code DecryptRequest}. KeyId is optional for symmetric ciphertext (KMS reads the key from it) and
 * required for asymmetric ciphertext; the encryption context must be the one given to Encrypt.
 */
public record DecryptRequest(byte[] ciphertextBlob, Map<String, String> encryptionContext, List<String> grantTokens,
        String keyId, EncryptionAlgorithm encryptionAlgorithm) implements KmsRequest {

    public DecryptRequest {
        encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
    }

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        v.required("ciphertextBlob", ciphertextBlob).sensitiveLength("ciphertextBlob", ciphertextBlob, 1, 6144);
        v.length("keyId", keyId, 1, Constraints.KEY_ID_MAX);
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
