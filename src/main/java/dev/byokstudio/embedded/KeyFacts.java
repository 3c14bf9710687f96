package dev.byokstudio.embedded;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.Tag;
import java.util.List;

/**
 * What authorisation needs to know about a key a request names: its ARN, the resource condition keys
 * (kms:KeyOrigin, kms:KeySpec, kms:KeyUsage, kms:ResourceAliases, aws:ResourceTag) and its key policy.
 * {@code requestAlias} is the alias name the request used, when it named the key by alias (kms:RequestAlias).
 */
record KeyFacts(String keyId, String arn, Origin origin, KeySpec keySpec, KeyUsage keyUsage, boolean multiRegion,
        String policy, List<String> aliases, List<Tag> tags, String requestAlias) {

    KeyFacts {
        aliases = List.copyOf(aliases);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
