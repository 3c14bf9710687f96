package dev.byokstudio.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.byokstudio.embedded.KeyIdentifiers.Accepts;
import dev.byokstudio.kms.AccessControl;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.Identities.CallOrigin;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import dev.byokstudio.policy.Evaluation;
import dev.byokstudio.policy.KeyPolicies;
import dev.byokstudio.store.StoredPrincipal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The desktop application's side of access control: which principal its calls act as (its {@link #kms()}
 * follows {@link #actAs}), and the policy simulator and key-policy templates. Simulating changes nothing
 * and records nothing.
 */
public final class DesktopAccess implements AccessControl {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Condition keys a request for each action can carry (reference §14.1), beyond kms:RequestAlias. */
    private static final Map<String, List<String>> REQUEST_KEYS = new TreeMap<>();

    static {
        List<String> crypto = List.of("kms:EncryptionAlgorithm", "kms:EncryptionContextKeys",
                "kms:EncryptionContext:<context key>");
        REQUEST_KEYS.put("kms:CreateKey", List.of("kms:KeyOrigin", "kms:KeySpec", "kms:KeyUsage", "kms:MultiRegion",
                "kms:BypassPolicyLockoutSafetyCheck", "aws:TagKeys"));
        REQUEST_KEYS.put("kms:GetParametersForImport", List.of("kms:WrappingAlgorithm", "kms:WrappingKeySpec"));
        REQUEST_KEYS.put("kms:ImportKeyMaterial", List.of("kms:ExpirationModel", "kms:ValidTo"));
        for (String a : List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
                "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext")) {
            REQUEST_KEYS.put(a, crypto);
        }
        for (String a : List.of("kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext")) {
            List<String> keys = new ArrayList<>(List.of("kms:DataKeyPairSpec"));
            keys.addAll(crypto);
            REQUEST_KEYS.put(a, keys);
        }
        REQUEST_KEYS.put("kms:Sign", List.of("kms:SigningAlgorithm", "kms:MessageType"));
        REQUEST_KEYS.put("kms:Verify", List.of("kms:SigningAlgorithm", "kms:MessageType"));
        REQUEST_KEYS.put("kms:GenerateMac", List.of("kms:MacAlgorithm"));
        REQUEST_KEYS.put("kms:VerifyMac", List.of("kms:MacAlgorithm"));
        REQUEST_KEYS.put("kms:DeriveSharedSecret", List.of("kms:KeyAgreementAlgorithm"));
        REQUEST_KEYS.put("kms:PutKeyPolicy", List.of("kms:BypassPolicyLockoutSafetyCheck"));
        REQUEST_KEYS.put("kms:ScheduleKeyDeletion", List.of("kms:ScheduleKeyDeletionPendingWindowInDays"));
        REQUEST_KEYS.put("kms:EnableKeyRotation", List.of("kms:RotationPeriodInDays"));
        REQUEST_KEYS.put("kms:TagResource", List.of("aws:TagKeys"));
        REQUEST_KEYS.put("kms:UntagResource", List.of("aws:TagKeys"));
    }

    private static final List<String> ACTIONS;

    static {
        TreeSet<String> actions = new TreeSet<>(REQUEST_KEYS.keySet());
        for (var m : Kms.class.getMethods()) {
            String name = Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1);
            if (!name.equals("ReEncrypt")) {
                actions.add("kms:" + name);
            }
        }
        actions.add("cloudtrail:LookupEvents");
        ACTIONS = List.copyOf(actions);
    }

    private final WorkspaceIdentities identities;
    private final EmbeddedKms kms;
    private final Authorizer authorizer;
    private volatile StoredPrincipal acting;
    private final Kms actingKms;

    DesktopAccess(WorkspaceIdentities identities, EmbeddedKms kms, Authorizer authorizer) {
        this.identities = identities;
        this.kms = kms;
        this.authorizer = authorizer;
        this.acting = identities.storedPrincipals().get(0);
        this.actingKms = (Kms) Proxy.newProxyInstance(Kms.class.getClassLoader(), new Class<?>[] {Kms.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "Kms acting as " + acting.name()
                                : method.invoke(this, args);
                    }
                    Kms target = identities.kmsFor(acting.principal(), CallOrigin.desktop(acting.accessKeyId()));
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** KMS as the principal the application acts as, whoever that is at the time of each call. */
    public Kms kms() {
        return actingKms;
    }

    @Override
    public List<Principal> principals() {
        return identities.principals();
    }

    @Override
    public Principal actingAs() {
        return acting.principal();
    }

    @Override
    public void actAs(String name) {
        acting = identities.stored(name).orElseThrow(() -> unknownPrincipal(name));
    }

    private NotFoundException unknownPrincipal(String name) {
        return new NotFoundException("Principal " + name + " does not exist", Explanation.of(
                "The workspace's account has no principal named " + name + ".",
                "Choose one of: " + String.join(", ", identities.principals().stream().map(Principal::name).toList()),
                "The name was typed differently."));
    }

    @Override
    public List<String> actions() {
        return ACTIONS;
    }

    @Override
    public List<String> requestConditionKeys(String action) {
        List<String> keys = new ArrayList<>(REQUEST_KEYS.getOrDefault(action, List.of()));
        if (action.startsWith("kms:") && !Authorizer.IAM_ONLY.contains(action)) {
            keys.add("kms:RequestAlias");
        }
        return keys;
    }

    @Override
    public SimulationResult simulate(SimulationRequest request) {
        StoredPrincipal caller = identities.stored(request.principalName())
                .orElseThrow(() -> unknownPrincipal(request.principalName()));
        KeyFacts key = request.keyId() == null || request.keyId().isBlank() || Authorizer.IAM_ONLY.contains(request.action())
                ? null : kms.keyFacts(request.keyId().strip(), Accepts.KEY_OR_ALIAS);
        Authorizer.Decided decided = authorizer.decide(caller, request.action(), key, request.requestValues());
        Evaluation e = decided.evaluation();
        List<DecidingStatement> statements = new ArrayList<>();
        for (Evaluation.DecidingStatement d : e.decidingStatements()) {
            boolean resource = d.kind() == Evaluation.PolicyKind.RESOURCE_BASED;
            String document = resource ? key.policy() : caller.identityPolicies().get(d.policyName());
            statements.add(new DecidingStatement(resource ? "Key policy" : "Identity policy",
                    resource ? "key policy" : d.policyName(), d.sid(), statementJson(document, d.sid())));
        }
        return new SimulationResult(e.decision().name(), statements,
                e.accessDeniedMessage(caller.principal().callerArn(), decided.context()),
                decided.context().resourceArn(), decided.context().conditionKeys());
    }

    /** The statement with this Sid in the document, laid out; the whole document when the Sid is absent or shared. */
    private static String statementJson(String document, String sid) {
        try {
            JsonNode root = JSON.readTree(document);
            JsonNode statements = root.path("Statement");
            if (sid != null) {
                for (JsonNode s : statements.isArray() ? statements : JSON.createArrayNode().add(statements)) {
                    if (sid.equals(s.path("Sid").asText(null))) {
                        return JSON.writeValueAsString(s);
                    }
                }
            }
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            return document;
        }
    }

    @Override
    public List<PolicyTemplate> keyPolicyTemplates(String keyId) {
        KeyFacts key = kms.keyFacts(keyId, Accepts.KEY_OR_ALIAS);
        String partition = kms.account().partition();
        String account = kms.account().accountId();
        List<String> admins = arnsOf(PrincipalType.IAM_ROLE, DefaultPrincipals.KMS_ADMIN_ROLE);
        List<String> users = arnsOf(PrincipalType.IAM_ROLE, DefaultPrincipals.KEY_USER_ROLE);
        boolean external = key.origin() == dev.byokstudio.kms.Origin.EXTERNAL;
        List<PolicyTemplate> templates = new ArrayList<>();
        templates.add(new PolicyTemplate("Default key policy (API)",
                "What KMS gives a key created without a policy: the account's IAM policies decide.",
                KeyPolicies.defaultPolicy(partition, account)));
        templates.add(new PolicyTemplate("Console default: key administrators and key users",
                "The console's policy: " + String.join(", ", admins) + " administer the key"
                        + (external ? " (with kms:ImportKeyMaterial, as for every EXTERNAL key)" : "") + "; "
                        + String.join(", ", users) + " use it.",
                KeyPolicies.consoleDefault(partition, account, admins, users, external, key.keyUsage().name())));
        if (external && !admins.isEmpty()) {
            templates.add(new PolicyTemplate("Import administration (AWS's example)",
                    "The default policy plus AWS's statement letting " + admins.get(0)
                            + " download wrapping keys, import and delete key material.",
                    KeyPolicies.importAdministration(partition, account, admins.get(0))));
        }
        return templates;
    }

    /** The ARN of the principal named {@code name} if the workspace has it, as a list for the templates. */
    private List<String> arnsOf(PrincipalType type, String name) {
        return identities.principal(name).filter(p -> p.type() == type).map(p -> List.of(p.arn())).orElse(List.of());
    }

    @Override
    public List<String> checkKeyPolicy(String document) {
        return KeyPolicies.problems(document);
    }
}
