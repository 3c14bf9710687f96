package dev.byokstudio.kms;

/** AWS {@code ListKeysRequest}. Limit defaults to 100. */
public record ListKeysRequest(Integer limit, String marker) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.paging(v, limit, 1000, marker);
        return v;
    }
}
