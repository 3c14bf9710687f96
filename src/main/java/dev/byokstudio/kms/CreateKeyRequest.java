package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code CreateKeyRequest}. Every member is optional; see {@link #builder()}. */
public record CreateKeyRequest(
        String policy,
        String description,
        KeyUsage keyUsage,
        KeySpec customerMasterKeySpec,
        KeySpec keySpec,
        Origin origin,
        String customKeyStoreId,
        Boolean bypassPolicyLockoutSafetyCheck,
        List<Tag> tags,
        Boolean multiRegion,
        String xksKeyId) implements KmsRequest {

    public CreateKeyRequest {
        tags = tags == null ? null : List.copyOf(tags);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.policy(v, "policy", policy);
        v.length("description", description, 0, Constraints.DESCRIPTION_MAX);
        v.length("customKeyStoreId", customKeyStoreId, 1, 64);
        v.length("xksKeyId", xksKeyId, 1, 128);
        Tag.validate(v, "tags", tags);
        return v;
    }

    /** Builds a CreateKeyRequest member by member. */
    public static final class Builder {
        private String policy;
        private String description;
        private KeyUsage keyUsage;
        private KeySpec customerMasterKeySpec;
        private KeySpec keySpec;
        private Origin origin;
        private String customKeyStoreId;
        private Boolean bypassPolicyLockoutSafetyCheck;
        private List<Tag> tags;
        private Boolean multiRegion;
        private String xksKeyId;

        public Builder policy(String v) { this.policy = v; return this; }
        public Builder description(String v) { this.description = v; return this; }
        public Builder keyUsage(KeyUsage v) { this.keyUsage = v; return this; }
        public Builder customerMasterKeySpec(KeySpec v) { this.customerMasterKeySpec = v; return this; }
        public Builder keySpec(KeySpec v) { this.keySpec = v; return this; }
        public Builder origin(Origin v) { this.origin = v; return this; }
        public Builder customKeyStoreId(String v) { this.customKeyStoreId = v; return this; }
        public Builder bypassPolicyLockoutSafetyCheck(Boolean v) { this.bypassPolicyLockoutSafetyCheck = v; return this; }
        public Builder tags(List<Tag> v) { this.tags = v; return this; }
        public Builder multiRegion(Boolean v) { this.multiRegion = v; return this; }
        public Builder xksKeyId(String v) { this.xksKeyId = v; return this; }

        public CreateKeyRequest build() {
            return new CreateKeyRequest(policy, description, keyUsage, customerMasterKeySpec, keySpec, origin,
                    customKeyStoreId, bypassPolicyLockoutSafetyCheck, tags, multiRegion, xksKeyId);
        }
    }
}
