package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.AuthorizationFixture.LOCKOUT;
import static dev.byokstudio.embedded.AuthorizationFixture.ROOT_STATEMENT;
import static dev.byokstudio.embedded.AuthorizationFixture.json;
import static dev.byokstudio.embedded.AuthorizationFixture.policy;
import static dev.byokstudio.embedded.AuthorizationFixture.roleArn;
import static dev.byokstudio.embedded.DefaultPrincipals.ADMINISTRATOR;
import static dev.byokstudio.embedded.DefaultPrincipals.KEY_USER_ROLE;
import static dev.byokstudio.embedded.DefaultPrincipals.KMS_ADMIN_ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.embedded.AuthorizationFixture.Extra;
import dev.byokstudio.embedded.AuthorizationFixture.Refusal;
import dev.byokstudio.kms.AccessDeniedException;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.EncryptionAlgorithm;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GenerateMacRequest;
import dev.byokstudio.kms.GenerateRandomRequest;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.KeyListEntry;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.ListAliasesRequest;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.MacAlgorithm;
import dev.byokstudio.kms.MalformedPolicyDocumentException;
import dev.byokstudio.kms.MessageType;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import dev.byokstudio.kms.PutKeyPolicyRequest;
import dev.byokstudio.kms.ReEncryptRequest;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.SignRequest;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.policy.KeyPolicies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8's table of authorisation cases. Each case builds a workspace (keys made through the model, then
 * principals with their identity policies), calls KMS once as one principal through
 * {@link WorkspaceIdentities#kmsFor} - the path every caller takes - and checks the outcome: the call goes
 * through, or AccessDeniedException with AWS's exact message (reference §12, §14), or the lockout safety
 * check. Every call leaves exactly one CloudTrail event; a refusal's carries AccessDeniedException and the same
 * message, and a refused call changes no key. No event carries a secret.
 */
class AuthorizationTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Material that expires before {@link #VALID_TO_LIMIT}, and material that expires after it. */
    private static final Instant EARLY = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant VALID_TO_LIMIT = Instant.parse("2026-06-30T23:59:59Z");

    private static final String TESTER = "Tester";
    private static final String OTHER_ACCOUNT_ROOT = "arn:aws:iam::444455556666:root";

    // ------------------------------------------------------------------------------------------ the case model

    enum Outcome {
        ALLOWED(null),
        NO_IDENTITY_POLICY_ALLOWS(Refusal.NO_IDENTITY_POLICY_ALLOWS),
        NO_RESOURCE_POLICY_ALLOWS(Refusal.NO_RESOURCE_POLICY_ALLOWS),
        DENIED_IN_IDENTITY_POLICY(Refusal.EXPLICIT_DENY_IN_IDENTITY_POLICY),
        DENIED_IN_KEY_POLICY(Refusal.EXPLICIT_DENY_IN_KEY_POLICY),
        LOCKED_OUT(null);

        final Refusal refusal;

        Outcome(Refusal refusal) {
            this.refusal = refusal;
        }
    }

    /** A key made through the model before any principal exists: nothing authorised, nothing recorded. */
    record KeySetup(String ref, Origin origin, KeySpec spec, KeyUsage usage, boolean material, String policy,
            List<String> aliases, boolean multiRegion) {
        KeySetup policy(String p) {
            return new KeySetup(ref, origin, spec, usage, material, p, aliases, multiRegion);
        }

        KeySetup alias(String a) {
            List<String> more = new ArrayList<>(aliases);
            more.add(a);
            return new KeySetup(ref, origin, spec, usage, material, policy, more, multiRegion);
        }

        /** A multi-Region primary key. */
        KeySetup asMultiRegionPrimary() {
            return new KeySetup(ref, origin, spec, usage, material, policy, aliases, true);
        }
    }

    /** A principal of the case: a role or user, its identity policy made of these statements (none: no policy). */
    record PrincipalSetup(String name, PrincipalType type, List<String> statements) {
        Extra resolve(World w) {
            Map<String, String> policies = statements.isEmpty() ? Map.of()
                    : Map.of(name + "Policy", w.resolve(policy(statements.toArray(String[]::new))));
            return new Extra(name, type, policies);
        }
    }

    /** One call: the action it needs, the key it names (null: none, the resource is "*"), and how to make it. */
    record Call(String action, String keyRef, BiFunction<Kms, World, Object> run, String eventName) {
        /** A call whose CloudTrail event is named after its action. */
        Call(String action, String keyRef, BiFunction<Kms, World, Object> run) {
            this(action, keyRef, run, action.substring("kms:".length()));
        }
    }

    record Case(List<KeySetup> keys, List<PrincipalSetup> principals, String caller, Call call, Outcome outcome) {
    }

    /** The case's keys once made, and the secrets its call sends (which no CloudTrail event may contain). */
    static final class World {
        final EmbeddedKms model;
        final Map<String, KeyMetadata> keys = new LinkedHashMap<>();
        final List<byte[]> secrets = new ArrayList<>();

        World(EmbeddedKms model) {
            this.model = model;
        }

        void create(KeySetup k) {
            KeyMetadata key = model.createKey(CreateKeyRequest.builder().origin(k.origin()).keySpec(k.spec())
                    .keyUsage(k.usage()).policy(k.policy() == null ? null : resolve(k.policy()))
                    .multiRegion(k.multiRegion() ? true : null).build()).keyMetadata();
            if (k.material()) {
                ImportFixture.importMaterial(model, key.keyId(), ImportFixture.randomBytes(32));
            }
            for (String alias : k.aliases()) {
                model.createAlias(new CreateAliasRequest(alias, key.keyId()));
            }
            keys.put(k.ref(), key);
        }

        String id(String ref) {
            return keys.get(ref).keyId();
        }

        String arn(String ref) {
            return keys.get(ref).arn();
        }

        /** A policy with {key:<ref>} standing for that key's ARN. */
        String resolve(String template) {
            String out = template;
            for (var e : keys.entrySet()) {
                out = out.replace("{key:" + e.getKey() + "}", e.getValue().arn());
            }
            return out;
        }

        byte[] secret(byte[] bytes) {
            secrets.add(bytes);
            return bytes;
        }
    }

    /** Builds one case and names it. */
    static final class Given {
        private final String name;
        private final List<KeySetup> keys = new ArrayList<>();
        private final List<PrincipalSetup> principals = new ArrayList<>();
        private String caller;
        private Call call;

        Given(String name) {
            this.name = name;
        }

        Given key(KeySetup k) {
            keys.add(k);
            return this;
        }

        Given role(String roleName, String... statements) {
            principals.add(new PrincipalSetup(roleName, PrincipalType.IAM_ROLE, List.of(statements)));
            return this;
        }

        Given user(String userName, String... statements) {
            principals.add(new PrincipalSetup(userName, PrincipalType.IAM_USER, List.of(statements)));
            return this;
        }

        Given as(String principal) {
            this.caller = principal;
            return this;
        }

        Given calls(Call c) {
            this.call = c;
            return this;
        }

        Arguments expect(Outcome outcome) {
            return arguments(named(name, new Case(List.copyOf(keys), List.copyOf(principals), caller, call, outcome)));
        }

        Arguments allowed() {
            return expect(Outcome.ALLOWED);
        }
    }

    private static Given given(String name) {
        return new Given(name);
    }

    // ------------------------------------------------------------------------------------------ keys

    private static final String KEY = "key";

    private static KeySetup symmetric(String ref) {
        return new KeySetup(ref, Origin.AWS_KMS, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, false, null,
                List.of(), false);
    }

    private static KeySetup pendingImport(String ref) {
        return new KeySetup(ref, Origin.EXTERNAL, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, false, null,
                List.of(), false);
    }

    private static KeySetup imported(String ref) {
        return new KeySetup(ref, Origin.EXTERNAL, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, true, null,
                List.of(), false);
    }

    private static KeySetup key(String ref, Origin origin, KeySpec spec, KeyUsage usage) {
        return new KeySetup(ref, origin, spec, usage, false, null, List.of(), false);
    }

    // ------------------------------------------------------------------------------------------ calls

    private static Call createKey(CreateKeyRequest.Builder request) {
        return new Call("kms:CreateKey", null, (k, w) -> k.createKey(request.build()));
    }

    private static Call createKey(Origin origin) {
        return createKey(CreateKeyRequest.builder().origin(origin));
    }

    private static Call parameters(String ref, WrappingAlgorithm algorithm, WrappingKeySpec spec) {
        return new Call("kms:GetParametersForImport", ref, (k, w) -> {
            GetParametersForImportResponse r = k.getParametersForImport(
                    new GetParametersForImportRequest(w.id(ref), algorithm, spec));
            w.secret(r.importToken());
            return r;
        });
    }

    private static Call importMaterial(String ref, Instant validTo, ExpirationModel expirationModel) {
        return new Call("kms:ImportKeyMaterial", ref, (k, w) -> {
            ImportKeyMaterialRequest request = AuthorizationFixture.importRequest(w.model, w.id(ref), validTo,
                    expirationModel);
            w.secret(request.importToken());
            w.secret(request.encryptedKeyMaterial());
            return k.importKeyMaterial(request);
        });
    }

    private static Call importWithoutExpiry(String ref) {
        return importMaterial(ref, null, ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE);
    }

    /** ValidTo given, ExpirationModel left out: it defaults to KEY_MATERIAL_EXPIRES, and kms:ExpirationModel is absent. */
    private static Call importExpiring(String ref, Instant validTo) {
        return importMaterial(ref, validTo, null);
    }

    private static Call deleteMaterial(String ref) {
        return new Call("kms:DeleteImportedKeyMaterial", ref,
                (k, w) -> k.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(w.id(ref), null)));
    }

    private static Call encrypt(String ref) {
        return encrypt(ref, Map.of());
    }

    private static Call encrypt(String ref, Map<String, String> context) {
        return encrypt(ref, w -> w.id(ref), context, null);
    }

    /** Encrypt naming the key as {@code identifier} gives it (key ID, alias name or alias ARN). */
    private static Call encrypt(String ref, Function<World, String> identifier, Map<String, String> context,
            EncryptionAlgorithm algorithm) {
        return new Call("kms:Encrypt", ref, (k, w) -> k.encrypt(new EncryptRequest(identifier.apply(w),
                SecretBytes.copyOf(w.secret(ImportFixture.randomBytes(32))), context, null, algorithm)));
    }

    private static Call encryptWith(String ref, EncryptionAlgorithm algorithm) {
        return encrypt(ref, w -> w.id(ref), Map.of(), algorithm);
    }

    private static Call describe(String ref) {
        return new Call("kms:DescribeKey", ref, (k, w) -> k.describeKey(new DescribeKeyRequest(w.id(ref), null)));
    }

    private static Call disable(String ref) {
        return new Call("kms:DisableKey", ref, (k, w) -> {
            k.disableKey(new DisableKeyRequest(w.id(ref)));
            return null;
        });
    }

    private static Call scheduleDeletion(String ref) {
        return new Call("kms:ScheduleKeyDeletion", ref,
                (k, w) -> k.scheduleKeyDeletion(new ScheduleKeyDeletionRequest(w.id(ref), 7)));
    }

    private static Call getKeyPolicy(String ref) {
        return new Call("kms:GetKeyPolicy", ref, (k, w) -> k.getKeyPolicy(new GetKeyPolicyRequest(w.id(ref), null)));
    }

    private static Call putKeyPolicy(String ref, String newPolicy, Boolean bypass) {
        return new Call("kms:PutKeyPolicy", ref, (k, w) -> {
            k.putKeyPolicy(new PutKeyPolicyRequest(w.id(ref), null, w.resolve(newPolicy), bypass));
            return null;
        });
    }

    /**
     * ReEncrypt of a ciphertext made under {@code from} (through the model) onto {@code to}; {@code sourceKeyId}
     * null leaves SourceKeyId out. It needs kms:ReEncryptFrom on the source key first, so a refusal names that.
     */
    private static Call reEncrypt(String from, Function<World, String> sourceKeyId, String to) {
        return new Call("kms:ReEncryptFrom", from, (k, w) -> {
            byte[] ciphertext = w.model.encrypt(new EncryptRequest(w.id(from),
                    SecretBytes.copyOf(w.secret(ImportFixture.randomBytes(32))), Map.of(), null, null)).ciphertextBlob();
            return k.reEncrypt(new ReEncryptRequest(ciphertext, Map.of(), sourceKeyId == null ? null
                    : sourceKeyId.apply(w), w.id(to), Map.of(), null, null, null));
        }, "ReEncrypt");
    }

    private static Call sign(String ref, SigningAlgorithm algorithm) {
        return new Call("kms:Sign", ref, (k, w) -> k.sign(new SignRequest(w.id(ref),
                SecretBytes.copyOf(w.secret(ImportFixture.randomBytes(48))), MessageType.RAW, null, algorithm)));
    }

    private static Call generateMac(String ref, MacAlgorithm algorithm) {
        return new Call("kms:GenerateMac", ref, (k, w) -> k.generateMac(new GenerateMacRequest(
                SecretBytes.copyOf(w.secret(ImportFixture.randomBytes(48))), w.id(ref), algorithm, null)));
    }

    private static Call generateRandom() {
        return new Call("kms:GenerateRandom", null, (k, w) -> k.generateRandom(new GenerateRandomRequest(32, null)));
    }

    private static Call listKeys() {
        return new Call("kms:ListKeys", null, (k, w) -> k.listKeys(new ListKeysRequest(null, null)));
    }

    private static Call listAliases(String ref) {
        return new Call("kms:ListAliases", null,
                (k, w) -> k.listAliases(new ListAliasesRequest(ref == null ? null : w.id(ref), null, null)));
    }

    // ------------------------------------------------------------------------------------------ policy pieces

    /** An identity-policy statement allowing {@code action} on every resource. */
    private static String allow(String action) {
        return json("{'Effect':'Allow','Action':'" + action + "','Resource':'*'}");
    }

    /** An identity-policy statement allowing {@code action} when {@code condition} (single-quoted JSON) holds. */
    private static String allowIf(String action, String condition) {
        return json("{'Effect':'Allow','Action':'" + action + "','Resource':'*','Condition':" + condition + "}");
    }

    private static String denyIf(String action, String condition) {
        return json("{'Effect':'Deny','Action':'" + action + "','Resource':'*','Condition':" + condition + "}");
    }

    private static String deny(String action) {
        return json("{'Effect':'Deny','Action':'" + action + "','Resource':'*'}");
    }

    /** A key-policy statement: {@code effect} of {@code action} for the principal {@code arn} ("*" for anyone). */
    private static String keyStatement(String effect, String arn, String action) {
        String principal = arn.equals("*") ? "'*'" : "{'AWS':'" + arn + "'}";
        return json("{'Effect':'" + effect + "','Principal':" + principal + ",'Action':'" + action
                + "','Resource':'*'}");
    }

    private static String keyStatementIf(String effect, String arn, String action, String condition) {
        String principal = arn.equals("*") ? "'*'" : "{'AWS':'" + arn + "'}";
        return json("{'Effect':'" + effect + "','Principal':" + principal + ",'Action':'" + action
                + "','Resource':'*','Condition':" + condition + "}");
    }

    /** The key policy of {@code statements} plus the root statement that delegates to IAM. */
    private static String delegating(String... statements) {
        List<String> all = new ArrayList<>();
        all.add(ROOT_STATEMENT);
        all.addAll(List.of(statements));
        return policy(all.toArray(String[]::new));
    }

    private static String epoch(Instant t) {
        return Long.toString(t.getEpochSecond());
    }

    // ------------------------------------------------------------------------------------------ the table

    static Stream<Arguments> cases() {
        return Stream.of(defaultPrincipalsAgainstEveryImportStep(), importConditions(), keyPoliciesWithoutDelegation(),
                explicitDenies(), notActionAndWildcards(), resourceScoping(), keyAndRequestConditions(),
                principalConditions(), iamOnlyActions(), consoleAndImportAdministrationPolicies(), lockoutSafetyCheck())
                .flatMap(s -> s);
    }

    /** The three default principals against each step of an import, under the API's default key policy. */
    private static Stream<Arguments> defaultPrincipalsAgainstEveryImportStep() {
        return Stream.of(
                given("Administrator may CreateKey with Origin EXTERNAL")
                        .as(ADMINISTRATOR).calls(createKey(Origin.EXTERNAL)).allowed(),
                given("Administrator may CreateKey without Origin (AWS_KMS)")
                        .as(ADMINISTRATOR).calls(createKey(CreateKeyRequest.builder())).allowed(),
                given("KMSAdminRole may CreateKey with Origin EXTERNAL: kms:KeyOrigin is the request's Origin")
                        .as(KMS_ADMIN_ROLE).calls(createKey(Origin.EXTERNAL)).allowed(),
                given("KMSAdminRole is refused CreateKey without Origin: kms:KeyOrigin defaults to AWS_KMS")
                        .as(KMS_ADMIN_ROLE).calls(createKey(CreateKeyRequest.builder()))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("KMSAdminRole is refused CreateKey with Origin AWS_CLOUDHSM")
                        .as(KMS_ADMIN_ROLE).calls(createKey(Origin.AWS_CLOUDHSM))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("KeyUserRole is refused CreateKey even with Origin EXTERNAL")
                        .as(KEY_USER_ROLE).calls(createKey(Origin.EXTERNAL)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("Administrator may GetParametersForImport with RSAES_OAEP_SHA_256 and RSA_2048")
                        .key(pendingImport(KEY)).as(ADMINISTRATOR)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048))
                        .allowed(),
                given("KMSAdminRole may GetParametersForImport with RSAES_OAEP_SHA_256 and RSA_3072")
                        .key(pendingImport(KEY)).as(KMS_ADMIN_ROLE)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_3072))
                        .allowed(),
                given("KMSAdminRole may GetParametersForImport with RSA_AES_KEY_WRAP_SHA_256 for an ECC key")
                        .key(key(KEY, Origin.EXTERNAL, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY)).as(KMS_ADMIN_ROLE)
                        .calls(parameters(KEY, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_2048))
                        .allowed(),
                given("KMSAdminRole is refused GetParametersForImport with RSAES_OAEP_SHA_1 (kms:WrappingAlgorithm)")
                        .key(pendingImport(KEY)).as(KMS_ADMIN_ROLE)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_1, WrappingKeySpec.RSA_2048))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("KMSAdminRole is refused GetParametersForImport with RSA_AES_KEY_WRAP_SHA_1, whatever the key spec")
                        .key(key(KEY, Origin.EXTERNAL, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY)).as(KMS_ADMIN_ROLE)
                        .calls(parameters(KEY, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1, WrappingKeySpec.RSA_4096))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("KeyUserRole is refused GetParametersForImport")
                        .key(pendingImport(KEY)).as(KEY_USER_ROLE)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("Administrator may ImportKeyMaterial that does not expire")
                        .key(pendingImport(KEY)).as(ADMINISTRATOR).calls(importWithoutExpiry(KEY)).allowed(),
                given("KMSAdminRole may ImportKeyMaterial that does not expire")
                        .key(pendingImport(KEY)).as(KMS_ADMIN_ROLE).calls(importWithoutExpiry(KEY)).allowed(),
                given("KMSAdminRole may ImportKeyMaterial with ValidTo and no ExpirationModel")
                        .key(pendingImport(KEY)).as(KMS_ADMIN_ROLE).calls(importExpiring(KEY, EARLY)).allowed(),
                given("KeyUserRole is refused ImportKeyMaterial")
                        .key(pendingImport(KEY)).as(KEY_USER_ROLE).calls(importWithoutExpiry(KEY))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("Administrator may DeleteImportedKeyMaterial")
                        .key(imported(KEY)).as(ADMINISTRATOR).calls(deleteMaterial(KEY)).allowed(),
                given("KMSAdminRole may DeleteImportedKeyMaterial")
                        .key(imported(KEY)).as(KMS_ADMIN_ROLE).calls(deleteMaterial(KEY)).allowed(),
                given("KeyUserRole is refused DeleteImportedKeyMaterial")
                        .key(imported(KEY)).as(KEY_USER_ROLE).calls(deleteMaterial(KEY))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("KMSAdminRole administers the imported key but is refused Encrypt with it")
                        .key(imported(KEY)).as(KMS_ADMIN_ROLE).calls(encrypt(KEY))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("KeyUserRole may Encrypt with the imported key")
                        .key(imported(KEY)).as(KEY_USER_ROLE).calls(encrypt(KEY)).allowed());
    }

    /** kms:WrappingKeySpec, kms:WrappingAlgorithm, kms:ExpirationModel and kms:ValidTo in identity policies. */
    private static Stream<Arguments> importConditions() {
        String wrappingKeySpec3072 = "{'StringEquals':{'kms:WrappingKeySpec':'RSA_3072'}}";
        String denySha1 = denyIf("kms:GetParametersForImport", "{'StringLike':{'kms:WrappingAlgorithm':'*SHA_1'}}");
        String expirationModelNull = "{'Null':{'kms:ExpirationModel':true}}";
        String expiresOnly = "{'StringEquals':{'kms:ExpirationModel':'KEY_MATERIAL_EXPIRES'}}";
        String expiresIfGiven = "{'StringEqualsIfExists':{'kms:ExpirationModel':'KEY_MATERIAL_EXPIRES'}}";
        String validToNumeric = "{'NumericLessThanEquals':{'kms:ValidTo':'" + epoch(VALID_TO_LIMIT) + "'}}";
        String validToNumericIfGiven = "{'NumericLessThanEqualsIfExists':{'kms:ValidTo':'" + epoch(VALID_TO_LIMIT) + "'}}";
        String validToDate = "{'DateLessThanEquals':{'kms:ValidTo':'" + VALID_TO_LIMIT + "'}}";
        String importer = "Importer";
        return Stream.of(
                given("StringEquals kms:WrappingKeySpec RSA_3072 allows an RSA_3072 wrapping key")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:GetParametersForImport", wrappingKeySpec3072))
                        .as(importer)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_3072))
                        .allowed(),
                given("StringEquals kms:WrappingKeySpec RSA_3072 refuses an RSA_2048 wrapping key")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:GetParametersForImport", wrappingKeySpec3072))
                        .as(importer)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("an identity Deny on kms:WrappingAlgorithm *SHA_1 beats Allow * for RSAES_OAEP_SHA_1")
                        .key(pendingImport(KEY)).role(importer, allow("*"), denySha1).as(importer)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_1, WrappingKeySpec.RSA_2048))
                        .expect(Outcome.DENIED_IN_IDENTITY_POLICY),
                given("an identity Deny on kms:WrappingAlgorithm *SHA_1 lets RSAES_OAEP_SHA_256 through")
                        .key(pendingImport(KEY)).role(importer, allow("*"), denySha1).as(importer)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048))
                        .allowed(),

                given("Null kms:ExpirationModel true allows an import that leaves ExpirationModel out")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", expirationModelNull))
                        .as(importer).calls(importExpiring(KEY, EARLY)).allowed(),
                given("Null kms:ExpirationModel true refuses an import with KEY_MATERIAL_DOES_NOT_EXPIRE")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", expirationModelNull))
                        .as(importer).calls(importWithoutExpiry(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("StringEquals kms:ExpirationModel KEY_MATERIAL_EXPIRES refuses an import that leaves it out")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", expiresOnly))
                        .as(importer).calls(importExpiring(KEY, EARLY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("StringEquals kms:ExpirationModel KEY_MATERIAL_EXPIRES allows an import that says so")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", expiresOnly))
                        .as(importer).calls(importMaterial(KEY, EARLY, ExpirationModel.KEY_MATERIAL_EXPIRES))
                        .allowed(),
                given("StringEqualsIfExists kms:ExpirationModel KEY_MATERIAL_EXPIRES allows an import that leaves it out")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", expiresIfGiven))
                        .as(importer).calls(importExpiring(KEY, EARLY)).allowed(),
                given("StringEqualsIfExists kms:ExpirationModel KEY_MATERIAL_EXPIRES refuses KEY_MATERIAL_DOES_NOT_EXPIRE")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", expiresIfGiven))
                        .as(importer).calls(importWithoutExpiry(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("NumericLessThanEquals kms:ValidTo allows material that expires before the limit")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", validToNumeric))
                        .as(importer).calls(importExpiring(KEY, EARLY)).allowed(),
                given("NumericLessThanEquals kms:ValidTo refuses material that expires after the limit")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", validToNumeric))
                        .as(importer).calls(importExpiring(KEY, LATE)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("NumericLessThanEquals kms:ValidTo refuses material that never expires (no ValidTo)")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", validToNumeric))
                        .as(importer).calls(importWithoutExpiry(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("NumericLessThanEqualsIfExists kms:ValidTo allows material that never expires")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", validToNumericIfGiven))
                        .as(importer).calls(importWithoutExpiry(KEY)).allowed(),
                given("DateLessThanEquals kms:ValidTo (an ISO 8601 date) allows material that expires before it")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", validToDate))
                        .as(importer).calls(importExpiring(KEY, EARLY)).allowed(),
                given("DateLessThanEquals kms:ValidTo (an ISO 8601 date) refuses material that expires after it")
                        .key(pendingImport(KEY)).role(importer, allowIf("kms:ImportKeyMaterial", validToDate))
                        .as(importer).calls(importExpiring(KEY, LATE)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS));
    }

    /** Without the root statement IAM allows are ineffective; a key policy can name the role itself; IAM denies apply. */
    private static Stream<Arguments> keyPoliciesWithoutDelegation() {
        String adminOnly = policy(keyStatement("Allow", roleArn(KMS_ADMIN_ROLE), "kms:*"));
        String namesTester = policy(keyStatement("Allow", roleArn(KMS_ADMIN_ROLE), "kms:*"),
                keyStatement("Allow", roleArn(TESTER), "kms:Encrypt"));
        return Stream.of(
                given("without root delegation, KeyUserRole's IAM allow of kms:Encrypt is ineffective")
                        .key(symmetric(KEY).policy(adminOnly)).as(KEY_USER_ROLE).calls(encrypt(KEY))
                        .expect(Outcome.NO_RESOURCE_POLICY_ALLOWS),
                given("without root delegation, AdministratorAccess cannot even DescribeKey")
                        .key(symmetric(KEY).policy(adminOnly)).as(ADMINISTRATOR).calls(describe(KEY))
                        .expect(Outcome.NO_RESOURCE_POLICY_ALLOWS),
                given("without root delegation, the role the key policy names may administer the key")
                        .key(symmetric(KEY).policy(adminOnly)).as(KMS_ADMIN_ROLE).calls(disable(KEY)).allowed(),
                given("a key policy naming the role lets it Encrypt with no identity policy at all")
                        .key(symmetric(KEY).policy(namesTester)).role(TESTER).as(TESTER).calls(encrypt(KEY))
                        .allowed(),
                given("a key policy naming the role for Encrypt only refuses its DescribeKey")
                        .key(symmetric(KEY).policy(namesTester)).role(TESTER).as(TESTER).calls(describe(KEY))
                        .expect(Outcome.NO_RESOURCE_POLICY_ALLOWS),
                given("a key policy naming the role: an IAM Deny of kms:Encrypt still applies")
                        .key(symmetric(KEY).policy(namesTester)).role(TESTER, deny("kms:Encrypt")).as(TESTER)
                        .calls(encrypt(KEY)).expect(Outcome.DENIED_IN_IDENTITY_POLICY));
    }

    /** An explicit Deny, in the key policy or in an identity policy, wins over every Allow. */
    private static Stream<Arguments> explicitDenies() {
        String denyKeyUser = delegating(keyStatement("Deny", roleArn(KEY_USER_ROLE), "kms:Encrypt"));
        String namesTester = delegating(keyStatement("Allow", roleArn(TESTER), "kms:*"));
        return Stream.of(
                given("a key-policy Deny of kms:Encrypt to KeyUserRole beats the root delegation and its IAM allow")
                        .key(symmetric(KEY).policy(denyKeyUser)).as(KEY_USER_ROLE).calls(encrypt(KEY))
                        .expect(Outcome.DENIED_IN_KEY_POLICY),
                given("a key-policy Deny naming KeyUserRole does not touch the Administrator")
                        .key(symmetric(KEY).policy(denyKeyUser)).as(ADMINISTRATOR).calls(encrypt(KEY)).allowed(),
                given("an identity Deny of kms:ScheduleKeyDeletion beats the same policy's Allow kms:*")
                        .key(symmetric(KEY)).role(TESTER, allow("kms:*"), deny("kms:ScheduleKeyDeletion")).as(TESTER)
                        .calls(scheduleDeletion(KEY)).expect(Outcome.DENIED_IN_IDENTITY_POLICY),
                given("an identity Deny of kms:ImportKeyMaterial beats a key policy that names the role for kms:*")
                        .key(pendingImport(KEY).policy(namesTester)).role(TESTER, deny("kms:ImportKeyMaterial"))
                        .as(TESTER).calls(importWithoutExpiry(KEY)).expect(Outcome.DENIED_IN_IDENTITY_POLICY),
                given("a key policy that names the role for kms:* lets it ImportKeyMaterial without identity policy")
                        .key(pendingImport(KEY).policy(namesTester)).role(TESTER).as(TESTER)
                        .calls(importWithoutExpiry(KEY)).allowed());
    }

    /** NotAction, and wildcards in actions: kms:Get*, kms:*, *, and action names in any case. */
    private static Stream<Arguments> notActionAndWildcards() {
        String allowAllButDeletion = json("{'Effect':'Allow','NotAction':'kms:ScheduleKeyDeletion','Resource':'*'}");
        String denyAllButEncrypt = json("{'Effect':'Deny','NotAction':['kms:Encrypt','kms:DescribeKey'],'Resource':'*'}");
        return Stream.of(
                given("Allow NotAction kms:ScheduleKeyDeletion allows Encrypt")
                        .key(symmetric(KEY)).role(TESTER, allowAllButDeletion).as(TESTER).calls(encrypt(KEY))
                        .allowed(),
                given("Allow NotAction kms:ScheduleKeyDeletion does not allow ScheduleKeyDeletion")
                        .key(symmetric(KEY)).role(TESTER, allowAllButDeletion).as(TESTER)
                        .calls(scheduleDeletion(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("Deny NotAction [kms:Encrypt, kms:DescribeKey] refuses DisableKey despite Allow kms:*")
                        .key(symmetric(KEY)).role(TESTER, allow("kms:*"), denyAllButEncrypt).as(TESTER)
                        .calls(disable(KEY)).expect(Outcome.DENIED_IN_IDENTITY_POLICY),
                given("Deny NotAction [kms:Encrypt, kms:DescribeKey] leaves Encrypt allowed")
                        .key(symmetric(KEY)).role(TESTER, allow("kms:*"), denyAllButEncrypt).as(TESTER)
                        .calls(encrypt(KEY)).allowed(),
                given("kms:Get* covers GetParametersForImport")
                        .key(pendingImport(KEY)).role(TESTER, allow("kms:Get*")).as(TESTER)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048))
                        .allowed(),
                given("kms:Get* covers GetKeyPolicy")
                        .key(pendingImport(KEY)).role(TESTER, allow("kms:Get*")).as(TESTER).calls(getKeyPolicy(KEY))
                        .allowed(),
                given("kms:Get* does not cover ImportKeyMaterial")
                        .key(pendingImport(KEY)).role(TESTER, allow("kms:Get*")).as(TESTER)
                        .calls(importWithoutExpiry(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("kms:* covers DeleteImportedKeyMaterial")
                        .key(imported(KEY)).role(TESTER, allow("kms:*")).as(TESTER).calls(deleteMaterial(KEY))
                        .allowed(),
                given("Action * covers GenerateRandom")
                        .role(TESTER, allow("*")).as(TESTER).calls(generateRandom()).allowed(),
                given("action names match whatever their case: KMS:encrypt allows Encrypt")
                        .key(symmetric(KEY)).role(TESTER, allow("KMS:encrypt")).as(TESTER).calls(encrypt(KEY))
                        .allowed());
    }

    /** Resource: one key's ARN, a pattern, another account; an alias names the key, not a resource of its own. */
    private static Stream<Arguments> resourceScoping() {
        String onlyKeyA = json("{'Effect':'Allow','Action':'kms:Encrypt','Resource':'{key:a}'}");
        String allButKeyA = json("{'Effect':'Deny','Action':'kms:*','NotResource':'{key:a}'}");
        return Stream.of(
                given("Resource naming key A's ARN allows Encrypt with key A")
                        .key(symmetric("a")).key(symmetric("b")).role(TESTER, onlyKeyA).as(TESTER).calls(encrypt("a"))
                        .allowed(),
                given("Resource naming key A's ARN refuses Encrypt with key B, naming key B")
                        .key(symmetric("a")).key(symmetric("b")).role(TESTER, onlyKeyA).as(TESTER).calls(encrypt("b"))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("Resource naming key A's ARN allows Encrypt through key A's alias: the resource is the key")
                        .key(symmetric("a").alias("alias/key-a")).role(TESTER, onlyKeyA).as(TESTER)
                        .calls(encrypt("a", w -> "alias/key-a", Map.of(), null)).allowed(),
                given("Encrypt through key B's alias is refused naming key B's ARN, not the alias")
                        .key(symmetric("a")).key(symmetric("b").alias("alias/key-b")).role(TESTER, onlyKeyA).as(TESTER)
                        .calls(encrypt("b", w -> "alias/key-b", Map.of(), null))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("Resource naming an alias ARN does not cover Encrypt through that alias")
                        .key(symmetric(KEY).alias("alias/key-a"))
                        .role(TESTER, json("{'Effect':'Allow','Action':'kms:Encrypt',"
                                + "'Resource':'arn:aws:kms:us-east-1:111122223333:alias/key-a'}"))
                        .as(TESTER).calls(encrypt(KEY, w -> "alias/key-a", Map.of(), null))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("Resource arn:aws:kms:*:111122223333:key/* allows DescribeKey")
                        .key(symmetric(KEY))
                        .role(TESTER, json("{'Effect':'Allow','Action':'kms:DescribeKey',"
                                + "'Resource':'arn:aws:kms:*:111122223333:key/*'}"))
                        .as(TESTER).calls(describe(KEY)).allowed(),
                given("Resource of another account's keys refuses DescribeKey")
                        .key(symmetric(KEY))
                        .role(TESTER, json("{'Effect':'Allow','Action':'kms:DescribeKey',"
                                + "'Resource':'arn:aws:kms:*:444455556666:key/*'}"))
                        .as(TESTER).calls(describe(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("Deny with NotResource key A refuses DisableKey on key B")
                        .key(symmetric("a")).key(symmetric("b")).role(TESTER, allow("kms:*"), allButKeyA).as(TESTER)
                        .calls(disable("b")).expect(Outcome.DENIED_IN_IDENTITY_POLICY),
                given("Deny with NotResource key A leaves DisableKey on key A allowed")
                        .key(symmetric("a")).key(symmetric("b")).role(TESTER, allow("kms:*"), allButKeyA).as(TESTER)
                        .calls(disable("a")).allowed());
    }

    /** Conditions on the key (origin, spec, usage, aliases) and on the request (context, algorithms, alias). */
    private static Stream<Arguments> keyAndRequestConditions() {
        String externalOnly = "{'StringEquals':{'kms:KeyOrigin':'EXTERNAL'}}";
        String departmentFinance = "{'StringEquals':{'kms:EncryptionContext:Department':'Finance'}}";
        String lowerCaseKey = "{'StringEquals':{'kms:EncryptionContext:department':'Finance'}}";
        String onlyTheseKeys = "{'ForAllValues:StringEquals':{'kms:EncryptionContextKeys':['Department','Project']}}";
        String someAppName = "{'ForAnyValue:StringEquals':{'kms:EncryptionContextKeys':'AppName'}}";
        String financeIfGiven = "{'StringEqualsIfExists':{'kms:EncryptionContext:Department':'Finance'}}";
        String requestAlias = "{'StringEquals':{'kms:RequestAlias':'alias/finance'}}";
        String sameKey = "{'Bool':{'kms:ReEncryptOnSameKey':true}}";
        String resourceAliases = "{'ForAnyValue:StringLike':{'kms:ResourceAliases':'alias/finance-*'}}";
        // AWS's example key-policy statement for kms:EncryptionAlgorithm (conditions-kms.html), naming ExampleRole.
        String onlyOaepSha256 = json("{'Sid':'Allow only one encryption algorithm with this asymmetric KMS key',"
                + "'Effect':'Deny','Principal':{'AWS':'arn:aws:iam::111122223333:role/ExampleRole'},"
                + "'Action':['kms:Encrypt','kms:Decrypt','kms:ReEncrypt*'],'Resource':'*',"
                + "'Condition':{'StringNotEquals':{'kms:EncryptionAlgorithm':'RSAES_OAEP_SHA_256'}}}");
        KeySetup rsa = key(KEY, Origin.AWS_KMS, KeySpec.RSA_2048, KeyUsage.ENCRYPT_DECRYPT)
                .policy(delegating(onlyOaepSha256));
        KeySetup p256 = key(KEY, Origin.AWS_KMS, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);
        KeySetup p384 = key(KEY, Origin.AWS_KMS, KeySpec.ECC_NIST_P384, KeyUsage.SIGN_VERIFY);
        KeySetup hmac = key(KEY, Origin.AWS_KMS, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC);
        return Stream.of(
                given("kms:KeyOrigin EXTERNAL (the key's origin) allows Encrypt with an imported key")
                        .key(imported(KEY)).role(TESTER, allowIf("kms:Encrypt", externalOnly)).as(TESTER)
                        .calls(encrypt(KEY)).allowed(),
                given("kms:KeyOrigin EXTERNAL refuses Encrypt with an AWS_KMS key")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", externalOnly)).as(TESTER)
                        .calls(encrypt(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("a Deny on kms:KeyOrigin other than EXTERNAL refuses GetParametersForImport before the origin check")
                        .key(symmetric(KEY))
                        .role(TESTER, allow("kms:*"),
                                denyIf("kms:GetParametersForImport", "{'StringNotEquals':{'kms:KeyOrigin':'EXTERNAL'}}"))
                        .as(TESTER)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048))
                        .expect(Outcome.DENIED_IN_IDENTITY_POLICY),

                given("kms:KeySpec RSA_* on CreateKey (AWS's example) refuses a SYMMETRIC_DEFAULT key")
                        .role(TESTER, allowIf("kms:CreateKey", "{'StringLike':{'kms:KeySpec':'RSA_*'}}")).as(TESTER)
                        .calls(createKey(CreateKeyRequest.builder())).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("kms:KeySpec SYMMETRIC_DEFAULT on CreateKey allows a request that leaves KeySpec out")
                        .role(TESTER, allowIf("kms:CreateKey", "{'StringEquals':{'kms:KeySpec':'SYMMETRIC_DEFAULT'}}"))
                        .as(TESTER).calls(createKey(CreateKeyRequest.builder())).allowed(),
                given("kms:KeySpec SYMMETRIC_DEFAULT (the key's spec) refuses DescribeKey of an ECC key")
                        .key(p256).role(TESTER, allowIf("kms:DescribeKey",
                                "{'StringEquals':{'kms:KeySpec':'SYMMETRIC_DEFAULT'}}")).as(TESTER).calls(describe(KEY))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("kms:KeyUsage SIGN_VERIFY on CreateKey refuses a key of the default usage")
                        .role(TESTER, allowIf("kms:CreateKey", "{'StringEquals':{'kms:KeyUsage':'SIGN_VERIFY'}}"))
                        .as(TESTER).calls(createKey(CreateKeyRequest.builder()))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("kms:KeyUsage ENCRYPT_DECRYPT (the key's usage) refuses GenerateMac with an HMAC key")
                        .key(hmac).role(TESTER, allowIf("kms:*", "{'StringEquals':{'kms:KeyUsage':'ENCRYPT_DECRYPT'}}"))
                        .as(TESTER).calls(generateMac(KEY, MacAlgorithm.HMAC_SHA_256))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("deprecated kms:CustomerMasterKeySpec still works: SYMMETRIC_DEFAULT allows a default CreateKey")
                        .role(TESTER, allowIf("kms:CreateKey",
                                "{'StringEquals':{'kms:CustomerMasterKeySpec':'SYMMETRIC_DEFAULT'}}"))
                        .as(TESTER).calls(createKey(CreateKeyRequest.builder())).allowed(),
                given("deprecated kms:CustomerMasterKeyUsage still works: SIGN_VERIFY (the key's usage) allows Sign")
                        .key(p256).role(TESTER, allowIf("kms:Sign",
                                "{'StringEquals':{'kms:CustomerMasterKeyUsage':'SIGN_VERIFY'}}")).as(TESTER)
                        .calls(sign(KEY, SigningAlgorithm.ECDSA_SHA_256)).allowed(),
                given("Bool kms:MultiRegion true (the key's) refuses DescribeKey of a single-Region key")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:DescribeKey",
                                "{'Bool':{'kms:MultiRegion':true}}")).as(TESTER).calls(describe(KEY))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("kms:MultiRegionKeyType PRIMARY (the key's) allows ScheduleKeyDeletion of a multi-Region primary")
                        .key(symmetric(KEY).asMultiRegionPrimary()).role(TESTER, allowIf("kms:ScheduleKeyDeletion",
                                "{'StringEquals':{'kms:MultiRegionKeyType':'PRIMARY'}}")).as(TESTER)
                        .calls(scheduleDeletion(KEY)).allowed(),
                given("kms:MultiRegionKeyType REPLICA (AWS's example) refuses ScheduleKeyDeletion of a primary key")
                        .key(symmetric(KEY).asMultiRegionPrimary()).role(TESTER, allowIf("kms:ScheduleKeyDeletion",
                                "{'StringEquals':{'kms:MultiRegionKeyType':'REPLICA'}}")).as(TESTER)
                        .calls(scheduleDeletion(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("kms:MultiRegionKeyType REPLICA refuses ScheduleKeyDeletion of a single-Region key")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:ScheduleKeyDeletion",
                                "{'StringEquals':{'kms:MultiRegionKeyType':'REPLICA'}}")).as(TESTER)
                        .calls(scheduleDeletion(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("kms:EncryptionContext:Department StringEquals Finance allows that context")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", departmentFinance)).as(TESTER)
                        .calls(encrypt(KEY, Map.of("Department", "Finance", "Project", "Alpha"))).allowed(),
                given("kms:EncryptionContext:Department StringEquals Finance refuses Department=Sales")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", departmentFinance)).as(TESTER)
                        .calls(encrypt(KEY, Map.of("Department", "Sales"))).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("kms:EncryptionContext:Department StringEquals Finance refuses a request without context")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", departmentFinance)).as(TESTER)
                        .calls(encrypt(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("the context key in kms:EncryptionContext:department is not case-sensitive")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", lowerCaseKey)).as(TESTER)
                        .calls(encrypt(KEY, Map.of("Department", "Finance"))).allowed(),
                given("ForAllValues kms:EncryptionContextKeys [Department, Project] allows {Department}")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", onlyTheseKeys)).as(TESTER)
                        .calls(encrypt(KEY, Map.of("Department", "IT"))).allowed(),
                given("ForAllValues kms:EncryptionContextKeys [Department, Project] refuses {Department, Owner}")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", onlyTheseKeys)).as(TESTER)
                        .calls(encrypt(KEY, Map.of("Department", "IT", "Owner", "alice")))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("ForAllValues kms:EncryptionContextKeys allows a request without any context")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", onlyTheseKeys)).as(TESTER)
                        .calls(encrypt(KEY)).allowed(),
                given("ForAnyValue kms:EncryptionContextKeys AppName allows {AppName, Project}")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", someAppName)).as(TESTER)
                        .calls(encrypt(KEY, Map.of("AppName", "Helper", "Project", "Alpha"))).allowed(),
                given("ForAnyValue kms:EncryptionContextKeys AppName refuses {Project}")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", someAppName)).as(TESTER)
                        .calls(encrypt(KEY, Map.of("Project", "Alpha"))).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("ForAnyValue kms:EncryptionContextKeys AppName refuses a request without context")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", someAppName)).as(TESTER)
                        .calls(encrypt(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("StringEqualsIfExists kms:EncryptionContext:Department allows a request without context")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", financeIfGiven)).as(TESTER)
                        .calls(encrypt(KEY)).allowed(),
                given("StringEqualsIfExists kms:EncryptionContext:Department refuses Department=Sales")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:Encrypt", financeIfGiven)).as(TESTER)
                        .calls(encrypt(KEY, Map.of("Department", "Sales"))).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("AWS's key-policy Deny on kms:EncryptionAlgorithm refuses ExampleRole RSAES_OAEP_SHA_1")
                        .key(rsa).role("ExampleRole", allow("kms:Encrypt")).as("ExampleRole")
                        .calls(encryptWith(KEY, EncryptionAlgorithm.RSAES_OAEP_SHA_1))
                        .expect(Outcome.DENIED_IN_KEY_POLICY),
                given("AWS's key-policy Deny on kms:EncryptionAlgorithm lets ExampleRole use RSAES_OAEP_SHA_256")
                        .key(rsa).role("ExampleRole", allow("kms:Encrypt")).as("ExampleRole")
                        .calls(encryptWith(KEY, EncryptionAlgorithm.RSAES_OAEP_SHA_256)).allowed(),
                given("kms:SigningAlgorithm ECDSA_SHA_256 allows Sign with a P-256 key")
                        .key(p256).role(TESTER, allowIf("kms:Sign",
                                "{'StringEquals':{'kms:SigningAlgorithm':'ECDSA_SHA_256'}}")).as(TESTER)
                        .calls(sign(KEY, SigningAlgorithm.ECDSA_SHA_256)).allowed(),
                given("kms:SigningAlgorithm ECDSA_SHA_256 refuses Sign with ECDSA_SHA_384")
                        .key(p384).role(TESTER, allowIf("kms:Sign",
                                "{'StringEquals':{'kms:SigningAlgorithm':'ECDSA_SHA_256'}}")).as(TESTER)
                        .calls(sign(KEY, SigningAlgorithm.ECDSA_SHA_384)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("kms:MacAlgorithm HMAC_SHA_256 allows GenerateMac with HMAC_SHA_256")
                        .key(hmac).role(TESTER, allowIf("kms:GenerateMac",
                                "{'StringEquals':{'kms:MacAlgorithm':'HMAC_SHA_256'}}")).as(TESTER)
                        .calls(generateMac(KEY, MacAlgorithm.HMAC_SHA_256)).allowed(),
                given("kms:MacAlgorithm HMAC_SHA_512 refuses GenerateMac with HMAC_SHA_256")
                        .key(hmac).role(TESTER, allowIf("kms:GenerateMac",
                                "{'StringEquals':{'kms:MacAlgorithm':'HMAC_SHA_512'}}")).as(TESTER)
                        .calls(generateMac(KEY, MacAlgorithm.HMAC_SHA_256)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("Bool kms:ReEncryptOnSameKey true (AWS's example) allows ReEncrypt onto the key the ciphertext names")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:ReEncrypt*", sameKey)).as(TESTER)
                        .calls(reEncrypt(KEY, null, KEY)).allowed(),
                given("Bool kms:ReEncryptOnSameKey true allows SourceKeyId as the key's ARN, DestinationKeyId as its ID")
                        .key(symmetric(KEY)).role(TESTER, allowIf("kms:ReEncrypt*", sameKey)).as(TESTER)
                        .calls(reEncrypt(KEY, w -> w.arn(KEY), KEY)).allowed(),
                given("Bool kms:ReEncryptOnSameKey true refuses ReEncrypt onto another key, at kms:ReEncryptFrom")
                        .key(symmetric("a")).key(symmetric("b")).role(TESTER, allowIf("kms:ReEncrypt*", sameKey))
                        .as(TESTER).calls(reEncrypt("a", w -> w.id("a"), "b"))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("kms:RequestAlias alias/finance allows Encrypt by that alias name")
                        .key(symmetric(KEY).alias("alias/finance")).role(TESTER, allowIf("kms:Encrypt", requestAlias))
                        .as(TESTER).calls(encrypt(KEY, w -> "alias/finance", Map.of(), null)).allowed(),
                given("kms:RequestAlias alias/finance allows Encrypt by that alias's ARN")
                        .key(symmetric(KEY).alias("alias/finance")).role(TESTER, allowIf("kms:Encrypt", requestAlias))
                        .as(TESTER)
                        .calls(encrypt(KEY, w -> EmbeddedKmsFixture.aliasArn("alias/finance"), Map.of(), null))
                        .allowed(),
                given("kms:RequestAlias alias/finance refuses Encrypt by key ID")
                        .key(symmetric(KEY).alias("alias/finance")).role(TESTER, allowIf("kms:Encrypt", requestAlias))
                        .as(TESTER).calls(encrypt(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("ForAnyValue:StringLike kms:ResourceAliases alias/finance-* allows Encrypt by key ID")
                        .key(symmetric(KEY).alias("alias/hr").alias("alias/finance-key"))
                        .role(TESTER, allowIf("kms:Encrypt", resourceAliases)).as(TESTER).calls(encrypt(KEY))
                        .allowed(),
                given("ForAnyValue:StringLike kms:ResourceAliases alias/finance-* refuses a key without such an alias")
                        .key(symmetric(KEY).alias("alias/hr")).role(TESTER, allowIf("kms:Encrypt", resourceAliases))
                        .as(TESTER).calls(encrypt(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("Bool kms:MultiRegion false allows a single-Region CreateKey")
                        .role(TESTER, allowIf("kms:CreateKey", "{'Bool':{'kms:MultiRegion':'false'}}")).as(TESTER)
                        .calls(createKey(CreateKeyRequest.builder())).allowed(),
                given("Bool kms:MultiRegion false refuses a multi-Region CreateKey")
                        .role(TESTER, allowIf("kms:CreateKey", "{'Bool':{'kms:MultiRegion':'false'}}")).as(TESTER)
                        .calls(createKey(CreateKeyRequest.builder().multiRegion(true)))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("AWS's Deny on Bool kms:BypassPolicyLockoutSafetyCheck refuses a CreateKey that bypasses it")
                        .role(TESTER, allow("kms:*"), denyIf("kms:CreateKey",
                                "{'Bool':{'kms:BypassPolicyLockoutSafetyCheck':true}}")).as(TESTER)
                        .calls(createKey(CreateKeyRequest.builder().bypassPolicyLockoutSafetyCheck(true)))
                        .expect(Outcome.DENIED_IN_IDENTITY_POLICY),
                given("AWS's Deny on Bool kms:BypassPolicyLockoutSafetyCheck lets an ordinary CreateKey through")
                        .role(TESTER, allow("kms:*"), denyIf("kms:CreateKey",
                                "{'Bool':{'kms:BypassPolicyLockoutSafetyCheck':true}}")).as(TESTER)
                        .calls(createKey(CreateKeyRequest.builder())).allowed());
    }

    /** Key-policy statements for Principal "*" narrowed by kms:CallerAccount or aws:PrincipalArn. */
    private static Stream<Arguments> principalConditions() {
        String callerAccount = policy(keyStatement("Allow", roleArn(KMS_ADMIN_ROLE), "kms:*"),
                keyStatementIf("Allow", "*", "kms:Encrypt", "{'StringEquals':{'kms:CallerAccount':'111122223333'}}"));
        String otherAccount = policy(keyStatement("Allow", roleArn(KMS_ADMIN_ROLE), "kms:*"),
                keyStatementIf("Allow", "*", "kms:Encrypt", "{'StringEquals':{'kms:CallerAccount':'444455556666'}}"));
        String keyRoles = policy(keyStatement("Allow", roleArn(KMS_ADMIN_ROLE), "kms:*"),
                keyStatementIf("Allow", "*", "kms:Encrypt",
                        "{'ArnLike':{'aws:PrincipalArn':'arn:aws:iam::111122223333:role/Key*'}}"));
        return Stream.of(
                given("Principal * with kms:CallerAccount 111122223333 allows a principal without identity policy")
                        .key(symmetric(KEY).policy(callerAccount)).role(TESTER).as(TESTER).calls(encrypt(KEY))
                        .allowed(),
                given("Principal * with kms:CallerAccount of another account refuses, and nothing delegates to IAM")
                        .key(symmetric(KEY).policy(otherAccount)).as(KEY_USER_ROLE).calls(encrypt(KEY))
                        .expect(Outcome.NO_RESOURCE_POLICY_ALLOWS),
                given("Principal * with ArnLike aws:PrincipalArn role/Key* allows KeyUserRole (the role's ARN, not the session's)")
                        .key(symmetric(KEY).policy(keyRoles)).as(KEY_USER_ROLE).calls(encrypt(KEY)).allowed(),
                given("Principal * with ArnLike aws:PrincipalArn role/Key* refuses the Administrator user")
                        .key(symmetric(KEY).policy(keyRoles)).as(ADMINISTRATOR).calls(encrypt(KEY))
                        .expect(Outcome.NO_RESOURCE_POLICY_ALLOWS),
                given("a key policy allowing another account's root gives this account's roles nothing")
                        .key(symmetric(KEY).policy(policy(keyStatement("Allow", roleArn(KMS_ADMIN_ROLE), "kms:*"),
                                keyStatement("Allow", OTHER_ACCOUNT_ROOT, "kms:*"))))
                        .as(KEY_USER_ROLE).calls(encrypt(KEY)).expect(Outcome.NO_RESOURCE_POLICY_ALLOWS));
    }

    /** CreateKey, ListKeys, ListAliases and GenerateRandom name no key: only IAM policies decide them. */
    private static Stream<Arguments> iamOnlyActions() {
        String testerMayDoAll = delegating(keyStatement("Allow", roleArn(TESTER), "kms:*"));
        String everyoneMayDoAll = delegating(keyStatement("Allow", "*", "kms:*"));
        String testerDenied = delegating(keyStatement("Deny", roleArn(TESTER), "kms:*"));
        return Stream.of(
                given("CreateKey ignores key policies: one that allows the role kms:* lets it create nothing")
                        .key(symmetric(KEY).policy(testerMayDoAll)).role(TESTER).as(TESTER)
                        .calls(createKey(Origin.EXTERNAL)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("ListKeys is allowed by IAM even when a key policy denies the caller everything")
                        .key(symmetric(KEY).policy(testerDenied)).role(TESTER, allow("kms:ListKeys")).as(TESTER)
                        .calls(listKeys()).allowed(),
                given("ListAliases is refused without an IAM allow even when a key policy allows Principal * kms:*")
                        .key(symmetric(KEY).policy(everyoneMayDoAll)).role(TESTER).as(TESTER).calls(listAliases(null))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("ListAliases with a KeyId is still IAM-only: the key policy's Deny does not apply")
                        .key(symmetric(KEY).policy(testerDenied)).role(TESTER, allow("kms:ListAliases")).as(TESTER)
                        .calls(listAliases(KEY)).allowed(),
                given("GenerateRandom is refused to KeyUserRole, whose identity policy does not allow it")
                        .as(KEY_USER_ROLE).calls(generateRandom()).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("GenerateRandom is allowed to the Administrator")
                        .as(ADMINISTRATOR).calls(generateRandom()).allowed());
    }

    /** The console's default key policy and AWS's import-administration statement, for roles without identity policy. */
    private static Stream<Arguments> consoleAndImportAdministrationPolicies() {
        String admin = "ConsoleAdmin";
        String user = "ConsoleUser";
        String console = KeyPolicies.consoleDefault("aws", AuthorizationFixture.ACCOUNT, List.of(roleArn(admin)),
                List.of(roleArn(user)), true, "ENCRYPT_DECRYPT");
        String consoleNotExternal = KeyPolicies.consoleDefault("aws", AuthorizationFixture.ACCOUNT,
                List.of(roleArn(admin)), List.of(roleArn(user)), false, "ENCRYPT_DECRYPT");
        String importAdmin = "ImportAdmin";
        String importAdministration = KeyPolicies.importAdministration("aws", AuthorizationFixture.ACCOUNT,
                roleArn(importAdmin));
        return Stream.of(
                given("console policy: a key administrator may GetParametersForImport (kms:Get*)")
                        .key(pendingImport(KEY).policy(console)).role(admin).role(user).as(admin)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048))
                        .allowed(),
                given("console policy: a key administrator may ImportKeyMaterial (added for EXTERNAL keys)")
                        .key(pendingImport(KEY).policy(console)).role(admin).role(user).as(admin)
                        .calls(importWithoutExpiry(KEY)).allowed(),
                given("console policy: a key administrator may DeleteImportedKeyMaterial (kms:Delete*)")
                        .key(imported(KEY).policy(console)).role(admin).role(user).as(admin).calls(deleteMaterial(KEY))
                        .allowed(),
                given("console policy: a key administrator may change the key policy (kms:Put*)")
                        .key(imported(KEY).policy(console)).role(admin).role(user).as(admin)
                        .calls(putKeyPolicy(KEY, console, null)).allowed(),
                given("console policy: a key administrator is refused Encrypt")
                        .key(imported(KEY).policy(console)).role(admin).role(user).as(admin).calls(encrypt(KEY))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("console policy: a key user may Encrypt")
                        .key(imported(KEY).policy(console)).role(admin).role(user).as(user).calls(encrypt(KEY))
                        .allowed(),
                given("console policy: a key user is refused ImportKeyMaterial")
                        .key(pendingImport(KEY).policy(console)).role(admin).role(user).as(user)
                        .calls(importWithoutExpiry(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("console policy: a key user is refused GetParametersForImport")
                        .key(pendingImport(KEY).policy(console)).role(admin).role(user).as(user)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("console policy written for a non-EXTERNAL key gives administrators no ImportKeyMaterial")
                        .key(pendingImport(KEY).policy(consoleNotExternal)).role(admin).role(user).as(admin)
                        .calls(importWithoutExpiry(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),

                given("import administration: the role may GetParametersForImport")
                        .key(pendingImport(KEY).policy(importAdministration)).role(importAdmin).as(importAdmin)
                        .calls(parameters(KEY, WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048))
                        .allowed(),
                given("import administration: the role may ImportKeyMaterial")
                        .key(pendingImport(KEY).policy(importAdministration)).role(importAdmin).as(importAdmin)
                        .calls(importExpiring(KEY, EARLY)).allowed(),
                given("import administration: the role may DeleteImportedKeyMaterial")
                        .key(imported(KEY).policy(importAdministration)).role(importAdmin).as(importAdmin)
                        .calls(deleteMaterial(KEY)).allowed(),
                given("import administration: the role is refused Encrypt")
                        .key(imported(KEY).policy(importAdministration)).role(importAdmin).as(importAdmin)
                        .calls(encrypt(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("import administration: the role is refused DescribeKey")
                        .key(imported(KEY).policy(importAdministration)).role(importAdmin).as(importAdmin)
                        .calls(describe(KEY)).expect(Outcome.NO_IDENTITY_POLICY_ALLOWS));
    }

    /** PutKeyPolicy and CreateKey refuse a policy that would lock the caller out, unless the check is bypassed. */
    private static Stream<Arguments> lockoutSafetyCheck() {
        String onlyKeyUsers = policy(keyStatement("Allow", roleArn(KEY_USER_ROLE), "kms:*"));
        String namesKmsAdmin = policy(keyStatement("Allow", roleArn(KMS_ADMIN_ROLE), "kms:PutKeyPolicy"));
        String denyBypass = denyIf("kms:PutKeyPolicy", "{'Bool':{'kms:BypassPolicyLockoutSafetyCheck':true}}");
        return Stream.of(
                given("PutKeyPolicy refuses a policy that would lock KMSAdminRole out")
                        .key(symmetric(KEY)).as(KMS_ADMIN_ROLE).calls(putKeyPolicy(KEY, onlyKeyUsers, null))
                        .expect(Outcome.LOCKED_OUT),
                given("PutKeyPolicy refuses a lockout policy when BypassPolicyLockoutSafetyCheck is false")
                        .key(symmetric(KEY)).as(KMS_ADMIN_ROLE).calls(putKeyPolicy(KEY, onlyKeyUsers, false))
                        .expect(Outcome.LOCKED_OUT),
                given("PutKeyPolicy takes a lockout policy with BypassPolicyLockoutSafetyCheck")
                        .key(symmetric(KEY)).as(KMS_ADMIN_ROLE).calls(putKeyPolicy(KEY, onlyKeyUsers, true))
                        .allowed(),
                given("PutKeyPolicy takes a policy that keeps the root delegation")
                        .key(symmetric(KEY)).as(KMS_ADMIN_ROLE).calls(putKeyPolicy(KEY, delegating(), null))
                        .allowed(),
                given("PutKeyPolicy takes a policy that names the caller for kms:PutKeyPolicy")
                        .key(symmetric(KEY)).as(KMS_ADMIN_ROLE).calls(putKeyPolicy(KEY, namesKmsAdmin, null))
                        .allowed(),
                given("PutKeyPolicy by KeyUserRole is refused access before any lockout check")
                        .key(symmetric(KEY)).as(KEY_USER_ROLE).calls(putKeyPolicy(KEY, onlyKeyUsers, null))
                        .expect(Outcome.NO_IDENTITY_POLICY_ALLOWS),
                given("an identity Deny on kms:BypassPolicyLockoutSafetyCheck refuses PutKeyPolicy that bypasses")
                        .key(symmetric(KEY)).role(TESTER, allow("kms:*"), denyBypass).as(TESTER)
                        .calls(putKeyPolicy(KEY, onlyKeyUsers, true)).expect(Outcome.DENIED_IN_IDENTITY_POLICY),
                given("CreateKey refuses a Policy that would lock the Administrator out")
                        .as(ADMINISTRATOR).calls(createKey(CreateKeyRequest.builder().policy(onlyKeyUsers)))
                        .expect(Outcome.LOCKED_OUT),
                given("CreateKey takes a lockout Policy with BypassPolicyLockoutSafetyCheck")
                        .as(ADMINISTRATOR).calls(createKey(CreateKeyRequest.builder().policy(onlyKeyUsers)
                                .bypassPolicyLockoutSafetyCheck(true))).allowed());
    }

    // ------------------------------------------------------------------------------------------ running a case

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) throws Exception {
        EmbeddedKms model = EmbeddedKmsFixture.newKms();
        World w = new World(model);
        c.keys().forEach(w::create);
        WorkspaceIdentities identities = AuthorizationFixture.open(model,
                c.principals().stream().map(p -> p.resolve(w)).toList());
        Principal caller = identities.principal(c.caller()).orElseThrow();
        String callerArn = AuthorizationFixture.callerArn(caller);
        String action = c.call().action();
        String resource = c.call().keyRef() == null ? "*" : w.arn(c.call().keyRef());
        Map<String, KeyMetadata> keysBefore = keysOf(model);

        Throwable thrown = catchThrowable(() -> c.call().run().apply(AuthorizationFixture.as(identities, c.caller()), w));

        List<TrailEvent> events = identities.auditTrail().events();
        assertThat(events).as("CloudTrail events of one call").hasSize(1);
        TrailEvent event = events.get(0);
        JsonNode record = JSON.readTree(event.cloudTrailEvent());
        assertThat(event.eventName()).isEqualTo(c.call().eventName());
        assertThat(record.path("eventName").asText()).isEqualTo(c.call().eventName());
        assertThat(record.path("userIdentity").path("arn").asText()).isEqualTo(callerArn);
        assertNoSecrets(event.cloudTrailEvent(), identities, caller, w);

        switch (c.outcome()) {
            case ALLOWED -> {
                assertThat(thrown).as("%s by %s", action, c.caller()).isNull();
                assertThat(record.has("errorCode")).as("errorCode of an allowed call").isFalse();
            }
            case LOCKED_OUT -> {
                assertThat(thrown).isExactlyInstanceOf(MalformedPolicyDocumentException.class);
                assertThat(((MalformedPolicyDocumentException) thrown).awsMessage()).isEqualTo(LOCKOUT);
                assertThat(record.path("errorCode").asText()).isEqualTo("MalformedPolicyDocumentException");
                assertThat(record.path("errorMessage").asText()).isEqualTo(LOCKOUT);
                assertThat(keysOf(model)).as("keys after a refused call").isEqualTo(keysBefore);
            }
            default -> {
                String message = c.outcome().refusal.message(callerArn, action, resource);
                assertThat(thrown).as("%s by %s", action, c.caller()).isExactlyInstanceOf(AccessDeniedException.class);
                assertThat(((AccessDeniedException) thrown).awsMessage()).isEqualTo(message);
                assertThat(record.path("errorCode").asText()).isEqualTo("AccessDeniedException");
                assertThat(record.path("errorMessage").asText()).isEqualTo(message);
                assertThat(record.path("responseElements").isNull()).as("responseElements of a refusal").isTrue();
                assertThat(keysOf(model)).as("keys after a refused call").isEqualTo(keysBefore);
            }
        }
    }

    /** Every key's metadata, read through the model: a refused call must leave them as they were. */
    private static Map<String, KeyMetadata> keysOf(EmbeddedKms model) {
        Map<String, KeyMetadata> out = new LinkedHashMap<>();
        for (KeyListEntry k : model.listKeys(new ListKeysRequest(null, null)).keys()) {
            out.put(k.keyId(), model.describeKey(new DescribeKeyRequest(k.keyId(), null)).keyMetadata());
        }
        return out;
    }

    /** Neither the caller's secret access key nor anything secret the call sent appears in the record. */
    private static void assertNoSecrets(String record, WorkspaceIdentities identities, Principal caller, World w) {
        byte[] secretKey = identities.accessKeyOf(caller).secretAccessKey().revealCopy();
        assertThat(record).doesNotContain(new String(secretKey, StandardCharsets.US_ASCII));
        for (String member : List.of("plaintext", "importToken", "encryptedKeyMaterial", "message", "secretAccessKey")) {
            assertThat(record).doesNotContain("\"" + member + "\"");
        }
        for (byte[] secret : w.secrets) {
            assertThat(record).doesNotContain(Base64.getEncoder().encodeToString(secret))
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(secret));
        }
    }
}
