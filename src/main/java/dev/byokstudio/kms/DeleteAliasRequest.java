package dev.byokstudio.kms;

/** AWS {@code DeleteAliasRequest}. AliasName begins with alias/. */
public record DeleteAliasRequest(String aliasName) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        v.required("aliasName", aliasName).length("aliasName", aliasName, 1, Constraints.ALIAS_NAME_MAX)
                .pattern("aliasName", aliasName, Constraints.ALIAS_NAME);
        return v;
    }
}
