package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.AuthorizationFixture.ROOT_STATEMENT;
import static dev.byokstudio.embedded.AuthorizationFixture.policy;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.embedded.AuthorizationFixture.Extra;
import dev.byokstudio.embedded.AuthorizationFixture.Refusal;
import dev.byokstudio.kms.AccessDeniedException;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.PutKeyPolicyRequest;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The policy statements AWS publishes for importing key material behave in the embedded KMS exactly as AWS
 * documents them, called through KMS as the principal they concern. The statements are quoted as published
 * (layout included), each with the page it is on.
 */
class AwsDocumentationExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KMS_ADMIN_ROLE = DefaultPrincipals.KMS_ADMIN_ROLE;
    private static final String EXAMPLE_USER = "ExampleUser";
    private static final Instant VALID_TO = Instant.parse("2026-03-01T00:00:00Z");

    // https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-conceptual.html
    // ("Permissions for importing key material"): the IAM policy statement that limits kms:CreateKey to keys
    // with imported key material.
    private static final String CREATE_KMS_KEYS_WITHOUT_KEY_MATERIAL = """
            {
              "Sid": "CreateKMSKeysWithoutKeyMaterial",
              "Effect": "Allow",
              "Resource": "*",
              "Action": "kms:CreateKey",
              "Condition": {
                "StringEquals": {
                  "kms:KeyOrigin": "EXTERNAL"
                }
              }
            }""";

    // https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-conceptual.html
    // ("Permissions for importing key material"): "to give the example KMSAdminRole permission to manage all
    // aspects of a KMS key with imported key material, include a key policy statement like the following one".
    private static final String MANAGE_KMS_KEYS_WITH_IMPORTED_KEY_MATERIAL = """
            {
              "Sid": "Manage KMS keys with imported key material",
              "Effect": "Allow",
              "Resource": "*",
              "Principal": {
                "AWS": "arn:aws:iam::111122223333:role/KMSAdminRole"
              },
              "Action": [
                "kms:GetParametersForImport",
                "kms:ImportKeyMaterial",
                "kms:DeleteImportedKeyMaterial"
              ]
            }""";

    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-wrapping-algorithm
    // (archived: awsdocs/aws-kms-developer-guide, doc_source/conditions-kms.md): "prevents them from using the
    // RSAES_OAEP_SHA_1 wrapping algorithm".
    private static final String WRAPPING_ALGORITHM_EXAMPLE = """
            {
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::111122223333:user/ExampleUser"
              },
              "Action": "kms:GetParametersForImport",
              "Resource": "*",
              "Condition": {
                "StringNotEquals": {
                  "kms:WrappingAlgorithm": "RSAES_OAEP_SHA_1"
                }
              }
            }""";

    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-wrapping-key-spec
    // (same archive): "require that the WrappingKeySpec in the request is RSA_2048".
    private static final String WRAPPING_KEY_SPEC_EXAMPLE = """
            {
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::111122223333:user/ExampleUser"
              },
              "Action": "kms:GetParametersForImport",
              "Resource": "*",
              "Condition": {
                "StringEquals": {
                  "kms:WrappingKeySpec": "RSA_2048"
                }
              }
            }""";

    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-expiration-model
    // (same archive): "only when the request includes the ExpirationModel parameter and its value is
    // KEY_MATERIAL_DOES_NOT_EXPIRE".
    private static final String EXPIRATION_MODEL_EXAMPLE = """
            {
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::111122223333:user/ExampleUser"
              },
              "Action": "kms:ImportKeyMaterial",
              "Resource": "*",
              "Condition": {
                "StringEquals": {
                  "kms:ExpirationModel": "KEY_MATERIAL_DOES_NOT_EXPIRE"
                }
              }
            }""";

    // Same section: "with the Null condition operator to allow a user to import key material only when the
    // request does not have an ExpirationModel parameter. The default value for ExpirationModel is
    // KEY_MATERIAL_EXPIRES."
    private static final String EXPIRATION_MODEL_NULL_EXAMPLE = """
            {
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::111122223333:user/ExampleUser"
              },
              "Action": "kms:ImportKeyMaterial",
              "Resource": "*",
              "Condition": {
                "Null": {
                  "kms:ExpirationModel": true
                }
              }
            }""";

    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-valid-to
    // (same archive): "limits the permission to ImportKeyMaterial requests where the ValidTo value is less than
    // or equal to 1546257599.0 (December 31, 2018 11:59:59 PM)".
    private static final String VALID_TO_EXAMPLE = """
            {
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::111122223333:user/ExampleUser"
              },
              "Action": "kms:ImportKeyMaterial",
              "Resource": "*",
              "Condition": {
                "NumericLessThanEquals": {
                  "kms:ValidTo": "1546257599.0"
                }
              }
            }""";

    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
    // #conditions-kms-bypass-policy-lockout-safety-check (same archive): the IAM statement that "prevents users
    // from bypassing the policy lockout safety check".
    private static final String BYPASS_LOCKOUT_DENY_EXAMPLE = """
            {
              "Effect": "Deny",
              "Action": [
                "kms:CreateKey",
                "kms:PutKeyPolicy"
              ],
              "Resource": "*",
              "Condition": {
                "Bool": {
                  "kms:BypassPolicyLockoutSafetyCheck": true
                }
              }
            }""";

    private EmbeddedKms model;
    private WorkspaceIdentities identities;

    @BeforeEach
    void newModel() {
        model = EmbeddedKmsFixture.newKms();
    }

    private void open(Extra... extras) {
        identities = AuthorizationFixture.open(model, List.of(extras));
    }

    private Kms as(String name) {
        return AuthorizationFixture.as(identities, name);
    }

    private String callerArn(String name) {
        return AuthorizationFixture.callerArn(identities.principal(name).orElseThrow());
    }

    /** An EXTERNAL key made through the model (nothing authorised or recorded) with this key policy. */
    private KeyMetadata externalKey(String keyPolicy) {
        return model.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).policy(keyPolicy).build())
                .keyMetadata();
    }

    private KeyState state(String keyId) {
        return model.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata().keyState();
    }

    /** The call is refused with AWS's message, and CloudTrail's newest event records the same refusal. */
    private void assertRefused(ThrowingCallable call, String caller, String action, String resource, Refusal why)
            throws Exception {
        String message = why.message(callerArn(caller), action, resource);
        AccessDeniedException e = expectError(AccessDeniedException.class, call);
        assertThat(e.awsMessage()).isEqualTo(message);
        TrailEvent event = identities.auditTrail().events().get(0);
        JsonNode record = JSON.readTree(event.cloudTrailEvent());
        assertThat(event.eventName()).isEqualTo(action.substring("kms:".length()));
        assertThat(record.path("errorCode").asText()).isEqualTo("AccessDeniedException");
        assertThat(record.path("errorMessage").asText()).isEqualTo(message);
    }

    private static GetParametersForImportRequest parametersRequest(String keyId, WrappingAlgorithm algorithm,
            WrappingKeySpec spec) {
        return new GetParametersForImportRequest(keyId, algorithm, spec);
    }

    private ImportKeyMaterialRequest importRequest(String keyId, Instant validTo, ExpirationModel expirationModel) {
        return AuthorizationFixture.importRequest(model, keyId, validTo, expirationModel);
    }

    // ------------------------------------------------------------------------------------------ importing-keys page

    @Test
    void createKmsKeysWithoutKeyMaterialAllowsCreateKeyOnlyWithOriginExternal() throws Exception {
        open(Extra.role(KMS_ADMIN_ROLE, Map.of("CreateKeysForImport", policy(CREATE_KMS_KEYS_WITHOUT_KEY_MATERIAL))));
        Kms role = as(KMS_ADMIN_ROLE);

        KeyMetadata key = role.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build()).keyMetadata();
        assertThat(key.origin()).isEqualTo(Origin.EXTERNAL);
        assertThat(key.keyState()).isEqualTo(KeyState.PendingImport);

        assertRefused(() -> role.createKey(CreateKeyRequest.builder().build()), KMS_ADMIN_ROLE, "kms:CreateKey", "*",
                Refusal.NO_IDENTITY_POLICY_ALLOWS);
        assertRefused(() -> role.createKey(CreateKeyRequest.builder().origin(Origin.AWS_KMS).build()), KMS_ADMIN_ROLE,
                "kms:CreateKey", "*", Refusal.NO_IDENTITY_POLICY_ALLOWS);
        assertThat(model.listKeys(new ListKeysRequest(null, null)).keys())
                .as("keys after one allowed and two refused CreateKey").hasSize(1);
    }

    @Test
    void theManageStatementLetsKmsAdminRoleImportAndDeleteMaterialAndNothingElse() throws Exception {
        // KMSAdminRole without any identity policy: only the key policy statement can give it anything.
        open(Extra.role(KMS_ADMIN_ROLE, Map.of()));
        Kms administrator = as(DefaultPrincipals.ADMINISTRATOR);
        Kms role = as(KMS_ADMIN_ROLE);
        KeyMetadata key = administrator.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL)
                .policy(policy(ROOT_STATEMENT, MANAGE_KMS_KEYS_WITH_IMPORTED_KEY_MATERIAL)).build()).keyMetadata();

        byte[] material = ImportFixture.randomBytes(32);
        role.importKeyMaterial(importRequestThrough(role, key.keyId(), material));
        assertThat(state(key.keyId())).isEqualTo(KeyState.Enabled);
        administrator.encrypt(new EncryptRequest(key.keyId(), SecretBytes.copyOf(new byte[] {1, 2, 3}), null, null,
                null));

        assertRefused(() -> role.encrypt(new EncryptRequest(key.keyId(), SecretBytes.copyOf(new byte[] {1}), null,
                null, null)), KMS_ADMIN_ROLE, "kms:Encrypt", key.arn(), Refusal.NO_IDENTITY_POLICY_ALLOWS);
        assertRefused(() -> role.describeKey(new DescribeKeyRequest(key.keyId(), null)), KMS_ADMIN_ROLE,
                "kms:DescribeKey", key.arn(), Refusal.NO_IDENTITY_POLICY_ALLOWS);
        assertRefused(() -> role.putKeyPolicy(new PutKeyPolicyRequest(key.keyId(), null, policy(ROOT_STATEMENT),
                null)), KMS_ADMIN_ROLE, "kms:PutKeyPolicy", key.arn(), Refusal.NO_IDENTITY_POLICY_ALLOWS);
        assertRefused(() -> role.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build()),
                KMS_ADMIN_ROLE, "kms:CreateKey", "*", Refusal.NO_IDENTITY_POLICY_ALLOWS);

        role.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(key.keyId(), null));
        assertThat(state(key.keyId())).isEqualTo(KeyState.PendingImport);
        // Reimporting needs the same two permissions again (the page: GetParametersForImport and ImportKeyMaterial).
        role.importKeyMaterial(importRequestThrough(role, key.keyId(), material));
        assertThat(state(key.keyId())).isEqualTo(KeyState.Enabled);
    }

    @Test
    void theManageStatementAloneAllowsTheImportButNoOtherUseEvenByIam() throws Exception {
        open(Extra.role(KMS_ADMIN_ROLE, Map.of()));
        KeyMetadata key = externalKey(policy(MANAGE_KMS_KEYS_WITH_IMPORTED_KEY_MATERIAL));
        Kms role = as(KMS_ADMIN_ROLE);

        role.importKeyMaterial(importRequestThrough(role, key.keyId(), ImportFixture.randomBytes(32)));
        assertThat(state(key.keyId())).isEqualTo(KeyState.Enabled);

        assertRefused(() -> role.encrypt(new EncryptRequest(key.keyId(), SecretBytes.copyOf(new byte[] {1}), null,
                null, null)), KMS_ADMIN_ROLE, "kms:Encrypt", key.arn(), Refusal.NO_RESOURCE_POLICY_ALLOWS);
        // Without the root statement, even AdministratorAccess is no use.
        assertRefused(() -> as(DefaultPrincipals.ADMINISTRATOR).describeKey(new DescribeKeyRequest(key.keyId(), null)),
                DefaultPrincipals.ADMINISTRATOR, "kms:DescribeKey", key.arn(), Refusal.NO_RESOURCE_POLICY_ALLOWS);
    }

    /** GetParametersForImport as {@code kms}'s principal, and the request importing {@code material} with them. */
    private static ImportKeyMaterialRequest importRequestThrough(Kms kms, String keyId, byte[] material) {
        GetParametersForImportResponse p = kms.getParametersForImport(parametersRequest(keyId,
                WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
        return new ImportKeyMaterialRequest(keyId, p.importToken(),
                ImportFixture.wrap(p, material, WrappingAlgorithm.RSAES_OAEP_SHA_256), null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE, null, null, null);
    }

    // ------------------------------------------------------------------------------------------ conditions-kms page

    @Test
    void theWrappingAlgorithmExampleRefusesOnlyRsaesOaepSha1() throws Exception {
        open(Extra.user(EXAMPLE_USER, Map.of()));
        KeyMetadata key = externalKey(policy(ROOT_STATEMENT, WRAPPING_ALGORITHM_EXAMPLE));
        Kms user = as(EXAMPLE_USER);

        assertThat(user.getParametersForImport(parametersRequest(key.keyId(), WrappingAlgorithm.RSAES_OAEP_SHA_256,
                WrappingKeySpec.RSA_2048)).importToken()).isNotEmpty();
        assertRefused(() -> user.getParametersForImport(parametersRequest(key.keyId(),
                WrappingAlgorithm.RSAES_OAEP_SHA_1, WrappingKeySpec.RSA_2048)), EXAMPLE_USER,
                "kms:GetParametersForImport", key.arn(), Refusal.NO_IDENTITY_POLICY_ALLOWS);
    }

    @Test
    void theWrappingKeySpecExampleAllowsOnlyRsa2048() throws Exception {
        open(Extra.user(EXAMPLE_USER, Map.of()));
        KeyMetadata key = externalKey(policy(ROOT_STATEMENT, WRAPPING_KEY_SPEC_EXAMPLE));
        Kms user = as(EXAMPLE_USER);

        assertThat(user.getParametersForImport(parametersRequest(key.keyId(), WrappingAlgorithm.RSAES_OAEP_SHA_256,
                WrappingKeySpec.RSA_2048)).importToken()).isNotEmpty();
        for (WrappingKeySpec other : List.of(WrappingKeySpec.RSA_3072, WrappingKeySpec.RSA_4096)) {
            assertRefused(() -> user.getParametersForImport(parametersRequest(key.keyId(),
                    WrappingAlgorithm.RSAES_OAEP_SHA_256, other)), EXAMPLE_USER, "kms:GetParametersForImport",
                    key.arn(), Refusal.NO_IDENTITY_POLICY_ALLOWS);
        }
    }

    @Test
    void theExpirationModelExampleAllowsOnlyMaterialThatSaysItDoesNotExpire() throws Exception {
        open(Extra.user(EXAMPLE_USER, Map.of()));
        KeyMetadata key = externalKey(policy(ROOT_STATEMENT, EXPIRATION_MODEL_EXAMPLE));
        Kms user = as(EXAMPLE_USER);

        // Left out, ExpirationModel defaults to KEY_MATERIAL_EXPIRES: the request "includes" no ExpirationModel.
        assertRefused(() -> user.importKeyMaterial(importRequest(key.keyId(), VALID_TO, null)), EXAMPLE_USER,
                "kms:ImportKeyMaterial", key.arn(), Refusal.NO_IDENTITY_POLICY_ALLOWS);
        assertRefused(() -> user.importKeyMaterial(importRequest(key.keyId(), VALID_TO,
                ExpirationModel.KEY_MATERIAL_EXPIRES)), EXAMPLE_USER, "kms:ImportKeyMaterial", key.arn(),
                Refusal.NO_IDENTITY_POLICY_ALLOWS);
        user.importKeyMaterial(importRequest(key.keyId(), null, ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE));
        assertThat(state(key.keyId())).isEqualTo(KeyState.Enabled);
    }

    @Test
    void theNullExpirationModelExampleAllowsOnlyImportsThatLeaveExpirationModelOut() throws Exception {
        open(Extra.user(EXAMPLE_USER, Map.of()));
        KeyMetadata key = externalKey(policy(ROOT_STATEMENT, EXPIRATION_MODEL_NULL_EXAMPLE));
        Kms user = as(EXAMPLE_USER);

        assertRefused(() -> user.importKeyMaterial(importRequest(key.keyId(), null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE)), EXAMPLE_USER, "kms:ImportKeyMaterial", key.arn(),
                Refusal.NO_IDENTITY_POLICY_ALLOWS);
        // Naming the default explicitly puts kms:ExpirationModel in the request, so Null no longer holds.
        assertRefused(() -> user.importKeyMaterial(importRequest(key.keyId(), VALID_TO,
                ExpirationModel.KEY_MATERIAL_EXPIRES)), EXAMPLE_USER, "kms:ImportKeyMaterial", key.arn(),
                Refusal.NO_IDENTITY_POLICY_ALLOWS);
        user.importKeyMaterial(importRequest(key.keyId(), VALID_TO, null));
        KeyMetadata imported = model.describeKey(new DescribeKeyRequest(key.keyId(), null)).keyMetadata();
        assertThat(imported.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(imported.expirationModel()).isEqualTo(ExpirationModel.KEY_MATERIAL_EXPIRES);
    }

    @Test
    void theValidToExampleDatedEndOf2018AllowsNoImportToday() throws Exception {
        open(Extra.user(EXAMPLE_USER, Map.of()));
        KeyMetadata key = externalKey(policy(ROOT_STATEMENT, VALID_TO_EXAMPLE));
        Kms user = as(EXAMPLE_USER);

        // ValidTo must lie in the future (2026 here), so it is always later than 1546257599.0.
        assertRefused(() -> user.importKeyMaterial(importRequest(key.keyId(), VALID_TO, null)), EXAMPLE_USER,
                "kms:ImportKeyMaterial", key.arn(), Refusal.NO_IDENTITY_POLICY_ALLOWS);
        // Without ValidTo there is no kms:ValidTo, and NumericLessThanEquals does not hold for an absent key.
        assertRefused(() -> user.importKeyMaterial(importRequest(key.keyId(), null,
                ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE)), EXAMPLE_USER, "kms:ImportKeyMaterial", key.arn(),
                Refusal.NO_IDENTITY_POLICY_ALLOWS);
    }

    @Test
    void theValidToExampleMovedToThisYearComparesUnixTimes() throws Exception {
        // AWS's statement with only its date moved, to 2026-06-30T23:59:59Z, so that it can allow something today.
        String limit = Long.toString(Instant.parse("2026-06-30T23:59:59Z").getEpochSecond()) + ".0";
        open(Extra.user(EXAMPLE_USER, Map.of()));
        KeyMetadata key = externalKey(policy(ROOT_STATEMENT, VALID_TO_EXAMPLE.replace("1546257599.0", limit)));
        Kms user = as(EXAMPLE_USER);

        assertRefused(() -> user.importKeyMaterial(importRequest(key.keyId(), Instant.parse("2026-07-01T00:00:00Z"),
                null)), EXAMPLE_USER, "kms:ImportKeyMaterial", key.arn(), Refusal.NO_IDENTITY_POLICY_ALLOWS);
        user.importKeyMaterial(importRequest(key.keyId(), Instant.parse("2026-06-30T23:59:59Z"), null));
        assertThat(state(key.keyId())).isEqualTo(KeyState.Enabled);
    }

    @Test
    void theBypassLockoutDenyRefusesOnlyRequestsThatBypassTheCheck() throws Exception {
        open(Extra.user(DefaultPrincipals.ADMINISTRATOR, Map.of(
                "AdministratorAccess", DefaultPrincipals.ADMINISTRATOR_ACCESS,
                "NoLockoutBypass", policy(BYPASS_LOCKOUT_DENY_EXAMPLE))));
        Kms administrator = as(DefaultPrincipals.ADMINISTRATOR);

        KeyMetadata key = administrator.createKey(CreateKeyRequest.builder().build()).keyMetadata();
        assertRefused(() -> administrator.createKey(CreateKeyRequest.builder().bypassPolicyLockoutSafetyCheck(true)
                .build()), DefaultPrincipals.ADMINISTRATOR, "kms:CreateKey", "*",
                Refusal.EXPLICIT_DENY_IN_IDENTITY_POLICY);
        assertRefused(() -> administrator.putKeyPolicy(new PutKeyPolicyRequest(key.keyId(), null,
                policy(ROOT_STATEMENT), true)), DefaultPrincipals.ADMINISTRATOR, "kms:PutKeyPolicy", key.arn(),
                Refusal.EXPLICIT_DENY_IN_IDENTITY_POLICY);
        administrator.putKeyPolicy(new PutKeyPolicyRequest(key.keyId(), null, policy(ROOT_STATEMENT), false));
    }
}
