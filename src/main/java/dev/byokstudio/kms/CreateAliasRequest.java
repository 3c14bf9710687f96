package dev.byokstudio.kms;

/** AWS {@code CreateAliasRequest}. TargetKeyId is a key ID or key ARN. */
public record CreateAliasRequest(String aliasName, String targetKeyId) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        v.required("aliasName", aliasName).length("aliasName", aliasName, 1, Constraints.ALIAS_NAME_MAX)
                .pattern("aliasName", aliasName, Constraints.ALIAS_NAME);
        Constraints.keyId(v, "targetKeyId", targetKeyId);
        return v;
    }
}
