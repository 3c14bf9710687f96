package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code GetPublicKeyRequest}. */
public record GetPublicKeyRequest(String keyId, List<String> grantTokens) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
