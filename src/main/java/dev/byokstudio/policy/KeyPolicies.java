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
import java.util.List;
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

    /** The actions the console gives key administrators (reference §14.3). */
    static final List<String> CONSOLE_ADMIN_ACTIONS = List.of("kms:Create*", "kms:Describe*", "kms:Enable*",
            "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
            "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
            "kms:RotateKeyOnDemand");

    /** The actions the console gives key users, by key usage. */
    static List<String> consoleUserActions(String keyUsage) {
        return switch (keyUsage == null ? "ENCRYPT_DECRYPT" : keyUsage) {
            case "SIGN_VERIFY" -> List.of("kms:DescribeKey", "kms:GetPublicKey", "kms:Sign", "kms:Verify");
            case "GENERATE_VERIFY_MAC" -> List.of("kms:DescribeKey", "kms:GenerateMac", "kms:VerifyMac");
            case "KEY_AGREEMENT" -> List.of("kms:DescribeKey", "kms:GetPublicKey", "kms:DeriveSharedSecret");
            default -> List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                    "kms:DescribeKey");
        };
    }

    /**
     * The key policy the console writes (reference §14.3): the account root statement, key administrators
     * (with kms:ImportKeyMaterial added for EXTERNAL keys, where kms:Get* and kms:Delete* already cover
     * GetParametersForImport and DeleteImportedKeyMaterial), and key users with the actions their key usage
     * allows. An empty list of administrators or users leaves that statement out.
     */
    public static String consoleDefault(String partition, String accountId, List<String> administratorArns,
            List<String> userArns, boolean external, String keyUsage) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        policy.put("Id", "key-consolepolicy-3");
        ArrayNode statements = policy.putArray("Statement");
        ObjectNode root = statements.addObject();
        root.put("Sid", "Enable IAM User Permissions");
        root.put("Effect", "Allow");
        root.putObject("Principal").put("AWS", "arn:" + partition + ":iam::" + accountId + ":root");
        root.put("Action", "kms:*");
        root.put("Resource", "*");
        if (!administratorArns.isEmpty()) {
            ObjectNode admins = statements.addObject();
            admins.put("Sid", "Allow access for Key Administrators");
            admins.put("Effect", "Allow");
            principals(admins, administratorArns);
            ArrayNode actions = admins.putArray("Action");
            CONSOLE_ADMIN_ACTIONS.forEach(actions::add);
            if (external) {
                actions.add("kms:ImportKeyMaterial");
            }
            admins.put("Resource", "*");
        }
        if (!userArns.isEmpty()) {
            ObjectNode users = statements.addObject();
            users.put("Sid", "Allow use of the key");
            users.put("Effect", "Allow");
            principals(users, userArns);
            ArrayNode actions = users.putArray("Action");
            consoleUserActions(keyUsage).forEach(actions::add);
            users.put("Resource", "*");
        }
        return render(policy);
    }

    /**
     * AWS's suggested statement for imported key material (reference §14.3), added to the API default: the
     * role may download wrapping keys, import and delete material, and nothing else through the key policy.
     */
    public static String importAdministration(String partition, String accountId, String roleArn) {
        ObjectNode policy = (ObjectNode) readTree(defaultPolicy(partition, accountId));
        ObjectNode s = ((ArrayNode) policy.get("Statement")).addObject();
        s.put("Sid", "Allow import of key material");
        s.put("Effect", "Allow");
        s.putObject("Principal").put("AWS", roleArn);
        ArrayNode actions = s.putArray("Action");
        actions.add("kms:GetParametersForImport").add("kms:ImportKeyMaterial").add("kms:DeleteImportedKeyMaterial");
        s.put("Resource", "*");
        return render(policy);
    }

    /**
     * What is wrong with {@code policy}, each problem as a sentence for a person; empty when it is a
     * well-formed key policy that the evaluator can read.
     */
    public static List<String> problems(String policy) {
        try {
            requireWellFormed(policy);
            PolicyDocument.parse(policy);
            return List.of();
        } catch (MalformedPolicyDocumentException e) {
            String detail = e.explanation() == null ? "" : e.explanation().whatHappened();
            return List.of(e.awsMessage() + (detail.isEmpty() ? "" : " " + detail));
        } catch (PolicyDocumentException e) {
            return List.of(e.getMessage());
        }
    }

    private static void principals(ObjectNode statement, List<String> arns) {
        if (arns.size() == 1) {
            statement.putObject("Principal").put("AWS", arns.get(0));
        } else {
            ArrayNode a = statement.putObject("Principal").putArray("AWS");
            arns.forEach(a::add);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a policy this class wrote", e);
        }
    }

    private static String render(ObjectNode policy) {
        try {
            return JSON.writer(LAYOUT).writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a key policy", e);
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
