package dev.byokstudio.ui.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.kms.AccessControl;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An {@link AccessControl} for tests and screenshots: four principals, a few actions and condition keys, a small
 * rule-based simulator (the administrator may do anything; KeyUserRole only use keys; a Deny on
 * RSAES_PKCS1_V1_5 wrapping), console-style templates, and checks that catch what KMS rejects most often.
 */
public final class FakeAccessControl implements AccessControl {

    public static final String ACCOUNT = "111122223333";
    public static final Principal ADMINISTRATOR = new Principal("Administrator", PrincipalType.IAM_USER,
            "arn:aws:iam::" + ACCOUNT + ":user/Administrator", "AIDAJQABLZS4A3QDU576Q", ACCOUNT);
    public static final Principal KEY_ADMIN_ROLE = new Principal("KMSAdminRole", PrincipalType.IAM_ROLE,
            "arn:aws:iam::" + ACCOUNT + ":role/KMSAdminRole", "AROAJ52OTH4H7LEXAMPLE", ACCOUNT);
    public static final Principal KEY_USER_ROLE = new Principal("KeyUserRole", PrincipalType.IAM_ROLE,
            "arn:aws:iam::" + ACCOUNT + ":role/KeyUserRole", "AROAJI4AVVEXAMPLE1234", ACCOUNT);
    public static final Principal AUDITOR = new Principal("Auditor", PrincipalType.IAM_USER,
            "arn:aws:iam::" + ACCOUNT + ":user/Auditor", "AIDAIOSFODNN7EXAMPLE", ACCOUNT);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Principal> principals = List.of(ADMINISTRATOR, KEY_ADMIN_ROLE, KEY_USER_ROLE, AUDITOR);
    private volatile Principal actingAs = ADMINISTRATOR;
    public final List<String> actAsCalls = new CopyOnWriteArrayList<>();
    public final List<SimulationRequest> simulations = new CopyOnWriteArrayList<>();
    public final List<String> checked = new CopyOnWriteArrayList<>();
    /** When set, {@link #actAs} throws it. */
    public volatile RuntimeException actAsFailure;
    /** The keys that exist, for NotFoundException. */
    public final List<String> keyIds = new CopyOnWriteArrayList<>();
    /** Replaces the rule-based simulator when set. */
    public volatile Function<SimulationRequest, SimulationResult> simulator;

    @Override
    public List<Principal> principals() {
        return principals;
    }

    @Override
    public Principal actingAs() {
        return actingAs;
    }

    @Override
    public void actAs(String name) {
        actAsCalls.add(name);
        if (actAsFailure != null) {
            throw actAsFailure;
        }
        actingAs = principals.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no principal named " + name));
    }

    @Override
    public List<String> actions() {
        return List.of("kms:CreateKey", "kms:Decrypt", "kms:DeleteImportedKeyMaterial", "kms:DescribeKey",
                "kms:Encrypt", "kms:GetKeyPolicy", "kms:GetParametersForImport", "kms:ImportKeyMaterial",
                "kms:ListKeys", "kms:PutKeyPolicy");
    }

    @Override
    public List<String> requestConditionKeys(String action) {
        switch (action) {
            case "kms:CreateKey":
                return List.of("kms:KeyOrigin", "kms:KeySpec", "kms:KeyUsage", "kms:MultiRegion");
            case "kms:GetParametersForImport":
                return List.of("kms:WrappingAlgorithm", "kms:WrappingKeySpec");
            case "kms:ImportKeyMaterial":
                return List.of("kms:ExpirationModel", "kms:ValidTo");
            case "kms:Encrypt":
            case "kms:Decrypt":
                return List.of("kms:EncryptionAlgorithm", "kms:EncryptionContextKeys");
            default:
                return List.of();
        }
    }

    @Override
    public SimulationResult simulate(SimulationRequest request) {
        simulations.add(request);
        if (request.keyId() != null && !keyIds.isEmpty() && keyIds.stream().noneMatch(request.keyId()::endsWith)) {
            throw new NotFoundException("Key '" + keyArn(request.keyId()) + "' does not exist");
        }
        if (simulator != null) {
            return simulator.apply(request);
        }
        Principal who = principals.stream().filter(p -> p.name().equals(request.principalName())).findFirst()
                .orElseThrow();
        String resource = request.keyId() == null ? "*" : keyArn(request.keyId());
        Map<String, List<String>> context = new LinkedHashMap<>(request.requestValues());
        context.put("aws:PrincipalArn", List.of(who.arn()));
        context.put("kms:CallerAccount", List.of(ACCOUNT));
        if (request.keyId() != null) {
            context.put("kms:KeyOrigin", List.of("EXTERNAL"));
        }
        if (request.requestValues().getOrDefault("kms:WrappingAlgorithm", List.of()).contains("RSAES_PKCS1_V1_5")) {
            return new SimulationResult("EXPLICIT_DENY", List.of(new DecidingStatement("KEY_POLICY", "default",
                    "Deny PKCS1 v1.5 wrapping", DENY_PKCS1)),
                    denied(who, request.action(), resource, "with an explicit deny in a resource-based policy"),
                    resource, context);
        }
        if (who == ADMINISTRATOR || who == KEY_ADMIN_ROLE && !request.action().equals("kms:Encrypt")
                && !request.action().equals("kms:Decrypt")) {
            List<DecidingStatement> statements = new ArrayList<>();
            if (request.keyId() != null) {
                statements.add(new DecidingStatement("KEY_POLICY", "default", "Enable IAM User Permissions", ROOT));
            }
            statements.add(new DecidingStatement("IDENTITY_POLICY", "AdministratorAccess", null, ADMIN_ACCESS));
            return new SimulationResult("ALLOW", statements, null, resource, context);
        }
        if (who == KEY_USER_ROLE && (request.action().equals("kms:Encrypt") || request.action().equals("kms:Decrypt")
                || request.action().equals("kms:DescribeKey"))) {
            return new SimulationResult("ALLOW", List.of(new DecidingStatement("KEY_POLICY", "default",
                    "Allow use of the key", KEY_USERS)), null, resource, context);
        }
        return new SimulationResult("IMPLICIT_DENY", List.of(),
                denied(who, request.action(), resource, request.keyId() == null
                        ? "because no identity-based policy allows the " + request.action() + " action"
                        : "because no resource-based policy allows the " + request.action() + " action"),
                resource, context);
    }

