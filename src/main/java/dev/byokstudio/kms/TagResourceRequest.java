package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code TagResourceRequest}. KeyId is a key ID or key ARN. */
public record TagResourceRequest(String keyId, List<Tag> tags) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.required("tags", tags);
        Tag.validate(v, "tags", tags);
        return v;
    }
}
