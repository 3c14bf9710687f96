package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code GenerateMacRequest}: a message of 1 to 4096 bytes, an HMAC key and its MAC algorithm. */
public record GenerateMacRequest(SecretBytes message, String keyId, MacAlgorithm macAlgorithm, List<String> grantTokens)
        implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.message(v, message);
        Constraints.keyId(v, "keyId", keyId);
        v.required("macAlgorithm", macAlgorithm);
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
