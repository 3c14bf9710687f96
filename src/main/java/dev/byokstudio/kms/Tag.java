package dev.byokstudio.kms;

import java.util.List;

/** A tag on a KMS key (AWS {@code Tag}): {@code TagKey} 1-128 characters, {@code TagValue} 0-256. */
public record Tag(String tagKey, String tagValue) {

    static void validate(Violations v, String member, List<Tag> tags) {
        if (tags == null) {
            return;
        }
        for (int i = 0; i < tags.size(); i++) {
            Tag t = tags.get(i);
            String prefix = member + "." + (i + 1) + ".member.";
            if (t == null) {
                v.required(member + "." + (i + 1) + ".member", null);
                continue;
            }
            v.required(prefix + "tagKey", t.tagKey()).length(prefix + "tagKey", t.tagKey(), 1, 128);
            v.required(prefix + "tagValue", t.tagValue()).length(prefix + "tagValue", t.tagValue(), 0, 256);
        }
    }
}
