package dev.byokstudio.kms;

/**
 * AWS {@code GenerateDataKeyPairResponse}: the private key (PKCS#8 DER) encrypted under the symmetric key,
 * the private key in plaintext (null for GenerateDataKeyPairWithoutPlaintext), and the public key
 * (DER SubjectPublicKeyInfo).
 */
public record GenerateDataKeyPairResponse(byte[] privateKeyCiphertextBlob, SecretBytes privateKeyPlaintext, byte[] publicKey,
        String keyId, DataKeyPairSpec keyPairSpec) {
}
