package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code VerifyRequest}: the message (or digest), its message type, the signature (1 to 6144 bytes) and algorithm. */
public record VerifyRequest(String keyId, SecretBytes message, MessageType messageType, byte[] signature,
        SigningAlgorithm signingAlgorithm, List<String> grantTokens) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        Constraints.message(v, message);
        v.required("signature", signature);
        v.sensitiveLength("signature", signature, 1, 6144);
        v.required("signingAlgorithm", signingAlgorithm);
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
