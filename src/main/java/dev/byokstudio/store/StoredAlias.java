package dev.byokstudio.store;

import java.time.Instant;
import java.util.Objects;

/** An alias as the workspace keeps it: its full name ({@code alias/...}) and the key it points at. */
public record StoredAlias(String aliasName, String targetKeyId, Instant creationDate, Instant lastUpdatedDate) {

    public StoredAlias {
        Objects.requireNonNull(aliasName, "aliasName");
        Objects.requireNonNull(targetKeyId, "targetKeyId");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(lastUpdatedDate, "lastUpdatedDate");
    }

    public StoredAlias retarget(String keyId, Instant when) {
        return new StoredAlias(aliasName, keyId, creationDate, when);
    }
}
