package dev.byokstudio.kms;

import java.time.Instant;

/** AWS {@code GetParametersForImportResponse}. {@code publicKey} is a DER SubjectPublicKeyInfo; {@code importToken} is opaque and secret. */
public record GetParametersForImportResponse(String keyId, byte[] importToken, byte[] publicKey, Instant parametersValidTo) {
}
