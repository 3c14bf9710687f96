package dev.byokstudio.kms;

/** AWS {@code ListResourceTagsRequest}. Limit is 1-50, 50 by default. */
public record ListResourceTagsRequest(String keyId, Integer limit, String marker) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        Constraints.paging(v, limit, 50, marker);
        return v;
    }
}
