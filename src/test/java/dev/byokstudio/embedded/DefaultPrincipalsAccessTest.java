package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.AccessDeniedException;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.Identities.CallOrigin;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The default workspace's three principals do what issue 8's demonstration needs, through KMS as each calls it. */
class DefaultPrincipalsAccessTest {

    private EmbeddedKms model;
    private WorkspaceIdentities identities;
    private Kms admin;
    private Kms kmsAdminRole;
    private Kms keyUser;

    @BeforeEach
    void openDefaultWorkspace() {
        model = EmbeddedKmsFixture.newKms();
        identities = WorkspaceIdentities.open(model, new SecureRandom());
        admin = as(DefaultPrincipals.ADMINISTRATOR);
        kmsAdminRole = as(DefaultPrincipals.KMS_ADMIN_ROLE);
        keyUser = as(DefaultPrincipals.KEY_USER_ROLE);
    }

    private Kms as(String name) {
        var p = identities.principal(name).orElseThrow();
        return identities.kmsFor(p, new CallOrigin("127.0.0.1", "test", identities.accessKeyOf(p).accessKeyId(), null));
    }

    @Test
    void theAdministratorRunsTheWholeImport() {
        KeyMetadata key = EmbeddedKmsFixture.createExternal(admin);
        ImportFixture.importMaterial(admin, key.keyId(), ImportFixture.randomBytes(32));
        assertThat(EmbeddedKmsFixture.describe(admin, key.keyId()).keyState().name()).isEqualTo("Enabled");
        assertThat(identities.auditTrail().events()).extracting(TrailEvent::eventName)
                .contains("CreateKey", "GetParametersForImport", "ImportKeyMaterial");
    }

    @Test
    void theKeyUserIsRefusedGetParametersForImportWithAwsMessage() {
        KeyMetadata key = EmbeddedKmsFixture.createExternal(admin);
        AccessDeniedException e = expectError(AccessDeniedException.class, () -> keyUser.getParametersForImport(
                new GetParametersForImportRequest(key.keyId(), WrappingAlgorithm.RSAES_OAEP_SHA_256,
                        WrappingKeySpec.RSA_2048)));
        assertThat(e.awsMessage()).isEqualTo("User: arn:aws:sts::111122223333:assumed-role/KeyUserRole/byok-studio "
                + "is not authorized to perform: kms:GetParametersForImport on resource: " + key.arn()
                + " because no identity-based policy allows the kms:GetParametersForImport action");
        TrailEvent refused = identities.auditTrail().events().get(0);
        assertThat(refused.eventName()).isEqualTo("GetParametersForImport");
        assertThat(refused.cloudTrailEvent()).contains("\"errorCode\":\"AccessDeniedException\"");
    }

    @Test
    void kmsAdminRoleMayDownloadWrappingKeysOnlyForSha256Wrapping() {
        KeyMetadata key = EmbeddedKmsFixture.createExternal(admin);
        for (WrappingAlgorithm a : List.of(WrappingAlgorithm.RSAES_OAEP_SHA_256)) {
            assertThat(kmsAdminRole.getParametersForImport(
                    new GetParametersForImportRequest(key.keyId(), a, specFor(a))).importToken()).isNotEmpty();
        }
        for (WrappingAlgorithm a : List.of(WrappingAlgorithm.RSAES_OAEP_SHA_1, WrappingAlgorithm.RSAES_PKCS1_V1_5,
                WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1)) {
            AccessDeniedException e = expectError(AccessDeniedException.class, () -> kmsAdminRole.getParametersForImport(
                    new GetParametersForImportRequest(key.keyId(), a, specFor(a))));
            assertThat(e.awsMessage()).contains("assumed-role/KMSAdminRole/byok-studio")
                    .endsWith("because no identity-based policy allows the kms:GetParametersForImport action");
        }
    }

    private static WrappingKeySpec specFor(WrappingAlgorithm a) {
        return a.name().startsWith("RSA_AES") ? WrappingKeySpec.RSA_3072 : WrappingKeySpec.RSA_2048;
    }

    @Test
    void kmsAdminRoleMayCreateOnlyKeysForImportedMaterial() {
        assertThat(kmsAdminRole.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build()).keyMetadata().origin())
                .isEqualTo(Origin.EXTERNAL);
        AccessDeniedException e = expectError(AccessDeniedException.class,
                () -> kmsAdminRole.createKey(CreateKeyRequest.builder().build()));
        assertThat(e.awsMessage()).isEqualTo("User: arn:aws:sts::111122223333:assumed-role/KMSAdminRole/byok-studio "
                + "is not authorized to perform: kms:CreateKey on resource: * "
                + "because no identity-based policy allows the kms:CreateKey action");
    }
}
