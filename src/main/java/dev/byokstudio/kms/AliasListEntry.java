package dev.byokstudio.kms;

import java.time.Instant;

/** AWS {@code AliasListEntry}. */
public record AliasListEntry(String aliasName, String aliasArn, String targetKeyId, Instant creationDate, Instant lastUpdatedDate) {
}
