package dev.byokstudio.embedded;

import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.policy.Evaluation;
import dev.byokstudio.policy.IdentityPolicy;
import dev.byokstudio.policy.PolicyDocument;
import dev.byokstudio.policy.PolicyDocumentException;
import dev.byokstudio.policy.PolicyEvaluator;
import dev.byokstudio.policy.RequestContext;
import dev.byokstudio.store.StoredPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides one request (reference §14): builds the request context — the caller, the action, the key's ARN
 * (or {@code *}), the global and KMS condition keys of the key, and the request's own condition keys — and
 * evaluates the key policy with the caller's identity policies. Actions that only IAM policies control
 * (kms:CreateKey, kms:ListKeys, kms:ListAliases, kms:GenerateRandom, cloudtrail:LookupEvents) ignore key policies.
 */
final class Authorizer {

    /** Actions authorised by IAM policies alone: they name no key (reference §14.1). */
    static final Set<String> IAM_ONLY = Set.of("kms:CreateKey", "kms:ListKeys", "kms:ListAliases",
            "kms:GenerateRandom", "cloudtrail:LookupEvents");

    private static final int PARSED_POLICIES = 256;

    private final String accountId;
    /** Parsed policies by their text: a key's policy is read on every request, and parsing is not free. */
    private final Map<String, Object> parsed = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                    return size() > PARSED_POLICIES;
                }
            });

    Authorizer(String accountId) {
        this.accountId = accountId;
    }

    /** The outcome and the context it was decided on. */
    record Decided(Evaluation evaluation, RequestContext context) {
        boolean allowed() {
            return evaluation.allowed();
        }
    }

    Decided decide(StoredPrincipal caller, String action, KeyFacts key, Map<String, List<String>> requestKeys) {
        RequestContext context = context(caller.principal(), action, key, requestKeys);
        List<IdentityPolicy> identities = identityPolicies(caller);
        if (key == null || IAM_ONLY.contains(action)) {
            return new Decided(PolicyEvaluator.evaluateIdentityOnly(identities, context), context);
        }
        Object keyPolicy = parse(key.policy());
        if (!(keyPolicy instanceof PolicyDocument document)) {
            // A stored policy the evaluator cannot read allows nobody; KMS never stores such a policy.
            return new Decided(new Evaluation(dev.byokstudio.policy.Decision.IMPLICIT_DENY, List.of(),
                    Evaluation.Refusal.NO_RESOURCE_BASED_POLICY_ALLOWS), context);
        }
        return new Decided(PolicyEvaluator.evaluate(document, identities, context), context);
    }

    List<IdentityPolicy> identityPolicies(StoredPrincipal caller) {
        List<IdentityPolicy> out = new ArrayList<>();
        caller.identityPolicies().forEach((name, text) -> {
            if (parse(text) instanceof PolicyDocument d) {
                out.add(new IdentityPolicy(name, d));
            }
        });
        return out;
    }

    /** The parsed document, or the {@link PolicyDocumentException} saying why it cannot be read. */
    Object parse(String text) {
        Object known = parsed.get(text);
        if (known != null) {
            return known;
        }
        Object result;
        try {
            result = PolicyDocument.parse(text);
        } catch (PolicyDocumentException e) {
            result = e;
        }
        parsed.put(text, result);
        return result;
    }

    private static void alias(Map<String, List<String>> keys, String key, String deprecatedName) {
        List<String> values = keys.get(key);
        if (values != null) {
            keys.put(deprecatedName, values);
        }
    }

    RequestContext context(Principal caller, String action, KeyFacts key, Map<String, List<String>> requestKeys) {
        Map<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        keys.put("aws:PrincipalArn", List.of(caller.arn()));
        keys.put("aws:PrincipalAccount", List.of(caller.accountId()));
        keys.put("aws:PrincipalType", List.of(caller.type() == PrincipalType.IAM_USER ? "User" : "AssumedRole"));
        keys.put("aws:userid", List.of(caller.type() == PrincipalType.IAM_USER ? caller.principalId()
                : caller.principalId() + ":" + Principal.ROLE_SESSION_NAME));
        if (caller.type() == PrincipalType.IAM_USER) {
            keys.put("aws:username", List.of(caller.name()));
        }
        if (action.startsWith("kms:")) {
            keys.put("kms:CallerAccount", List.of(caller.accountId()));
        }
        if (key != null) {
            keys.put("kms:KeyOrigin", List.of(key.origin().name()));
            keys.put("kms:KeySpec", List.of(key.keySpec().name()));
            keys.put("kms:KeyUsage", List.of(key.keyUsage().name()));
            keys.put("kms:MultiRegion", List.of(Boolean.toString(key.multiRegion())));
            if (key.multiRegion()) {
                // Only multi-Region keys have the property; this KMS makes no replicas, so each one is a primary.
                keys.put("kms:MultiRegionKeyType", List.of("PRIMARY"));
            }
            if (!key.aliases().isEmpty()) {
                keys.put("kms:ResourceAliases", key.aliases());
            }
            if (key.requestAlias() != null) {
                keys.put("kms:RequestAlias", List.of(key.requestAlias()));
            }
            for (Tag t : key.tags()) {
                keys.put("aws:ResourceTag/" + t.tagKey(), List.of(t.tagValue()));
            }
        }
        keys.putAll(requestKeys);
        // AWS still honours the deprecated names of kms:KeySpec and kms:KeyUsage, for the request and the key alike.
        alias(keys, "kms:KeySpec", "kms:CustomerMasterKeySpec");
        alias(keys, "kms:KeyUsage", "kms:CustomerMasterKeyUsage");
        return new RequestContext(caller.arn(), accountId, action, key == null ? "*" : key.arn(), keys);
    }
}
