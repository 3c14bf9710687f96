package dev.byokstudio.store;

import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.SecretBytes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A principal of the workspace's account with its identity (IAM) policies, by name in the order they
 * were attached, and its access key. The secret access key is sealed at rest like key material.
 */
public record StoredPrincipal(Principal principal, Map<String, String> identityPolicies, String accessKeyId,
        SecretBytes secretAccessKey) {

    public StoredPrincipal {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        identityPolicies = Collections.unmodifiableMap(new LinkedHashMap<>(identityPolicies));
    }

    public String name() {
        return principal.name();
    }

    @Override
    public String toString() {
        return "StoredPrincipal[" + principal + ", policies " + identityPolicies.keySet() + ", " + accessKeyId + "]";
    }
}
