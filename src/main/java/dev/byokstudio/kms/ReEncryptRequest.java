package dev.byokstudio.kms;

import java.util.List;
import java.util.Map;

/** AWS {@code ReEncryptRequest}: decrypts under the source key and encrypts under the destination key, inside KMS. */
public record ReEncryptRequest(byte[] ciphertextBlob, Map<String, String> sourceEncryptionContext, String sourceKeyId,
        String destinationKeyId, Map<String, String> destinationEncryptionContext,
        EncryptionAlgorithm sourceEncryptionAlgorithm, EncryptionAlgorithm destinationEncryptionAlgorithm,
        List<String> grantTokens) implements KmsRequest {

    public ReEncryptRequest {
        sourceEncryptionContext = sourceEncryptionContext == null ? Map.of() : Map.copyOf(sourceEncryptionContext);
        destinationEncryptionContext = destinationEncryptionContext == null ? Map.of()
                : Map.copyOf(destinationEncryptionContext);
    }

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        v.required("ciphertextBlob", ciphertextBlob).sensitiveLength("ciphertextBlob", ciphertextBlob, 1, 6144);
        v.length("sourceKeyId", sourceKeyId, 1, Constraints.KEY_ID_MAX);
        Constraints.keyId(v, "destinationKeyId", destinationKeyId);
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
