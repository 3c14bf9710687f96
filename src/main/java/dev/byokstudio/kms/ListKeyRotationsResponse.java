package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code ListKeyRotationsResponse}. */
public record ListKeyRotationsResponse(List<RotationsListEntry> rotations, String nextMarker, boolean truncated) {
}
