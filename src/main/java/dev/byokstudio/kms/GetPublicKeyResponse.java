package dev.byokstudio.kms;

import java.util.List;

/**
 * AWS {@code GetPublicKeyResponse}: the DER SubjectPublicKeyInfo of an asymmetric key and what it may be
 * used for. Algorithm lists not of the key's usage are empty and left out of the wire form.
 */
public record GetPublicKeyResponse(String keyId, byte[] publicKey, KeySpec customerMasterKeySpec, KeySpec keySpec,
        KeyUsage keyUsage, List<EncryptionAlgorithm> encryptionAlgorithms, List<SigningAlgorithm> signingAlgorithms,
        List<KeyAgreementAlgorithm> keyAgreementAlgorithms) {
}
