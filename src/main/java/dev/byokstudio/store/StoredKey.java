package dev.byokstudio.store;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A key as the workspace keeps it. Immutable: the model changes a key by storing a changed copy.
 *
 * @param material the key's material (raw bytes for symmetric and HMAC keys, PKCS#8 DER for
 *     asymmetric keys), or null while it has none
 * @param deletionDate when a key pending deletion is deleted; null otherwise
 * @param pendingWindowInDays the waiting period chosen when deletion was scheduled; null otherwise
 * @param sequence the order of creation in the workspace, from {@link WorkspaceStore#nextKeySequence()};
 *     unlike the creation date it never ties and never goes backwards when the simulated clock returns
 *     to real time
 */
public record StoredKey(
        long sequence,
        String keyId,
        Instant creationDate,
        String description,
        KeySpec keySpec,
        KeyUsage keyUsage,
        Origin origin,
        boolean multiRegion,
        KeyState keyState,
        Instant deletionDate,
        Integer pendingWindowInDays,
        List<Tag> tags,
        String policy,
        SecretBytes material) {

    public StoredKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(keySpec, "keySpec");
        Objects.requireNonNull(keyUsage, "keyUsage");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(keyState, "keyState");
        Objects.requireNonNull(policy, "policy");
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
    }

    public StoredKey withState(KeyState state, Instant newDeletionDate, Integer newWindow) {
        return new StoredKey(sequence, keyId, creationDate, description, keySpec, keyUsage, origin, multiRegion, state,
                newDeletionDate, newWindow, tags, policy, material);
    }

    public StoredKey withState(KeyState state) {
        return withState(state, null, null);
    }

    public StoredKey withTags(List<Tag> newTags) {
        return new StoredKey(sequence, keyId, creationDate, description, keySpec, keyUsage, origin, multiRegion, keyState,
                deletionDate, pendingWindowInDays, newTags, policy, material);
    }

    public StoredKey withPolicy(String newPolicy) {
        return new StoredKey(sequence, keyId, creationDate, description, keySpec, keyUsage, origin, multiRegion, keyState,
                deletionDate, pendingWindowInDays, tags, newPolicy, material);
    }

    public boolean hasMaterial() {
        return material != null;
    }

    @Override
    public String toString() {
        return "StoredKey[" + keyId + ", " + keySpec + ", " + origin + ", " + keyState + "]";
    }
}
