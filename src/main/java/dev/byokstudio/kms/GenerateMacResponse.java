package dev.byokstudio.kms;

/** AWS {@code GenerateMacResponse}. */
public record GenerateMacResponse(byte[] mac, MacAlgorithm macAlgorithm, String keyId) {
}
