package dev.byokstudio.kms;

import java.time.Instant;

/** AWS {@code RotationsListEntry}. Optional members are null where AWS omits them. */
public record RotationsListEntry(String keyId, String keyMaterialId, String keyMaterialDescription, ImportState importState, KeyMaterialState keyMaterialState, ExpirationModel expirationModel, Instant validTo, Instant rotationDate, RotationType rotationType) {
}
