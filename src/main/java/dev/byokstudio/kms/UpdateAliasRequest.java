package dev.byokstudio.kms;

/** AWS {@code UpdateAliasRequest}. TargetKeyId is a key ID or key ARN. */
public record UpdateAliasRequest(String aliasName, String targetKeyId) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        v.required("aliasName", aliasName).length("aliasName", aliasName, 1, Constraints.ALIAS_NAME_MAX)
                .pattern("aliasName", aliasName, Constraints.ALIAS_NAME);
        Constraints.keyId(v, "targetKeyId", targetKeyId);
        return v;
    }
}
