package dev.byokstudio.kms;

import java.util.Objects;

/** A principal's access key: the ID requests are signed under and the secret they are signed with. */
public record AccessKey(String accessKeyId, SecretBytes secretAccessKey, Principal principal) {
    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(principal, "principal");
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + " of " + principal.name() + "]";
    }
}
