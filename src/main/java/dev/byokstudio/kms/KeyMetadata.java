package dev.byokstudio.kms;

import java.time.Instant;
import java.util.List;

/**
 * What KMS says about a key (AWS {@code KeyMetadata}). Optional members are null where AWS omits them;
 * the algorithm lists are empty where AWS omits them.
 */
public record KeyMetadata(
        String awsAccountId,
        String keyId,
        String arn,
        Instant creationDate,
        boolean enabled,
        String description,
        KeyUsage keyUsage,
        KeyState keyState,
        Instant deletionDate,
        Instant validTo,
        Origin origin,
        KeyManager keyManager,
        KeySpec customerMasterKeySpec,
        KeySpec keySpec,
        List<EncryptionAlgorithm> encryptionAlgorithms,
        List<SigningAlgorithm> signingAlgorithms,
        List<MacAlgorithm> macAlgorithms,
        List<KeyAgreementAlgorithm> keyAgreementAlgorithms,
        List<EncapsulationAlgorithm> encapsulationAlgorithms,
        boolean multiRegion,
        MultiRegionConfiguration multiRegionConfiguration,
        Integer pendingDeletionWindowInDays,
        ExpirationModel expirationModel,
        String currentKeyMaterialId) {

    public KeyMetadata {
        encryptionAlgorithms = List.copyOf(encryptionAlgorithms);
        signingAlgorithms = List.copyOf(signingAlgorithms);
        macAlgorithms = List.copyOf(macAlgorithms);
        keyAgreementAlgorithms = List.copyOf(keyAgreementAlgorithms);
        encapsulationAlgorithms = List.copyOf(encapsulationAlgorithms);
    }
}
