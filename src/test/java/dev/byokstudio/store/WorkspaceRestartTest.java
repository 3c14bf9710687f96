package dev.byokstudio.store;

import static dev.byokstudio.store.WorkspaceFixture.START;
import static dev.byokstudio.store.WorkspaceFixture.importExpiring;
import static dev.byokstudio.store.WorkspaceFixture.importMaterial;
import static dev.byokstudio.store.WorkspaceFixture.importNew;
import static dev.byokstudio.store.WorkspaceFixture.importWith;
import static dev.byokstudio.store.WorkspaceFixture.kms;
import static dev.byokstudio.store.WorkspaceFixture.open;
import static dev.byokstudio.store.WorkspaceFixture.parameters;
import static dev.byokstudio.store.WorkspaceFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.kms.AliasListEntry;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.EnableKeyRotationRequest;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.GetKeyRotationStatusRequest;
import dev.byokstudio.kms.GetKeyRotationStatusResponse;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.IncludeKeyMaterial;
import dev.byokstudio.kms.IncorrectKeyMaterialException;
import dev.byokstudio.kms.KeyListEntry;
import dev.byokstudio.kms.KeyMaterialState;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.ListAliasesRequest;
import dev.byokstudio.kms.ListKeyRotationsRequest;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.ListResourceTagsRequest;
import dev.byokstudio.kms.MultiRegionKeyType;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.RotateKeyOnDemandRequest;
import dev.byokstudio.kms.RotationType;
import dev.byokstudio.kms.RotationsListEntry;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.kms.ScheduleKeyDeletionResponse;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.kms.UpdateAliasRequest;
import dev.byokstudio.material.KeyMaterialGenerator;
import dev.byokstudio.material.MaterialRules;
import dev.byokstudio.store.WorkspaceFixture.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything the model keeps survives closing the workspace and opening it again, as the Kms interface
 * shows it; and whatever fell due while the application was closed takes effect at start.
 */
class WorkspaceRestartTest {

