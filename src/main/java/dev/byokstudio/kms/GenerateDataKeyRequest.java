package dev.byokstudio.kms;

import java.util.List;
import java.util.Map;

/**
 * AWS {@code GenerateDataKeyRequest} (also used for GenerateDataKeyWithoutPlaintext): exactly one of
 * NumberOfBytes (1-1024) and KeySpec.
 */
public record GenerateDataKeyRequest(String keyId, Map<String, String> encryptionContext, Integer numberOfBytes,
        DataKeySpec keySpec, List<String> grantTokens) implements KmsRequest {

    public GenerateDataKeyRequest {
        encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
    }

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.range("numberOfBytes", numberOfBytes, 1, 1024);
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
