package dev.byokstudio.store;

import dev.byokstudio.kms.KeyMaterialState;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A key as the workspace keeps it. Immutable: the model changes a key by storing a changed copy, made
 * with {@link #toBuilder()}.
 *
 * @param sequence the order of creation in the workspace, from {@link WorkspaceStore#nextKeySequence()};
 *     unlike the creation date it never ties and never goes backwards when the simulated clock returns
 *     to real time
 * @param deletionDate when a key pending deletion is deleted; null otherwise
 * @param pendingWindowInDays the waiting period chosen when deletion was scheduled; null otherwise
 * @param materials every key material associated with the key, oldest first
 * @param rotationPeriodInDays the automatic rotation period when automatic rotation is enabled; null otherwise
 * @param nextRotationDate when automatic rotation next happens; null when it is disabled
 * @param onDemandRotations how many on-demand rotations the key has had (KMS allows 25)
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
        List<StoredMaterial> materials,
        Integer rotationPeriodInDays,
        Instant nextRotationDate,
        int onDemandRotations) {

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
        materials = List.copyOf(materials);
    }

    /** The current material, if the key has ever had material. */
    public Optional<StoredMaterial> currentMaterial() {
        return materials.stream().filter(m -> m.state() == KeyMaterialState.CURRENT).findFirst();
    }

    /** The material pending rotation, if any. */
    public Optional<StoredMaterial> pendingMaterial() {
        return materials.stream().filter(m -> !m.isRequired()).findFirst();
    }

    public Optional<StoredMaterial> material(String keyMaterialId) {
        return materials.stream().filter(m -> m.keyMaterialId().equals(keyMaterialId)).findFirst();
    }

    /** Whether the key has all the material it needs to be usable: a current material, and every required one present. */
    public boolean hasAllRequiredMaterial() {
        return currentMaterial().isPresent() && materials.stream().filter(StoredMaterial::isRequired)
                .allMatch(StoredMaterial::isPresent);
    }

    public boolean rotationEnabled() {
        return rotationPeriodInDays != null;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "StoredKey[" + keyId + ", " + keySpec + ", " + origin + ", " + keyState + "]";
    }

    /** Builds a changed copy of a key. */
    public static final class Builder {
        private long sequence;
        private String keyId;
        private Instant creationDate;
        private String description;
        private KeySpec keySpec;
        private KeyUsage keyUsage;
        private Origin origin;
        private boolean multiRegion;
        private KeyState keyState;
        private Instant deletionDate;
        private Integer pendingWindowInDays;
        private List<Tag> tags = List.of();
        private String policy;
        private List<StoredMaterial> materials = List.of();
        private Integer rotationPeriodInDays;
        private Instant nextRotationDate;
        private int onDemandRotations;

        public Builder() {
        }

        private Builder(StoredKey k) {
            sequence = k.sequence;
            keyId = k.keyId;
            creationDate = k.creationDate;
            description = k.description;
            keySpec = k.keySpec;
            keyUsage = k.keyUsage;
            origin = k.origin;
            multiRegion = k.multiRegion;
            keyState = k.keyState;
            deletionDate = k.deletionDate;
            pendingWindowInDays = k.pendingWindowInDays;
            tags = k.tags;
            policy = k.policy;
            materials = k.materials;
            rotationPeriodInDays = k.rotationPeriodInDays;
            nextRotationDate = k.nextRotationDate;
            onDemandRotations = k.onDemandRotations;
        }

        public Builder sequence(long v) { sequence = v; return this; }
        public Builder keyId(String v) { keyId = v; return this; }
        public Builder creationDate(Instant v) { creationDate = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder keySpec(KeySpec v) { keySpec = v; return this; }
        public Builder keyUsage(KeyUsage v) { keyUsage = v; return this; }
        public Builder origin(Origin v) { origin = v; return this; }
        public Builder multiRegion(boolean v) { multiRegion = v; return this; }
        public Builder tags(List<Tag> v) { tags = v; return this; }
        public Builder policy(String v) { policy = v; return this; }
        public Builder materials(List<StoredMaterial> v) { materials = v; return this; }
        public Builder onDemandRotations(int v) { onDemandRotations = v; return this; }

        /** A state other than PendingDeletion: clears the deletion date and window. */
        public Builder keyState(KeyState v) {
            keyState = v;
            deletionDate = null;
            pendingWindowInDays = null;
            return this;
        }

        public Builder pendingDeletion(Instant date, int windowDays) {
            keyState = KeyState.PendingDeletion;
            deletionDate = date;
            pendingWindowInDays = windowDays;
            return this;
        }

        public Builder automaticRotation(Integer periodInDays, Instant next) {
            rotationPeriodInDays = periodInDays;
            nextRotationDate = next;
            return this;
        }

        public StoredKey build() {
            return new StoredKey(sequence, keyId, creationDate, description, keySpec, keyUsage, origin, multiRegion,
                    keyState, deletionDate, pendingWindowInDays, tags, policy, materials, rotationPeriodInDays,
                    nextRotationDate, onDemandRotations);
        }
    }
}