    /** A custom policy whose layout (spaces, tab, CRLF, Latin-1 letters) must come back byte for byte. */
    private static final String CUSTOM_POLICY = "{\"Version\":\"2012-10-17\",   \"Statement\":[{\"Sid\":\"Root - Zürich\","
            + "\"Effect\":\"Allow\",\r\n\t\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
            + "\"Action\":[\"kms:*\"],  \"Resource\":\"*\"}]}\n";
    private static final List<Tag> TAGS = List.of(new Tag("Project", "BYOK"), new Tag("Owner", "Trainer Ünal"),
            new Tag("Cost-Center", "42"), new Tag("A-first-alphabetically", ""));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);

    /** The ids of every kind of object the round trip covers, and what was recorded when they were made. */
    private static final class Made {
        final List<String> keysInCreationOrder = new ArrayList<>();
        String awsSymmetric;
        String awsHmac;
        String awsEcc;
        String awsSecp256k1;
        String multiRegion;
        String customPolicy;
        String pendingImport;
        String expiring;
        byte[] expiringMaterial;
        Instant expiringValidTo;
        String expiringMaterialId;
        String hmac;
        byte[] hmacMaterial;
        String ec;
        byte[] ecCanonical;
        String disabled;
        String pendingDeletion;
        Instant deletionDate;
        String pendingRotation;
        String pendingRotationFirst;
        String pendingRotationSecond;
        String rotated;
        String rotatedFirst;
        String rotatedSecond;
        Instant rotatedAt;
        String materialDeleted;
        byte[] materialDeletedBytes;
        String materialDeletedId;
        Instant aliasCreated;
        Instant aliasUpdated;
        GetKeyRotationStatusResponse rotationStatus;
    }

    /** One workspace holding every kind of object, made once and closed; the round-trip tests only reopen it. */
    @TempDir
    static Path everyKind;
    private static final MutableClock EVERY_KIND_CLOCK = new MutableClock(START);
    private static Made made;
    private static Map<String, Object> before;
    private static final Map<String, byte[]> MATERIAL_BEFORE = new LinkedHashMap<>();

    @BeforeAll
    static void makeAWorkspaceWithEveryKindOfObject_andCloseIt() {
        try (Workspace ws = open(everyKind)) {
            EmbeddedKms kms = kms(ws, EVERY_KIND_CLOCK);
            made = makeEveryKindOfObject(kms, EVERY_KIND_CLOCK);
            before = snapshot(kms);
            MATERIAL_BEFORE.putAll(materials(ws));
        }
    }

    @Test
    void everyKindOfObject_readsTheSameThroughTheKmsAfterCloseAndReopen() {
        try (Workspace ws = open(everyKind)) {
            EmbeddedKms kms = kms(ws, EVERY_KIND_CLOCK);
            Map<String, Object> after = snapshot(kms);

            assertThat(after).containsExactlyEntriesOf(before);
            assertExpectedFacts(kms, made);
        }
    }

    @Test
    void importedAndGeneratedMaterial_unsealsToTheSameBytesAfterReopen() {
        try (Workspace ws = open(everyKind)) {
            Map<String, byte[]> materialAfter = materials(ws);

            assertThat(materialAfter.keySet()).containsExactlyElementsOf(MATERIAL_BEFORE.keySet());
            MATERIAL_BEFORE.forEach((place, bytes) -> assertThat(materialAfter.get(place)).as(place).isEqualTo(bytes));
            assertThat(currentMaterial(ws, made.expiring)).isEqualTo(made.expiringMaterial);
            assertThat(currentMaterial(ws, made.hmac)).isEqualTo(made.hmacMaterial);
            assertThat(currentMaterial(ws, made.ec)).isEqualTo(made.ecCanonical);
            assertThat(ws.store().key(made.materialDeleted).orElseThrow().currentMaterial().orElseThrow().isPresent())
                    .as("deleted material stays deleted").isFalse();
        }
    }

    /** Every material in the workspace by key and material id: its bytes, or null where it is absent. */
    private static Map<String, byte[]> materials(Workspace ws) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (StoredKey k : ws.store().keys()) {
            for (StoredMaterial m : k.materials()) {
                out.put(k.keyId() + "/" + m.keyMaterialId(), m.material() == null ? null : m.material().revealCopy());
            }
        }
        return out;
    }

    @Test
    void importToken_issuedBeforeRestart_stillImportsAfterIt() {
        String keyId;
        GetParametersForImportResponse p;
        byte[] material = randomBytes(32);
        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, clock);
            keyId = createExternal(kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
            p = parameters(kms, keyId);
        }
        clock.advance(Duration.ofHours(1));

        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, clock);
            String materialId = importWith(kms, keyId, p, material, null, null).keyMaterialId();

            assertThat(describe(kms, keyId).keyState()).isEqualTo(KeyState.Enabled);
            assertThat(describe(kms, keyId).currentKeyMaterialId()).isEqualTo(materialId);
        }
    }

    @Test
    void sameMaterialReimportedAfterRestart_hasTheSameKeyMaterialId_andOtherBytesAreRefused() {
        byte[] material = randomBytes(32);
        String keyId;
        String firstId;
        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, clock);
            keyId = createExternal(kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
            firstId = importMaterial(kms, keyId, material).keyMaterialId();
            kms.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(keyId, null));
        }

        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, clock);
            Throwable other = catchThrowable(() -> importMaterial(kms, keyId, randomBytes(32)));
            String againId = importMaterial(kms, keyId, material).keyMaterialId();

            assertThat(other).isInstanceOf(IncorrectKeyMaterialException.class);
            assertThat(((KmsException) other).awsMessage()).contains(firstId);
            assertThat(againId).isEqualTo(firstId);
            assertThat(describe(kms, keyId).keyState()).isEqualTo(KeyState.Enabled);
        }
    }

    // ---------------------------------------------------------------- what fell due while closed

    @Test
    void materialThatExpiredWhileClosed_isDeletedAtStart_andTheKeyIsPendingImport() {
        String keyId;
        String materialId;
        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, clock);
            keyId = createExternal(kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
            materialId = importExpiring(kms, keyId, randomBytes(32), START.plus(Duration.ofHours(1))).keyMaterialId();
            assertThat(describe(kms, keyId).keyState()).isEqualTo(KeyState.Enabled);
        }

        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, new MutableClock(START.plus(Duration.ofHours(2))));
            kms.applyDueNow();

            StoredKey stored = ws.store().key(keyId).orElseThrow();
            assertThat(stored.keyState()).as("state in the workspace, before any operation")
                    .isEqualTo(KeyState.PendingImport);
            assertThat(stored.material(materialId).orElseThrow().isPresent()).isFalse();
            KeyMetadata after = describe(kms, keyId);
            assertThat(after.keyState()).isEqualTo(KeyState.PendingImport);
            assertThat(after.validTo()).isNull();
            assertThat(after.currentKeyMaterialId()).isEqualTo(materialId);
        }
    }

    @Test
    void keyWhoseDeletionDatePassedWhileClosed_isGoneAtStart_withItsAliases() {
        String doomed;
        String kept;
        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, clock);
            doomed = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
            kept = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
            kms.createAlias(new CreateAliasRequest("alias/doomed", doomed));
            kms.createAlias(new CreateAliasRequest("alias/doomed-too", doomed));
            kms.createAlias(new CreateAliasRequest("alias/kept", kept));
            kms.scheduleKeyDeletion(new ScheduleKeyDeletionRequest(doomed, 7));
        }

        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, new MutableClock(START.plus(Duration.ofDays(7)).plus(Duration.ofHours(2))));
            kms.applyDueNow();

            assertThat(ws.store().key(doomed)).as("key in the workspace, before any operation").isEmpty();
            assertThat(ws.store().aliases()).extracting(StoredAlias::aliasName).containsExactly("alias/kept");
            assertThat(catchThrowable(() -> describe(kms, doomed))).isInstanceOf(NotFoundException.class);
            assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).extracting(KeyListEntry::keyId)
                    .containsExactly(kept);
        }
    }

    @Test
    void keyWhoseDeletionDateIsStillAhead_survivesTheRestart() {
        String keyId;
        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, clock);
            keyId = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
            kms.scheduleKeyDeletion(new ScheduleKeyDeletionRequest(keyId, 7));
        }

        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, new MutableClock(START.plus(Duration.ofDays(7)).minusSeconds(1)));
            kms.applyDueNow();

            assertThat(describe(kms, keyId).keyState()).isEqualTo(KeyState.PendingDeletion);
        }
    }

    @Test
    void wrappingKeysWhoseTokensExpiredWhileClosed_areDroppedAtStart() {
        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, clock);
            parameters(kms, createExternal(kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT));
            assertThat(ws.store().wrappingKeys()).hasSize(1);
        }

        try (Workspace ws = open(dir)) {
            kms(ws, new MutableClock(START.plus(Duration.ofHours(25)))).applyDueNow();

            assertThat(ws.store().wrappingKeys()).isEmpty();
        }
    }

    @Test
    void automaticRotationThatFellDueWhileClosed_happensAtStart() {
        String keyId;
        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, clock);
            keyId = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
            kms.enableKeyRotation(new EnableKeyRotationRequest(keyId, 90));
        }

        try (Workspace ws = open(dir)) {
            EmbeddedKms kms = kms(ws, new MutableClock(START.plus(Duration.ofDays(91))));
            kms.applyDueNow();

            assertThat(ws.store().key(keyId).orElseThrow().materials()).as("materials in the workspace").hasSize(2);
            List<RotationsListEntry> rotations =
                    kms.listKeyRotations(new ListKeyRotationsRequest(keyId, null, null, null)).rotations();
            assertThat(rotations).extracting(RotationsListEntry::rotationType).containsExactly(RotationType.AUTOMATIC);
            assertThat(rotations.get(0).rotationDate()).isBetween(START.plus(Duration.ofDays(90)), START.plus(Duration.ofDays(91)));
            assertThat(kms.getKeyRotationStatus(new GetKeyRotationStatusRequest(keyId)).nextRotationDate())
                    .isEqualTo(START.plus(Duration.ofDays(180)));
        }
    }

    // ---------------------------------------------------------------- building and reading

    /** Creates each kind of object, moving the clock a minute between steps so that every date is distinct. */
    private static Made makeEveryKindOfObject(Kms kms, MutableClock clock) {
        Made m = new Made();
        Runnable tick = () -> clock.advance(Duration.ofMinutes(1));
        KeyMaterialGenerator generator = new KeyMaterialGenerator(WorkspaceFixture.RANDOM);

        m.awsSymmetric = created(m, kms.createKey(CreateKeyRequest.builder().description("AWS_KMS symmetric")
                .tags(TAGS).build()).keyMetadata());
        tick.run();
        kms.enableKeyRotation(new EnableKeyRotationRequest(m.awsSymmetric, 180));
        tick.run();
        kms.rotateKeyOnDemand(new RotateKeyOnDemandRequest(m.awsSymmetric));
        m.rotationStatus = kms.getKeyRotationStatus(new GetKeyRotationStatusRequest(m.awsSymmetric));
        tick.run();
        m.awsHmac = created(m, kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_384)
                .keyUsage(KeyUsage.GENERATE_VERIFY_MAC).build()).keyMetadata());
        tick.run();
        m.awsEcc = created(m, kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.ECC_NIST_P384)
                .keyUsage(KeyUsage.SIGN_VERIFY).build()).keyMetadata());
        tick.run();
        m.awsSecp256k1 = created(m, kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.ECC_SECG_P256K1)
                .keyUsage(KeyUsage.SIGN_VERIFY).description("secp256k1").build()).keyMetadata());
        tick.run();
        m.multiRegion = created(m, kms.createKey(CreateKeyRequest.builder().multiRegion(true).build()).keyMetadata());
        tick.run();
        m.customPolicy = created(m, kms.createKey(CreateKeyRequest.builder().policy(CUSTOM_POLICY).build()).keyMetadata());
        tick.run();

        m.pendingImport = createExternal(m, kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        tick.run();
        m.expiring = createExternal(m, kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        m.expiringMaterial = randomBytes(32);
        m.expiringValidTo = clock.instant().plus(Duration.ofDays(30));
        m.expiringMaterialId = importExpiring(kms, m.expiring, m.expiringMaterial, m.expiringValidTo).keyMaterialId();
        tick.run();
        m.hmac = createExternal(m, kms, KeySpec.HMAC_512, KeyUsage.GENERATE_VERIFY_MAC);
        m.hmacMaterial = randomBytes(64);
        importMaterial(kms, m.hmac, m.hmacMaterial);
        tick.run();
        m.ec = createExternal(m, kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);
        SecretBytes pkcs8 = generator.generate(KeySpec.ECC_NIST_P256, false);
        m.ecCanonical = MaterialRules.check(KeySpec.ECC_NIST_P256, false, pkcs8).accepted().orElseThrow()
                .canonical().revealCopy();
        importMaterial(kms, m.ec, pkcs8.revealCopy());
        tick.run();
        m.disabled = createExternal(m, kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        importMaterial(kms, m.disabled, randomBytes(32));
        kms.disableKey(new DisableKeyRequest(m.disabled));
        tick.run();
        m.pendingDeletion = createExternal(m, kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        importMaterial(kms, m.pendingDeletion, randomBytes(32));
        tick.run();
        m.pendingRotation = createExternal(m, kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        m.pendingRotationFirst = importMaterial(kms, m.pendingRotation, randomBytes(32)).keyMaterialId();
        tick.run();
        m.pendingRotationSecond = importNew(kms, m.pendingRotation, randomBytes(32)).keyMaterialId();
        tick.run();
        m.rotated = createExternal(m, kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        m.rotatedFirst = importMaterial(kms, m.rotated, randomBytes(32)).keyMaterialId();
        m.rotatedSecond = importNew(kms, m.rotated, randomBytes(32)).keyMaterialId();
        tick.run();
        m.rotatedAt = clock.instant();
        kms.rotateKeyOnDemand(new RotateKeyOnDemandRequest(m.rotated));
        tick.run();
        m.materialDeleted = createExternal(m, kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        m.materialDeletedBytes = randomBytes(32);
        m.materialDeletedId = importMaterial(kms, m.materialDeleted, m.materialDeletedBytes).keyMaterialId();
        kms.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(m.materialDeleted, null));
        tick.run();

        m.aliasCreated = clock.instant();
        kms.createAlias(new CreateAliasRequest("alias/app-data", m.awsSymmetric));
        kms.createAlias(new CreateAliasRequest("alias/Zeta/last", m.multiRegion));
        kms.createAlias(new CreateAliasRequest("alias/hmac", m.hmac));
        kms.createAlias(new CreateAliasRequest("alias/doomed", m.pendingDeletion));
        tick.run();
        m.aliasUpdated = clock.instant();
        kms.updateAlias(new UpdateAliasRequest("alias/app-data", m.expiring));
        tick.run();
        // After its alias was made: KMS refuses an alias to a key pending deletion.
        ScheduleKeyDeletionResponse scheduled = kms.scheduleKeyDeletion(new ScheduleKeyDeletionRequest(m.pendingDeletion, 9));
        m.deletionDate = scheduled.deletionDate();
        tick.run();
        return m;
    }

    private static String created(Made m, KeyMetadata key) {
        m.keysInCreationOrder.add(key.keyId());
        return key.keyId();
    }

    private static String createExternal(Made m, Kms kms, KeySpec spec, KeyUsage usage) {
        String keyId = createExternal(kms, spec, usage);
        m.keysInCreationOrder.add(keyId);
        return keyId;
    }

    private static String createExternal(Kms kms, KeySpec spec, KeyUsage usage) {
        return kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).keySpec(spec).keyUsage(usage).build())
                .keyMetadata().keyId();
    }

    private static KeyMetadata describe(Kms kms, String keyId) {
        return kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata();
    }

    private static byte[] currentMaterial(Workspace ws, String keyId) {
        return ws.store().key(keyId).orElseThrow().currentMaterial().orElseThrow().material().revealCopy();
    }

    /** Every answer the read operations of the Kms interface give about the workspace, by name. */
    private static Map<String, Object> snapshot(Kms kms) {
        Map<String, Object> s = new LinkedHashMap<>();
        List<KeyListEntry> keys = kms.listKeys(new ListKeysRequest(null, null)).keys();
        s.put("ListKeys", keys);
        s.put("ListAliases", kms.listAliases(new ListAliasesRequest(null, null, null)).aliases());
        for (KeyListEntry k : keys) {
            String id = k.keyId();
            s.put("DescribeKey " + id, attempt(() -> describe(kms, id)));
            s.put("ListResourceTags " + id, attempt(() -> kms.listResourceTags(new ListResourceTagsRequest(id, null, null))));
            s.put("GetKeyPolicy " + id, attempt(() -> kms.getKeyPolicy(new GetKeyPolicyRequest(id, null))));
            s.put("ListKeyRotations " + id, attempt(() -> kms.listKeyRotations(
                    new ListKeyRotationsRequest(id, IncludeKeyMaterial.ALL_KEY_MATERIAL, null, null))));
            s.put("GetKeyRotationStatus " + id, attempt(() -> kms.getKeyRotationStatus(new GetKeyRotationStatusRequest(id))));
            s.put("ListAliases " + id, attempt(() -> kms.listAliases(new ListAliasesRequest(id, null, null))));
        }
        return s;
    }

    private static Object attempt(Supplier<Object> call) {
        try {
            return call.get();
        } catch (KmsException e) {
            return e.getClass().getSimpleName() + ": " + e.awsMessage();
        }
    }

    /** What the round trip must show, stated independently of the snapshot taken before closing. */
    private static void assertExpectedFacts(Kms kms, Made m) {
        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).extracting(KeyListEntry::keyId)
                .as("ListKeys in creation order").containsExactlyElementsOf(m.keysInCreationOrder);

        assertThat(kms.listResourceTags(new ListResourceTagsRequest(m.awsSymmetric, null, null)).tags())
                .containsExactlyElementsOf(TAGS);
        assertThat(describe(kms, m.awsSymmetric).description()).isEqualTo("AWS_KMS symmetric");
        assertThat(kms.getKeyRotationStatus(new GetKeyRotationStatusRequest(m.awsSymmetric))).isEqualTo(m.rotationStatus);
        assertThat(m.rotationStatus.keyRotationEnabled()).isTrue();
        assertThat(m.rotationStatus.rotationPeriodInDays()).isEqualTo(180);
        assertThat(kms.listKeyRotations(new ListKeyRotationsRequest(m.awsSymmetric, null, null, null)).rotations())
                .extracting(RotationsListEntry::rotationType).containsExactly(RotationType.ON_DEMAND);
        assertThat(describe(kms, m.awsHmac).keySpec()).isEqualTo(KeySpec.HMAC_384);
        assertThat(describe(kms, m.awsEcc).keySpec()).isEqualTo(KeySpec.ECC_NIST_P384);
        assertThat(describe(kms, m.awsSecp256k1).keySpec()).isEqualTo(KeySpec.ECC_SECG_P256K1);

        KeyMetadata mrk = describe(kms, m.multiRegion);
        assertThat(mrk.multiRegion()).isTrue();
        assertThat(mrk.keyId()).startsWith("mrk-");
        assertThat(mrk.multiRegionConfiguration().multiRegionKeyType()).isEqualTo(MultiRegionKeyType.PRIMARY);

        assertThat(kms.getKeyPolicy(new GetKeyPolicyRequest(m.customPolicy, null)).policy()).isEqualTo(CUSTOM_POLICY);

        assertThat(describe(kms, m.pendingImport).keyState()).isEqualTo(KeyState.PendingImport);
        KeyMetadata expiring = describe(kms, m.expiring);
        assertThat(expiring.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(expiring.expirationModel()).isEqualTo(ExpirationModel.KEY_MATERIAL_EXPIRES);
        assertThat(expiring.validTo()).isEqualTo(m.expiringValidTo);
        assertThat(expiring.currentKeyMaterialId()).isEqualTo(m.expiringMaterialId);
        assertThat(describe(kms, m.hmac).keyState()).isEqualTo(KeyState.Enabled);
        assertThat(describe(kms, m.ec).keyState()).isEqualTo(KeyState.Enabled);
        assertThat(describe(kms, m.disabled).keyState()).isEqualTo(KeyState.Disabled);
        KeyMetadata doomed = describe(kms, m.pendingDeletion);
        assertThat(doomed.keyState()).isEqualTo(KeyState.PendingDeletion);
        assertThat(doomed.deletionDate()).isEqualTo(m.deletionDate).isAfter(START.plus(Duration.ofDays(9)));

        assertThat(kms.listKeyRotations(new ListKeyRotationsRequest(m.pendingRotation, IncludeKeyMaterial.ALL_KEY_MATERIAL,
                null, null)).rotations())
                .extracting(RotationsListEntry::keyMaterialId, RotationsListEntry::keyMaterialState)
                .containsExactly(tuple(m.pendingRotationFirst, KeyMaterialState.CURRENT),
                        tuple(m.pendingRotationSecond, KeyMaterialState.PENDING_ROTATION));
        assertThat(describe(kms, m.pendingRotation).currentKeyMaterialId()).isEqualTo(m.pendingRotationFirst);
        assertThat(kms.listKeyRotations(new ListKeyRotationsRequest(m.rotated, IncludeKeyMaterial.ALL_KEY_MATERIAL,
                null, null)).rotations())
                .extracting(RotationsListEntry::keyMaterialId, RotationsListEntry::keyMaterialState,
                        RotationsListEntry::rotationDate)
                .containsExactly(tuple(m.rotatedFirst, KeyMaterialState.NON_CURRENT, null),
                        tuple(m.rotatedSecond, KeyMaterialState.CURRENT, m.rotatedAt));
        assertThat(describe(kms, m.rotated).currentKeyMaterialId()).isEqualTo(m.rotatedSecond);

        KeyMetadata deleted = describe(kms, m.materialDeleted);
        assertThat(deleted.keyState()).isEqualTo(KeyState.PendingImport);
        assertThat(deleted.currentKeyMaterialId()).isEqualTo(m.materialDeletedId);

        assertThat(kms.listAliases(new ListAliasesRequest(null, null, null)).aliases())
                .extracting(AliasListEntry::aliasName, AliasListEntry::targetKeyId, AliasListEntry::creationDate,
                        AliasListEntry::lastUpdatedDate)
                .containsExactly(
                        tuple("alias/Zeta/last", m.multiRegion, m.aliasCreated, m.aliasCreated),
                        tuple("alias/app-data", m.expiring, m.aliasCreated, m.aliasUpdated),
                        tuple("alias/doomed", m.pendingDeletion, m.aliasCreated, m.aliasCreated),
                        tuple("alias/hmac", m.hmac, m.aliasCreated, m.aliasCreated));
        assertThat(describe(kms, "alias/app-data").keyId()).isEqualTo(m.expiring);
    }
}
