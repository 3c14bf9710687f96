package dev.byokstudio.embedded;

import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.Identities.CallOrigin;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.store.WorkspaceStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Workspaces for authorisation tests: the default principals (or replacements of them) and principals with
 * identity policies of the test's own, put in the store before {@link WorkspaceIdentities#open}, and the
 * AccessDeniedException messages AWS gives, written out independently of the production code.
 */
final class AuthorizationFixture {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String ACCOUNT = EmbeddedKmsFixture.ACCOUNT;
    static final String ROOT = "arn:aws:iam::" + ACCOUNT + ":root";

    /** The statement of the API's default key policy: the account's IAM policies decide (reference §14.3). */
    static final String ROOT_STATEMENT = json("{'Sid':'Enable IAM User Permissions','Effect':'Allow',"
            + "'Principal':{'AWS':'" + ROOT + "'},'Action':'kms:*','Resource':'*'}");

    /** The message of the lockout safety check (PutKeyPolicy and CreateKey with a Policy). */
    static final String LOCKOUT = "The new key policy will not allow you to update the key policy in the future.";

    private AuthorizationFixture() {
    }

    /** A principal the test adds, or a default one it replaces (same name), with these identity policies. */
    record Extra(String name, PrincipalType type, Map<String, String> policies) {
        static Extra role(String name, Map<String, String> policies) {
            return new Extra(name, PrincipalType.IAM_ROLE, policies);
        }

        static Extra user(String name, Map<String, String> policies) {
            return new Extra(name, PrincipalType.IAM_USER, policies);
        }
    }

    /** Why AWS refused a request: the end of its AccessDeniedException message (reference §12). */
    enum Refusal {
        NO_IDENTITY_POLICY_ALLOWS("because no identity-based policy allows the %s action"),
        NO_RESOURCE_POLICY_ALLOWS("because no resource-based policy allows the %s action"),
        EXPLICIT_DENY_IN_IDENTITY_POLICY("with an explicit deny in an identity-based policy"),
        EXPLICIT_DENY_IN_KEY_POLICY("with an explicit deny in a resource-based policy");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        String message(String callerArn, String action, String resource) {
            return "User: " + callerArn + " is not authorized to perform: " + action + " on resource: " + resource
                    + " " + String.format(reason, action);
        }
    }

    static String roleArn(String role) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + role;
    }

    static String userArn(String user) {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + user;
    }

    /** What AccessDeniedException names: a user's ARN, or a role's assumed-role session. */
    static String callerArn(Principal p) {
        return p.type() == PrincipalType.IAM_USER ? userArn(p.name())
                : "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + p.name() + "/byok-studio";
    }

    /** JSON written with single quotes, so that policies read well in Java source. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A policy document of these statements. */
    static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    /**
     * The workspace's identities over {@code model}: the default principals, except those {@code extras}
     * replace by name, then the extras - all stored before opening, as a workspace file would have them.
     */
    static WorkspaceIdentities open(EmbeddedKms model, List<Extra> extras) {
        WorkspaceStore store = model.store();
        Set<String> replaced = extras.stream().map(Extra::name).collect(Collectors.toSet());
        store.transaction(() -> {
            DefaultPrincipals.create(model.account(), RANDOM).stream().filter(p -> !replaced.contains(p.name()))
                    .forEach(store::putPrincipal);
            for (Extra e : extras) {
                store.putPrincipal(DefaultPrincipals.principal(model.account(), RANDOM, e.name(), e.type(),
                        e.policies()));
            }
            return null;
        });
        return WorkspaceIdentities.open(model, RANDOM);
    }

    /** KMS as {@code name} calls it, signing with its own access key. */
    static Kms as(WorkspaceIdentities identities, String name) {
        Principal p = identities.principal(name).orElseThrow();
        return identities.kmsFor(p, new CallOrigin("198.51.100.7", "byok-studio-tests",
                identities.accessKeyOf(p).accessKeyId(), null));
    }

    /**
     * An ImportKeyMaterial request for 32 random bytes, wrapped with parameters fetched from the model itself
     * (so that only the import is authorised and recorded).
     */
    static ImportKeyMaterialRequest importRequest(EmbeddedKms model, String keyId, Instant validTo,
            ExpirationModel expirationModel) {
        GetParametersForImportResponse p = ImportFixture.parameters(model, keyId);
        byte[] wrapped = ImportFixture.wrap(p, ImportFixture.randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256);
        return new ImportKeyMaterialRequest(keyId, p.importToken(), wrapped, validTo, expirationModel, null, null,
                null);
    }
}
