package dev.byokstudio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.embedded.WorkspaceIdentities;
import dev.byokstudio.embedded.WrappingKeyPool;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DemoScenarioTest {

    private final EmbeddedKms kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
            new SimulatedClock(Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC)), new SecureRandom(),
            new WrappingKeyPool(new SecureRandom(), Map.of()));

    private KeyState state(String alias) {
        return kms.describeKey(new DescribeKeyRequest(alias, null)).keyMetadata().keyState();
    }

    @Test
    void empty_leavesTheAccountEmpty() {
        DemoScenario.EMPTY.apply(kms, kms, false);

        assertThat(kms.listKeys(new ListKeysRequest(null, null)).keys()).isEmpty();
    }

    @Test
    void keysWaitingForImport_areAllPendingImport() {
        DemoScenario.KEYS_WAITING_FOR_IMPORT.apply(kms, kms, false);

        assertThat(state("alias/demo/payments")).isEqualTo(KeyState.PendingImport);
        assertThat(state("alias/demo/release-signing")).isEqualTo(KeyState.PendingImport);
    }

    @Test
    void materialAboutToExpire_expiresWhenTheClockMovesTwoHours() {
        DemoScenario.MATERIAL_ABOUT_TO_EXPIRE.apply(kms, kms, false);
        assertThat(state("alias/demo/expiring-soon")).isEqualTo(KeyState.Enabled);

        kms.advance(Duration.ofHours(2));

        assertThat(state("alias/demo/expiring-soon")).isEqualTo(KeyState.PendingImport);
        assertThat(state("alias/demo/expiring-later")).isEqualTo(KeyState.Enabled);
    }

    @Test
    void materialAboutToExpire_worksInTheChinaRegionsWithSm4SizedMaterial() {
        EmbeddedKms china = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.inRegion("cn-north-1"),
                SimulatedClock.systemUtc(), new SecureRandom(), new WrappingKeyPool(new SecureRandom(), Map.of()));

        DemoScenario.MATERIAL_ABOUT_TO_EXPIRE.apply(china, china, true);

        assertThat(china.describeKey(new DescribeKeyRequest("alias/demo/expiring-soon", null)).keyMetadata().keyState())
                .isEqualTo(KeyState.Enabled);
    }

    @Test
    void policyRefusesARole_storesADenyForKeyUserRole() {
        DemoScenario.POLICY_REFUSES_A_ROLE.apply(kms, kms, false);
        String keyId = kms.describeKey(new DescribeKeyRequest("alias/demo/admins-only-import", null)).keyMetadata().keyId();

        String policy = kms.getKeyPolicy(new GetKeyPolicyRequest(keyId, null)).policy();

        assertThat(policy).contains("\"Effect\" : \"Deny\"", "role/KeyUserRole", "kms:ImportKeyMaterial");
    }

    @Test
    void materialAboutToExpire_filledAsTheAdministrator_isInCloudTrailCallByCall() {
        WorkspaceIdentities identities = WorkspaceIdentities.open(kms, new SecureRandom());

        DemoScenario.MATERIAL_ABOUT_TO_EXPIRE.fillAsAdministrator(identities, kms, false);

        List<TrailEvent> events = identities.auditTrail().events();
        assertThat(events).extracting(TrailEvent::eventName)
                .contains("CreateKey", "CreateAlias", "GetParametersForImport", "ImportKeyMaterial");
        assertThat(events).extracting(TrailEvent::username).containsOnly("Administrator");
        assertThat(state("alias/demo/expiring-soon")).isEqualTo(KeyState.Enabled);
    }

    @Test
    void policyRefusesARole_filledAsTheAdministrator_showsTheKeyCreatedWithItsPolicy() {
        WorkspaceIdentities identities = WorkspaceIdentities.open(kms, new SecureRandom());

        DemoScenario.POLICY_REFUSES_A_ROLE.fillAsAdministrator(identities, kms, false);

        TrailEvent createKey = identities.auditTrail().events().stream()
                .filter(e -> e.eventName().equals("CreateKey")).findFirst().orElseThrow();
        assertThat(createKey.cloudTrailEvent()).contains("role/KeyUserRole");
    }

    @ParameterizedTest
    @EnumSource(DemoScenario.class)
    void everyScenario_isNamedOnTheCommandLineWithDashes(DemoScenario scenario) {
        assertThat(DemoScenario.named(scenario.name().toLowerCase().replace('_', '-'))).isEqualTo(scenario);
    }

    @Test
    void unknownScenario_namesTheKnownOnes() {
        assertThatThrownBy(() -> DemoScenario.named("party")).hasMessageContaining("empty, keys-waiting-for-import");
    }
}
