package dev.byokstudio.kms;

import java.util.List;

/**
 * AWS {@code DeriveSharedSecretRequest}: ECDH between a KEY_AGREEMENT key's private key and the peer's
 * public key, a DER SubjectPublicKeyInfo of 1 to 8192 bytes on the same curve.
 */
public record DeriveSharedSecretRequest(String keyId, KeyAgreementAlgorithm keyAgreementAlgorithm, byte[] publicKey,
        List<String> grantTokens) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.required("keyAgreementAlgorithm", keyAgreementAlgorithm);
        v.required("publicKey", publicKey);
        v.sensitiveLength("publicKey", publicKey, 1, 8192);
        v.size("grantTokens", grantTokens, 0, 10);
        return v;
    }
}
