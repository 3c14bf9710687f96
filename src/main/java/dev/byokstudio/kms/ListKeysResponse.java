package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code ListKeysResponse}. */
public record ListKeysResponse(List<KeyListEntry> keys, String nextMarker, boolean truncated) {
}