    private static String denied(Principal who, String action, String resource, String because) {
        return "User: " + who.callerArn() + " is not authorized to perform: " + action + " on resource: " + resource
                + " " + because;
    }

    public static String keyArn(String keyId) {
        return keyId.startsWith("arn:") ? keyId : "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + keyId;
    }

    @Override
    public List<PolicyTemplate> keyPolicyTemplates(String keyId) {
        return List.of(new PolicyTemplate("Default (account root)", "What CreateKey gives a key without a policy: "
                        + "IAM policies of the account decide", defaultPolicy()),
                new PolicyTemplate("Key administrators and key users", "The console's policy: KMSAdminRole manages "
                        + "the key and imports its material, KeyUserRole uses it", consolePolicy()));
    }

    @Override
    public List<String> checkKeyPolicy(String document) {
        checked.add(document);
        JsonNode policy;
        try {
            policy = JSON.readTree(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of("The policy is not JSON: " + e.getOriginalMessage());
        }
        if (policy == null || !policy.isObject()) {
            return List.of("The policy must be a JSON object.");
        }
        List<String> problems = new ArrayList<>();
        if (!policy.path("Statement").isArray() || policy.path("Statement").isEmpty()) {
            problems.add("The policy has no Statement: it needs at least one.");
        }
        int index = 0;
        for (JsonNode statement : policy.path("Statement")) {
            index++;
            for (String element : new String[] {"Effect", "Principal", "Action", "Resource"}) {
                if (!statement.has(element)) {
                    problems.add("Statement " + index + " has no " + element + ".");
                }
            }
        }
        return problems;
    }

    public static String defaultPolicy() {
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"key-default-1\",\n  \"Statement\": [\n    {\n"
                + "      \"Sid\": \"Enable IAM User Permissions\",\n      \"Effect\": \"Allow\",\n"
                + "      \"Principal\": {\"AWS\": \"arn:aws:iam::" + ACCOUNT + ":root\"},\n"
                + "      \"Action\": \"kms:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
    }

    public static String consolePolicy() {
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"key-consolepolicy-3\",\n  \"Statement\": [\n"
                + "    " + ROOT.replace("\n", "\n    ") + ",\n"
                + "    {\n      \"Sid\": \"Allow access for Key Administrators\",\n      \"Effect\": \"Allow\",\n"
                + "      \"Principal\": {\"AWS\": \"arn:aws:iam::" + ACCOUNT + ":role/KMSAdminRole\"},\n"
                + "      \"Action\": [\"kms:Create*\", \"kms:Describe*\", \"kms:Enable*\", \"kms:List*\", \"kms:Put*\",\n"
                + "                 \"kms:Update*\", \"kms:Revoke*\", \"kms:Disable*\", \"kms:Get*\", \"kms:Delete*\",\n"
                + "                 \"kms:ImportKeyMaterial\", \"kms:TagResource\", \"kms:UntagResource\",\n"
                + "                 \"kms:ScheduleKeyDeletion\", \"kms:CancelKeyDeletion\"],\n"
                + "      \"Resource\": \"*\"\n    },\n"
                + "    " + KEY_USERS.replace("\n", "\n    ") + "\n  ]\n}";
    }

    static final String ROOT = "{\n  \"Sid\": \"Enable IAM User Permissions\",\n  \"Effect\": \"Allow\",\n"
            + "  \"Principal\": {\"AWS\": \"arn:aws:iam::" + ACCOUNT + ":root\"},\n  \"Action\": \"kms:*\",\n"
            + "  \"Resource\": \"*\"\n}";
    static final String KEY_USERS = "{\n  \"Sid\": \"Allow use of the key\",\n  \"Effect\": \"Allow\",\n"
            + "  \"Principal\": {\"AWS\": \"arn:aws:iam::" + ACCOUNT + ":role/KeyUserRole\"},\n"
            + "  \"Action\": [\"kms:Encrypt\", \"kms:Decrypt\", \"kms:ReEncrypt*\", \"kms:GenerateDataKey*\", \"kms:DescribeKey\"],\n"
            + "  \"Resource\": \"*\"\n}";
    static final String DENY_PKCS1 = "{\n  \"Sid\": \"Deny PKCS1 v1.5 wrapping\",\n  \"Effect\": \"Deny\",\n"
            + "  \"Principal\": {\"AWS\": \"*\"},\n  \"Action\": \"kms:GetParametersForImport\",\n  \"Resource\": \"*\",\n"
            + "  \"Condition\": {\"StringEquals\": {\"kms:WrappingAlgorithm\": \"RSAES_PKCS1_V1_5\"}}\n}";
    static final String ADMIN_ACCESS = "{\n  \"Effect\": \"Allow\",\n  \"Action\": \"*\",\n  \"Resource\": \"*\"\n}";
}
