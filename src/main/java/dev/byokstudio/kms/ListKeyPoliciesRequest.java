package dev.byokstudio.kms;

/** AWS {@code ListKeyPoliciesRequest}. Lists the names of a key's policies: always [default]. */
public record ListKeyPoliciesRequest(String keyId, Integer limit, String marker) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        Constraints.paging(v, limit, 1000, marker);
        return v;
    }
}
