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
        viewModel = new MainViewModel(session, new SameThreadTaskExecutor(), dialogs, text -> { }, real, ZoneOffset.UTC);
    }

    @Test
    void title_namesTheAccountAndRegion() {
        assertThat(viewModel.windowTitle()).isEqualTo("BYOK Studio \u2014 111122223333 / us-east-1");
        assertThat(viewModel.accountText()).contains("111122223333").contains("us-east-1");
        assertThat(viewModel.workspaceText()).contains("demo");
    }

    @Test
    void clock_atRealTime_showsTheTimeOnly() {
        viewModel.tick();

        assertThat(viewModel.clockTextProperty().get()).isEqualTo("2026-01-01 00:00:00 Z");
        assertThat(viewModel.clockSimulatedProperty().get()).isFalse();
    }

    @Test
    void clock_advanced_saysHowFarAheadItIs() {
        viewModel.advanceClock(Duration.ofDays(7).plusHours(1));

        assertThat(viewModel.clockSimulatedProperty().get()).isTrue();
        assertThat(viewModel.clockTextProperty().get())
                .isEqualTo("2026-01-08 01:00:00 Z  (simulated, +7d 1h ahead)");
        assertThat(viewModel.statusMessageProperty().get()).contains("7 days 1 hour").doesNotContain("169");

        viewModel.returnToRealTime();

        assertThat(viewModel.clockSimulatedProperty().get()).isFalse();
    }

    @Test
    void lead_roundsToHoursAndShowsMinutesUnderAnHour() {
        assertThat(MainViewModel.lead(Duration.ofHours(1))).isEqualTo("+0d 1h");
        assertThat(MainViewModel.lead(Duration.ofDays(31))).isEqualTo("+31d 0h");
        assertThat(MainViewModel.lead(Duration.ofMinutes(59).plusSeconds(40))).isEqualTo("+0d 1h");
        assertThat(MainViewModel.lead(Duration.ofMinutes(20))).isEqualTo("+20m");
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
}
