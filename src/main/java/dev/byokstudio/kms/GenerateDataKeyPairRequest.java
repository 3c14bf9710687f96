package dev.byokstudio.kms;

import java.util.List;
import java.util.Map;

/** AWS {@code GenerateDataKeyPairRequest} (also used for GenerateDataKeyPairWithoutPlaintext). */
public record GenerateDataKeyPairRequest(Map<String, String> encryptionContext, String keyId, DataKeyPairSpec keyPairSpec,
        List<String> grantTokens) implements KmsRequest {

    public GenerateDataKeyPairRequest {
        encryptionContext = encryptionContext == null ? Map.of() : Map.copyOf(encryptionContext);
    }

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.required("keyPairSpec", keyPairSpec);
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
