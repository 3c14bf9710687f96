package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code ListAliasesResponse}. */
public record ListAliasesResponse(List<AliasListEntry> aliases, String nextMarker, boolean truncated) {
}
