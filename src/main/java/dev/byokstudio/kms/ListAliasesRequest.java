package dev.byokstudio.kms;

/** AWS {@code ListAliasesRequest}. KeyId, optional, restricts the list to one key; Limit is 1-100, 50 by default. */
public record ListAliasesRequest(String keyId, Integer limit, String marker) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        v.length("keyId", keyId, 1, Constraints.KEY_ID_MAX);
        Constraints.paging(v, limit, 100, marker);
        return v;
    }
}
