package dev.byokstudio.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.MalformedPolicyDocumentException;
import java.util.Iterator;
import java.util.Set;

/**
 * Key policy documents: the default policy KMS attaches when CreateKey is given none, and the syntax
 * check KMS applies to a policy before storing it. Evaluation of policies comes with the permissions
 * work; here a policy is only stored and returned.
 */
public final class KeyPolicies {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** KMS lays policies out like Jackson's default pretty printer, with \n line ends on every platform. */
    private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> STATEMENT_MEMBERS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");

    private KeyPolicies() {
    }

    /**
     * The policy KMS gives a key created without one (reference §14.3): the account's root may do
     * everything, which delegates access to IAM policies. Laid out as KMS returns it.
     */
    public static String defaultPolicy(String partition, String accountId) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        policy.put("Id", "key-default-1");
        ArrayNode statements = policy.putArray("Statement");
        ObjectNode s = statements.addObject();
        s.put("Sid", "Enable IAM User Permissions");
        s.put("Effect", "Allow");
        s.putObject("Principal").put("AWS", "arn:" + partition + ":iam::" + accountId + ":root");
        s.put("Action", "kms:*");
        s.put("Resource", "*");
        try {
            return JSON.writer(LAYOUT).writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the default key policy", e);
        }
    }

    /**
     * Checks that {@code policy} is a well-formed key policy document.
     *
     * @throws MalformedPolicyDocumentException naming what is wrong and where
     */
    public static void requireWellFormed(String policy) {
        JsonNode root;
        try {
            root = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            throw malformed("The key policy is not valid JSON.",
                    "JSON syntax error at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("The key policy must be a JSON object.", "Found " + describe(root) + " instead of an object.");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!Set.of("Version", "Id", "Statement").contains(name)) {
                throw malformed("Policy document has an unknown element: " + name,
                        "A policy has only Version, Id and Statement; found " + name + ".");
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
            throw malformed("The policy Version is not valid.",
                    "Version must be \"2012-10-17\" (or the older \"2008-10-17\"); found " + version + ".");
        }
        JsonNode statement = root.get("Statement");
        if (statement == null) {
            throw malformed("The policy has no Statement.", "A key policy needs a Statement with at least one entry.");
        }
        if (statement.isObject()) {
            checkStatement(statement, 1);
        } else if (statement.isArray() && statement.size() > 0) {
            for (int i = 0; i < statement.size(); i++) {
                checkStatement(statement.get(i), i + 1);
            }
        } else {
            throw malformed("The policy Statement is empty or not a list of statements.",
                    "Statement must be an object or a non-empty array of objects; found " + describe(statement) + ".");
        }
    }

    private static void checkStatement(JsonNode s, int n) {
        String where = "Statement " + n;
        if (!s.isObject()) {
            throw malformed(where + " is not an object.", where + " must be a JSON object; found " + describe(s) + ".");
        }
        Iterator<String> names = s.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!STATEMENT_MEMBERS.contains(name)) {
                throw malformed(where + " has an unknown element: " + name,
                        "A statement has Sid, Effect, Principal, Action, Resource and Condition; found " + name + ".");
            }
        }
        JsonNode effect = s.get("Effect");
        if (effect == null || !effect.isTextual() || !Set.of("Allow", "Deny").contains(effect.asText())) {
            throw malformed(where + " has no valid Effect.",
                    "Effect must be \"Allow\" or \"Deny\"; found " + describe(effect) + ".");
        }
        if (!s.has("Principal") && !s.has("NotPrincipal")) {
            throw malformed(where + " has no Principal.",
                    "Every statement of a key policy names a Principal, e.g. {\"AWS\": \"arn:aws:iam::111122223333:root\"}.");
        }
        if (!s.has("Action") && !s.has("NotAction")) {
            throw malformed(where + " has no Action.", "Every statement names an Action, e.g. \"kms:*\".");
        }
        if (!s.has("Resource") && !s.has("NotResource")) {
            throw malformed(where + " has no Resource.", "In a key policy the Resource is \"*\", meaning this key.");
        }
        for (String member : new String[] {"Action", "NotAction", "Resource", "NotResource"}) {
            JsonNode value = s.get(member);
            if (value != null && !isStringOrStrings(value)) {
                throw malformed(where + " has an invalid " + member + ".",
                        member + " must be a string or an array of strings; found " + describe(value) + ".");
            }
        }
        JsonNode condition = s.get("Condition");
        if (condition != null && !condition.isObject()) {
            throw malformed(where + " has an invalid Condition.",
                    "Condition must be an object of operators; found " + describe(condition) + ".");
        }
    }

    private static boolean isStringOrStrings(JsonNode value) {
        if (value.isTextual()) {
            return true;
        }
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + abbreviate(node.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static MalformedPolicyDocumentException malformed(String awsMessage, String detail) {
        return new MalformedPolicyDocumentException(awsMessage, Explanation.of(
                "KMS refused the key policy because it is not a well-formed policy document. " + detail,
                "Fix the policy and send it again. Start from the default key policy if in doubt: it lets the account's "
                        + "IAM policies control access.",
                "A typing mistake in the JSON.", "A statement without Effect, Principal, Action or Resource."));
    }
}
