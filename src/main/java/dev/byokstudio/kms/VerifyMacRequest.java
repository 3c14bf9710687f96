package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code VerifyMacRequest}: the message, the HMAC key, the MAC algorithm and the MAC (1 to 6144 bytes). */
public record VerifyMacRequest(SecretBytes message, String keyId, MacAlgorithm macAlgorithm, byte[] mac,
        List<String> grantTokens) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.message(v, message);
        Constraints.keyId(v, "keyId", keyId);
        v.required("macAlgorithm", macAlgorithm);
        v.required("mac", mac);
        v.sensitiveLength("mac", mac, 1, 6144);
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
