package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.START;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.ExpiredImportTokenException;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.Identities.CallOrigin;
import dev.byokstudio.kms.ImportKeyMaterialResponse;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.LookupEventsRequest;
import dev.byokstudio.kms.LookupEventsRequest.LookupAttribute;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.store.Workspace;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CloudTrail events that calls through {@link WorkspaceIdentities} leave, field by field for each import step
 * (reference §13), as the model records them from real calls rather than as the record builder is given them.
 */
class CloudTrailRecordingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_ARN = "arn:aws:iam::111122223333:user/Administrator";

    private EmbeddedKms model;
    private WorkspaceIdentities identities;
    private Kms admin;
    private String accessKeyId;

    @BeforeEach
    void openWorkspace() {
        model = EmbeddedKmsFixture.newKms();
        identities = WorkspaceIdentities.open(model, new SecureRandom());
        var p = identities.principal(DefaultPrincipals.ADMINISTRATOR).orElseThrow();
        accessKeyId = identities.accessKeyOf(p).accessKeyId();
        admin = identities.kmsFor(p, new CallOrigin("192.0.2.7", "aws-cli/2.9.19", accessKeyId, "req-1"));
    }

    private JsonNode latest(String eventName) {
        TrailEvent e = identities.auditTrail().events().stream().filter(t -> t.eventName().equals(eventName))
                .findFirst().orElseThrow(() -> new AssertionError("no " + eventName + " event"));
        try {
            return JSON.readTree(e.cloudTrailEvent());
        } catch (Exception x) {
            throw new AssertionError(x);
        }
    }

    private void assertEnvelope(JsonNode e, String eventName, String arn, boolean readOnly) {
        assertThat(e.path("eventSource").asText()).isEqualTo("kms.amazonaws.com");
        assertThat(e.path("eventName").asText()).isEqualTo(eventName);
        assertThat(e.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(e.path("eventType").asText()).isEqualTo("AwsApiCall");
        assertThat(e.path("readOnly").asBoolean()).isEqualTo(readOnly);
        assertThat(e.path("recipientAccountId").asText()).isEqualTo("111122223333");
        assertThat(e.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
        assertThat(e.path("userIdentity").path("arn").asText()).isEqualTo(ADMIN_ARN);
        assertThat(e.path("userIdentity").path("accessKeyId").asText()).isEqualTo(accessKeyId);
        assertThat(e.path("sourceIPAddress").asText()).isEqualTo("192.0.2.7");
        assertThat(e.path("userAgent").asText()).isEqualTo("aws-cli/2.9.19");
        assertThat(e.path("requestID").asText()).isEqualTo("req-1");
        assertThat(e.path("eventTime").asText()).isEqualTo(model.now().toString().replaceAll("\\.\\d+Z$", "Z"));
        assertThat(e.path("resources").get(0).path("ARN").asText()).isEqualTo(arn);
        assertThat(e.path("resources").get(0).path("type").asText()).isEqualTo("AWS::KMS::Key");
    }

    @Test
    void eachImportStepLeavesItsRecordAsAwsDocumentsIt() {
        var key = admin.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).description("rehearsal").build())
                .keyMetadata();
        JsonNode created = latest("CreateKey");
        assertEnvelope(created, "CreateKey", key.arn(), false);
        assertThat(created.path("eventVersion").asText()).isEqualTo("1.08");
        assertThat(created.path("requestParameters").path("origin").asText()).isEqualTo("EXTERNAL");
        assertThat(created.path("requestParameters").path("description").asText()).isEqualTo("rehearsal");
        assertThat(created.path("responseElements").path("keyMetadata").path("keyState").asText()).isEqualTo("PendingImport");
        assertThat(created.path("responseElements").path("keyMetadata").path("enabled").asBoolean()).isFalse();

        GetParametersForImportResponse parameters = ImportFixture.parameters(admin, key.keyId());
        JsonNode downloaded = latest("GetParametersForImport");
        assertEnvelope(downloaded, "GetParametersForImport", key.arn(), true);
        assertThat(downloaded.path("eventVersion").asText()).isEqualTo("1.05");
        assertThat(downloaded.path("requestParameters").path("keyId").asText()).isEqualTo(key.keyId());
        assertThat(downloaded.path("requestParameters").path("wrappingAlgorithm").asText()).isEqualTo("RSAES_OAEP_SHA_256");
        assertThat(downloaded.path("requestParameters").path("wrappingKeySpec").asText()).isEqualTo("RSA_2048");
        assertThat(downloaded.path("responseElements").isNull()).as("token and public key are never logged").isTrue();

        byte[] material = ImportFixture.randomBytes(32);
        ImportKeyMaterialResponse imported = admin.importKeyMaterial(ImportFixture.request(key.keyId(), parameters,
                ImportFixture.wrap(parameters, material, WrappingAlgorithm.RSAES_OAEP_SHA_256)));
        JsonNode importing = latest("ImportKeyMaterial");
        assertEnvelope(importing, "ImportKeyMaterial", key.arn(), false);
        assertThat(importing.path("eventVersion").asText()).isEqualTo("1.11");
        assertThat(importing.path("requestParameters").path("keyId").asText()).isEqualTo(key.keyId());
        assertThat(importing.path("requestParameters").has("importToken")).isFalse();
        assertThat(importing.path("requestParameters").has("encryptedKeyMaterial")).isFalse();
        assertThat(importing.path("responseElements").path("keyId").asText()).isEqualTo(key.arn());
        assertThat(importing.path("responseElements").path("keyMaterialId").asText()).isEqualTo(imported.keyMaterialId());

        admin.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(key.keyId(), null));
        JsonNode deleted = latest("DeleteImportedKeyMaterial");
        assertEnvelope(deleted, "DeleteImportedKeyMaterial", key.arn(), false);
        assertThat(deleted.path("eventVersion").asText()).isEqualTo("1.11");
        assertThat(deleted.path("responseElements").path("keyId").asText()).isEqualTo(key.arn());
        assertThat(deleted.path("responseElements").path("keyMaterialId").asText()).isEqualTo(imported.keyMaterialId());

        String everything = String.join("\n", identities.auditTrail().events().stream().map(TrailEvent::cloudTrailEvent).toList());
        assertThat(everything).doesNotContain(Base64.getEncoder().encodeToString(parameters.importToken()))
                .doesNotContain(Base64.getEncoder().encodeToString(parameters.publicKey()))
                .doesNotContain(Base64.getEncoder().encodeToString(material))
                .doesNotContain(HexFormat.of().formatHex(material));
    }

    @Test
    void materialReachingItsValidToLeavesADeleteExpiredKeyMaterialServiceEvent() {
        var key = admin.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build()).keyMetadata();
        ImportKeyMaterialResponse imported = ImportFixture.importExpiring(admin, key.keyId(), ImportFixture.randomBytes(32),
                START.plus(Duration.ofDays(2)));

        model.advance(Duration.ofDays(3));
        model.applyDueNow();

        JsonNode expired = latest("DeleteExpiredKeyMaterial");
        assertThat(expired.path("eventType").asText()).isEqualTo("AwsServiceEvent");
        assertThat(expired.path("userIdentity").path("invokedBy").asText()).isEqualTo("AWS Internal");
        assertThat(expired.path("sourceIPAddress").asText()).isEqualTo("AWS Internal");
        assertThat(expired.has("requestID")).isFalse();
        assertThat(expired.path("serviceEventDetails").path("keyId").asText()).isEqualTo(key.arn());
        assertThat(expired.path("serviceEventDetails").path("keyMaterialId").asText()).isEqualTo(imported.keyMaterialId());
        assertThat(expired.path("eventTime").asText()).isEqualTo(START.plus(Duration.ofDays(2)).toString());
    }

    @Test
    void aFailedCallIsRecordedWithAwsErrorCodeAndNoSecrets() {
        var key = admin.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build()).keyMetadata();
        GetParametersForImportResponse parameters = ImportFixture.parameters(admin, key.keyId());
        model.advance(Duration.ofHours(25));

        expectError(ExpiredImportTokenException.class, () -> admin.importKeyMaterial(ImportFixture.request(key.keyId(),
                parameters, ImportFixture.wrap(parameters, ImportFixture.randomBytes(32), WrappingAlgorithm.RSAES_OAEP_SHA_256))));

        JsonNode failed = latest("ImportKeyMaterial");
        assertThat(failed.path("errorCode").asText()).isEqualTo("ExpiredImportTokenException");
        assertThat(failed.path("responseElements").isNull()).isTrue();
        assertThat(failed.toString()).doesNotContain(Base64.getEncoder().encodeToString(parameters.importToken()));
    }

    @Test
    void encryptRecordsTheContextButNeverThePlaintextOrCiphertext() {
        var key = admin.createKey(CreateKeyRequest.builder().build()).keyMetadata();
        byte[] plaintext = "the plaintext that must not be logged".getBytes();
        var out = admin.encrypt(new EncryptRequest(key.keyId(), SecretBytes.copyOf(plaintext),
                java.util.Map.of("purpose", "demo"), null, null));

        JsonNode encrypt = latest("Encrypt");
        assertThat(encrypt.path("readOnly").asBoolean()).isTrue();
        assertThat(encrypt.path("requestParameters").path("encryptionContext").path("purpose").asText()).isEqualTo("demo");
        assertThat(encrypt.path("responseElements").isNull()).isTrue();
        assertThat(encrypt.toString()).doesNotContain("the plaintext")
                .doesNotContain(Base64.getEncoder().encodeToString(out.ciphertextBlob()));
    }

    @Test
    void lookupEventsFindsEventsByNameAndIsItselfRecordedAsACloudTrailEvent() {
        admin.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build());
        var trail = identities.cloudTrailFor(identities.principal(DefaultPrincipals.ADMINISTRATOR).orElseThrow(),
                CallOrigin.desktop(accessKeyId));

        var page = trail.lookupEvents(new LookupEventsRequest(List.of(new LookupAttribute("EventName", "CreateKey")),
                null, null, null, null));

        assertThat(page.events()).extracting(TrailEvent::eventName).containsExactly("CreateKey");
        assertThat(page.events().get(0).username()).isEqualTo("Administrator");
        assertThat(identities.auditTrail().events().get(0).eventSource()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(identities.auditTrail().events().get(0).eventName()).isEqualTo("LookupEvents");
    }

    @Test
    void eventsAndPrincipalsAreKeptInTheWorkspaceAcrossReopening(@TempDir Path dir) {
        try (Workspace ws = Workspace.open(dir, Workspace.Options.defaults("111122223333", "us-east-1"))) {
            EmbeddedKms kms = new EmbeddedKms(ws.store(), AccountContext.defaults(), SimulatedClock.systemUtc(),
                    new SecureRandom(), EmbeddedKmsFixture.ON_DEMAND_POOL);
            WorkspaceIdentities ids = WorkspaceIdentities.open(kms, new SecureRandom());
            var p = ids.principals().get(0);
            ids.kmsFor(p, CallOrigin.desktop(ids.accessKeyOf(p).accessKeyId()))
                    .createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build());
        }
        try (Workspace ws = Workspace.open(dir, Workspace.Options.defaults("111122223333", "us-east-1"))) {
            EmbeddedKms kms = new EmbeddedKms(ws.store(), AccountContext.defaults(), SimulatedClock.systemUtc(),
                    new SecureRandom(), EmbeddedKmsFixture.ON_DEMAND_POOL);
            WorkspaceIdentities ids = WorkspaceIdentities.open(kms, new SecureRandom());
            assertThat(ids.auditTrail().events()).extracting(TrailEvent::eventName).containsExactly("CreateKey");
            assertThat(ids.principals()).extracting(p -> p.name())
                    .containsExactly("Administrator", "KMSAdminRole", "KeyUserRole");
        }
    }
}
