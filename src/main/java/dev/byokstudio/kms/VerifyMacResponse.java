package dev.byokstudio.kms;

/** AWS {@code VerifyMacResponse}: always valid; a mismatch is KMSInvalidMacException. */
public record VerifyMacResponse(String keyId, boolean macValid, MacAlgorithm macAlgorithm) {
}
