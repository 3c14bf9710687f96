package dev.byokstudio.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed key policy or identity (IAM) policy: its statements, ready for {@link PolicyEvaluator}.
 * Principal is optional here (identity policies have none); the evaluator never lets a key-policy
 * statement without one apply.
 */
public record PolicyDocument(String id, List<Statement> statements) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> STATEMENT_MEMBERS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    public enum Effect { ALLOW, DENY }

    /**
     * Who a statement names. {@code any} is {@code "*"} (or {@code {"AWS":"*"}}); otherwise the listed
     * identifiers (ARNs, account ids, service names) of every principal type.
     */
    public record Principals(boolean any, List<String> identifiers) {
        public Principals {
            identifiers = List.copyOf(identifiers);
        }
    }

    /** One statement. {@code principals} is null when the statement has neither Principal nor NotPrincipal. */
    public record Statement(String sid, Effect effect, Principals principals, boolean notPrincipal,
            List<String> actions, boolean notAction, List<String> resources, boolean notResource,
            List<ConditionClause> conditions) {
        public Statement {
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * Parses {@code json}.
     *
     * @throws PolicyDocumentException naming where the document is wrong, what was expected and what was found
     */
    public static PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new PolicyDocumentException("Policy", "valid JSON", "a syntax error at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + " (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new PolicyDocumentException("Policy", "a JSON object", describe(root));
        }
        JsonNode statement = root.get("Statement");
        List<Statement> statements = new ArrayList<>();
        if (statement != null && statement.isObject()) {
            statements.add(statement(statement, 1));
        } else if (statement != null && statement.isArray() && !statement.isEmpty()) {
            for (int i = 0; i < statement.size(); i++) {
                statements.add(statement(statement.get(i), i + 1));
            }
        } else {
            throw new PolicyDocumentException("Policy Statement", "an object or a non-empty array of objects",
                    describe(statement));
        }
        JsonNode id = root.get("Id");
        return new PolicyDocument(id != null && id.isTextual() ? id.asText() : null, statements);
    }

    private static Statement statement(JsonNode s, int n) {
        String where = "Statement " + n;
        if (!s.isObject()) {
            throw new PolicyDocumentException(where, "a JSON object", describe(s));
        }
        Iterator<String> names = s.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!STATEMENT_MEMBERS.contains(name)) {
                throw new PolicyDocumentException(where,
                        "only Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition",
                        "an element named " + name);
            }
        }
        JsonNode sidNode = s.get("Sid");
        if (sidNode != null && !sidNode.isTextual()) {
            throw new PolicyDocumentException(where + ", Sid", "a string", describe(sidNode));
        }
        JsonNode effectNode = s.get("Effect");
        Effect effect;
        if (effectNode != null && effectNode.isTextual() && effectNode.asText().equals("Allow")) {
            effect = Effect.ALLOW;
        } else if (effectNode != null && effectNode.isTextual() && effectNode.asText().equals("Deny")) {
            effect = Effect.DENY;
        } else {
            throw new PolicyDocumentException(where + ", Effect", "\"Allow\" or \"Deny\"", describe(effectNode));
        }
        if (s.has("Principal") && s.has("NotPrincipal")) {
            throw new PolicyDocumentException(where, "either Principal or NotPrincipal", "both");
        }
        boolean notPrincipal = s.has("NotPrincipal");
        Principals principals = null;
        if (s.has("Principal") || notPrincipal) {
            String member = notPrincipal ? "NotPrincipal" : "Principal";
            principals = principals(s.get(member), where + ", " + member);
        }
        if (s.has("Action") == s.has("NotAction")) {
            throw new PolicyDocumentException(where, "exactly one of Action or NotAction",
                    s.has("Action") ? "both" : "neither");
        }
        boolean notAction = s.has("NotAction");
        List<String> actions = strings(s.get(notAction ? "NotAction" : "Action"),
                where + ", " + (notAction ? "NotAction" : "Action"));
        if (s.has("Resource") && s.has("NotResource")) {
            throw new PolicyDocumentException(where, "either Resource or NotResource", "both");
        }
        boolean notResource = s.has("NotResource");
        List<String> resources = s.has("Resource") || notResource
                ? strings(s.get(notResource ? "NotResource" : "Resource"),
                        where + ", " + (notResource ? "NotResource" : "Resource"))
                : List.of("*");
        List<ConditionClause> conditions = conditions(s.get("Condition"), where + ", Condition");
        return new Statement(sidNode == null ? null : sidNode.asText(), effect, principals, notPrincipal,
                actions, notAction, resources, notResource, conditions);
    }

    private static Principals principals(JsonNode node, String where) {
        if (node.isTextual()) {
            if (node.asText().equals("*")) {
                return new Principals(true, List.of());
            }
            throw new PolicyDocumentException(where, "\"*\" or an object such as {\"AWS\": \"<ARN>\"}",
                    describe(node));
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new PolicyDocumentException(where, "\"*\" or an object such as {\"AWS\": \"<ARN>\"}",
                    describe(node));
        }
        boolean any = false;
        List<String> ids = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            for (String id : strings(f.getValue(), where + ", " + f.getKey())) {
                if (id.equals("*")) {
                    any = true;
                } else {
                    ids.add(id);
                }
            }
        }
        return new Principals(any, ids);
    }

    private static List<String> strings(JsonNode node, String where) {
        if (node != null && node.isTextual()) {
            return List.of(node.asText());
        }
        if (node != null && node.isArray() && !node.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw new PolicyDocumentException(where, "a string in every array entry", describe(item));
                }
                out.add(item.asText());
            }
            return out;
        }
        throw new PolicyDocumentException(where, "a string or a non-empty array of strings", describe(node));
    }

    private static List<ConditionClause> conditions(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new PolicyDocumentException(where, "an object of operators, e.g. {\"StringEquals\": {...}}",
                    describe(node));
        }
        List<ConditionClause> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> operators = node.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> op = operators.next();
            String opWhere = where + ", " + op.getKey();
            ConditionClause.Operator.parse(op.getKey(), opWhere); // fails early on an unknown operator
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw new PolicyDocumentException(opWhere, "an object of condition keys to values",
                        describe(op.getValue()));
            }
            Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> key = keys.next();
                out.add(ConditionClause.of(op.getKey(), key.getKey(),
                        scalars(key.getValue(), opWhere + ", " + key.getKey()), opWhere));
            }
        }
        return out;
    }

    private static List<String> scalars(JsonNode node, String where) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray() && !node.isEmpty()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.isTextual()) {
                out.add(item.asText());
            } else if (item.isNumber() || item.isBoolean()) {
                out.add(item.asText().toLowerCase(Locale.ROOT));
            } else {
                throw new PolicyDocumentException(where, "a string, number, boolean or a non-empty array of them",
                        describe(item));
            }
        }
        return out;
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        String type = switch (node.getNodeType()) {
            case ARRAY -> node.isEmpty() ? "an empty array" : "an array";
            case OBJECT -> node.isEmpty() ? "an empty object" : "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a value";
        };
        return node.isNull() ? "null" : type + " " + text;
    }
}
