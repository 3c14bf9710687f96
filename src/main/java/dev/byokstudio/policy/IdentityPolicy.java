package dev.byokstudio.policy;

import java.util.Objects;

/** An identity-based (IAM) policy attached to the caller, with the name it is reported by. */
public record IdentityPolicy(String name, PolicyDocument document) {
    public IdentityPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}
