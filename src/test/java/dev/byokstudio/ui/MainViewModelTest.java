package dev.byokstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The main window's view model: title, status line and the simulated clock. */
class MainViewModelTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeDialogService dialogs = new FakeDialogService();
    private EmbeddedKms kms;
    private MainViewModel viewModel;

    @BeforeEach
    void setUp() {
        Clock real = Clock.fixed(START, ZoneOffset.UTC);
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(), new SimulatedClock(real),
                new SecureRandom());
        StudioSession session = new StudioSession(kms, kms, "111122223333", "us-east-1", "demo");
        viewModel = new MainViewModel(session, new SameThreadTaskExecutor(), dialogs, text -> { }, real, ZoneOffset.UTC,
                Runnable::run);
    }

    @Test
    void title_namesTheAccountAndRegion() {
        assertThat(viewModel.windowTitle()).isEqualTo("BYOK Studio \u2014 111122223333 / us-east-1");
        assertThat(viewModel.accountText()).isEqualTo("111122223333 \u00b7 us-east-1");
        assertThat(viewModel.accountDescription()).startsWith(viewModel.accountText()).contains("AWS account");
        assertThat(viewModel.workspaceText()).contains("demo");
    }

    @Test
    void clock_atRealTime_showsTheTimeOnly() {
        viewModel.tick();

        assertThat(viewModel.clockTextProperty().get()).isEqualTo("2026-01-01 00:00:00 Z");
        assertThat(viewModel.clockLeadProperty().get()).isEmpty();
        assertThat(viewModel.clockSimulatedProperty().get()).isFalse();
        assertThat(viewModel.clockExplanationProperty().get()).contains("real time").doesNotContain("Simulated");
    }

    @Test
    void clock_advanced_saysHowFarAheadItIs() {
        viewModel.advanceClock(Duration.ofDays(7).plusHours(1));

        assertThat(viewModel.clockSimulatedProperty().get()).isTrue();
        assertThat(viewModel.clockTextProperty().get()).isEqualTo("2026-01-08 01:00:00 Z");
        assertThat(viewModel.clockLeadProperty().get()).isEqualTo("+7d 1h ahead");
        assertThat(viewModel.clockExplanationProperty().get())
                .isEqualTo("Simulated: the KMS's clock is 7 days 1 hour ahead of real time, 2026-01-01 00:00:00 Z. "
                        + "Real time brings it back.");
        assertThat(viewModel.statusMessageProperty().get()).contains("7 days 1 hour").doesNotContain("169");

        viewModel.returnToRealTime();

        assertThat(viewModel.clockSimulatedProperty().get()).isFalse();
        assertThat(viewModel.clockLeadProperty().get()).isEmpty();
    }

    @Test
    void lead_roundsToHoursAndShowsMinutesUnderAnHour() {
        assertThat(MainViewModel.lead(Duration.ofHours(1))).isEqualTo("+0d 1h");
        assertThat(MainViewModel.lead(Duration.ofDays(31))).isEqualTo("+31d 0h");
        assertThat(MainViewModel.lead(Duration.ofMinutes(59).plusSeconds(40))).isEqualTo("+0d 1h");
        assertThat(MainViewModel.lead(Duration.ofMinutes(20))).isEqualTo("+20m");
    }

    @Test
    void describe_saysDaysHoursAndMinutesInWords_withTheSingularForOne() {
        assertThat(MainViewModel.describe(Duration.ofMinutes(1))).isEqualTo("1 minute");
        assertThat(MainViewModel.describe(Duration.ofMinutes(20))).isEqualTo("20 minutes");
        assertThat(MainViewModel.describe(Duration.ofHours(3))).isEqualTo("3 hours");
        assertThat(MainViewModel.describe(Duration.ofDays(1).plusHours(1))).isEqualTo("1 day 1 hour");
    }

    @Test
    void advancingPastADeletionDate_reloadsTheKeysWithoutTheDeletedOne() {
        String keyId = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build()).keyMetadata().keyId();
        viewModel.start();
        assertThat(viewModel.keys().allKeys()).hasSize(1);
        kms.scheduleKeyDeletion(new ScheduleKeyDeletionRequest(keyId, 7));

        viewModel.advanceClock(Duration.ofDays(7));
        viewModel.advanceClock(Duration.ofHours(1));

        assertThat(viewModel.keys().allKeys()).isEmpty();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void about_showsTheVersion() {
        viewModel.showAbout();

        assertThat(dialogs.informations).singleElement().asString().contains("BYOK Studio development");
    }

    /** An endpoint that records starts and stops, or fails to start. */
    private static final class FakeEndpoint implements EndpointControl {
        int starts;
        int stops;
        boolean refuse;
        String url;

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String start() throws java.io.IOException {
            if (refuse) {
                throw new java.net.BindException("Address already in use");
            }
            starts++;
            url = "http://127.0.0.1:4599";
            return url;
        }

        @Override
        public void stop() {
            stops++;
            url = null;
        }

        @Override
        public java.util.Optional<String> url() {
            return java.util.Optional.ofNullable(url);
        }
    }

    private MainViewModel withEndpoint(FakeEndpoint endpoint) {
        StudioSession session = new StudioSession(kms, kms, "111122223333", "us-east-1", "demo", endpoint);
        return new MainViewModel(session, new SameThreadTaskExecutor(), dialogs, text -> { },
                Clock.fixed(START, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @Test
    void endpoint_startsThenStopsAndTheStatusBarShowsItsAddress() {
        FakeEndpoint endpoint = new FakeEndpoint();
        MainViewModel serving = withEndpoint(endpoint);
        assertThat(serving.endpointAvailable()).isTrue();

        serving.toggleEndpoint();
        assertThat(serving.endpointUrlProperty().get()).isEqualTo("http://127.0.0.1:4599");
        assertThat(serving.statusMessageProperty().get()).contains("aws --endpoint-url http://127.0.0.1:4599");

        serving.toggleEndpoint();
        assertThat(serving.endpointUrlProperty().get()).isEmpty();
        assertThat(endpoint.starts).isEqualTo(1);
        assertThat(endpoint.stops).isEqualTo(1);
    }

    @Test
    void endpoint_thatCannotStart_isExplainedAndNotShownAsServing() {
        FakeEndpoint endpoint = new FakeEndpoint();
        endpoint.refuse = true;
        MainViewModel serving = withEndpoint(endpoint);

        serving.toggleEndpoint();

        assertThat(dialogs.errors).extracting(FakeDialogService.ShownError::whatFailed)
                .containsExactly("Could not serve the KMS protocol");
        assertThat(serving.endpointUrlProperty().get()).isEmpty();
    }

    @Test
    void sessionWithoutEndpoint_offersNone() {
        assertThat(viewModel.endpointAvailable()).isFalse();
    }

    @Test
    void activity_recordsTheOperationsTheViewsPerform() {
        viewModel.keys().refresh();

        assertThat(viewModel.activity().entries()).extracting(dev.byokstudio.ui.activity.ActivityEntry::operation)
                .contains("ListKeys", "ListAliases");
    }

    // ---------------------------------------------------------------- CloudTrail

    private MainViewModel withAudit(dev.byokstudio.ui.audit.FakeAuditTrail audit) {
        StudioSession session = new StudioSession(kms, kms, "111122223333", "us-east-1", "demo", EndpointControl.NONE,
                null, audit);
        return new MainViewModel(session, new SameThreadTaskExecutor(), dialogs, text -> { },
                Clock.fixed(START, ZoneOffset.UTC), ZoneOffset.UTC, Runnable::run);
    }

    @Test
    void cloudTrail_isReadAgainAfterEachKmsCallTheApplicationMakes() {
        dev.byokstudio.ui.audit.FakeAuditTrail audit =
                new dev.byokstudio.ui.audit.FakeAuditTrail(dev.byokstudio.ui.audit.SampleTrail.events());
        MainViewModel withTrail = withAudit(audit);
        withTrail.start();
        assertThat(withTrail.cloudTrail().visibleRows()).hasSize(5);
        int readsBefore = audit.reads.get();

        kms.createKey(CreateKeyRequest.builder().build());
        audit.record(dev.byokstudio.ui.audit.SampleTrail.createKey(START.plusSeconds(60),
                "e0000042-0000-4000-8000-000000000042"));
        withTrail.keys().refresh();

        assertThat(audit.reads.get()).isGreaterThan(readsBefore);
        assertThat(withTrail.cloudTrail().visibleRows()).hasSize(6);
    }

    @Test
    void cloudTrail_showsWhatFellDueWhenTheClockMoves() {
        dev.byokstudio.ui.audit.FakeAuditTrail audit =
                new dev.byokstudio.ui.audit.FakeAuditTrail(java.util.List.of());
        MainViewModel withTrail = withAudit(audit);
        withTrail.start();
        audit.record(dev.byokstudio.ui.audit.SampleTrail.deleteExpiredKeyMaterial(START.plusSeconds(86_400),
                "e0000043-0000-4000-8000-000000000043", dev.byokstudio.ui.audit.SampleTrail.KEY_ARN));

        withTrail.advanceClock(Duration.ofDays(1));

        assertThat(withTrail.cloudTrail().visibleRows()).extracting(dev.byokstudio.ui.audit.TrailRow::eventName)
                .containsExactly("DeleteExpiredKeyMaterial");
    }

    @Test
    void sessionWithoutAuditTrail_hasACloudTrailTabThatSaysWhy() {
        assertThat(viewModel.cloudTrail().available()).isFalse();
    }

    // ---------------------------------------------------------------- acting as

    @Test
    void actingAsAnotherPrincipal_reloadsTheKeysAsItSeesThem() {
        dev.byokstudio.ui.access.FakeAccessControl access = new dev.byokstudio.ui.access.FakeAccessControl();
        StudioSession session = new StudioSession(kms, kms, "111122223333", "us-east-1", "demo", EndpointControl.NONE,
                access, null);
        MainViewModel acting = new MainViewModel(session, new SameThreadTaskExecutor(), dialogs, text -> { },
                Clock.fixed(START, ZoneOffset.UTC), ZoneOffset.UTC, Runnable::run);
        acting.start();
        long listsBefore = acting.activity().entries().stream().filter(e -> e.operation().equals("ListKeys")).count();

        acting.actingAs().choiceProperty().set(dev.byokstudio.ui.access.FakeAccessControl.KEY_USER_ROLE);

        assertThat(access.actAsCalls).containsExactly("KeyUserRole");
        assertThat(acting.activity().entries().stream().filter(e -> e.operation().equals("ListKeys")).count())
                .isEqualTo(listsBefore + 1);
        assertThat(acting.statusMessageProperty().get()).startsWith("Acting as KeyUserRole");
        assertThat(acting.actingAs().available()).isTrue();
        assertThat(viewModel.actingAs().available()).as("a session without access control").isFalse();
    }

    @Test
    void policySimulator_withoutAccessControl_saysWhyInsteadOfOpening() {
        assertThat(viewModel.newPolicySimulator()).isEmpty();
        assertThat(dialogs.informations).singleElement().asString().startsWith("No policy simulator: ");
    }
}
