package dev.byokstudio.kms;

import java.util.List;

/**
 * AWS {@code SignRequest}: a message of 1 to 4096 bytes (or its digest) to sign with an asymmetric
 * SIGN_VERIFY key. MessageType defaults to RAW. The message is treated as sensitive, as AWS does.
 */
public record SignRequest(String keyId, SecretBytes message, MessageType messageType, List<String> grantTokens,
        SigningAlgorithm signingAlgorithm) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        Constraints.message(v, message);
        v.size("grantTokens", grantTokens, 0, 10);
        v.required("signingAlgorithm", signingAlgorithm);
        return v;
    }
}
