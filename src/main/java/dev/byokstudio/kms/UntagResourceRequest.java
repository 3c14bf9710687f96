package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code UntagResourceRequest}. KeyId is a key ID or key ARN. */
public record UntagResourceRequest(String keyId, List<String> tagKeys) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.required("tagKeys", tagKeys);
        if (tagKeys != null) {
            for (int i = 0; i < tagKeys.size(); i++) {
                String m = "tagKeys." + (i + 1) + ".member";
                v.required(m, tagKeys.get(i)).length(m, tagKeys.get(i), 1, 128);
            }
        }
        return v;
    }
}
