package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code DescribeKeyRequest}. KeyId may be a key ID, key ARN, alias name or alias ARN. */
public record DescribeKeyRequest(String keyId, List<String> grantTokens) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
