package dev.byokstudio.ui.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The "Acting as" chooser's view model over a fake access control. */
class ActingAsViewModelTest {

    private final FakeAccessControl access = new FakeAccessControl();
    private final FakeDialogService dialogs = new FakeDialogService();
    private final AtomicInteger refreshes = new AtomicInteger();
    private ActingAsViewModel viewModel;

    @BeforeEach
    void setUp() {
        viewModel = new ActingAsViewModel(access, new SameThreadTaskExecutor(), dialogs, refreshes::incrementAndGet);
        viewModel.load();
    }

    @Test
    void load_listsThePrincipalsAdministratorFirst_andWhoIsActedAs() {
        assertThat(viewModel.principals()).extracting(p -> p.name())
                .containsExactly("Administrator", "KMSAdminRole", "KeyUserRole", "Auditor");
        assertThat(viewModel.actingAsProperty().get()).isEqualTo(FakeAccessControl.ADMINISTRATOR);
        assertThat(viewModel.choiceProperty().get()).isEqualTo(FakeAccessControl.ADMINISTRATOR);
        assertThat(access.actAsCalls).as("showing who is acted as changes nothing").isEmpty();
        assertThat(ActingAsViewModel.describe(FakeAccessControl.KEY_USER_ROLE)).isEqualTo("KeyUserRole (IAM role)");
        assertThat(ActingAsViewModel.describe(FakeAccessControl.AUDITOR)).isEqualTo("Auditor (IAM user)");
    }

    @Test
    void choosingAPrincipal_actsAsIt_thenRefreshesTheKeys() {
        viewModel.choiceProperty().set(FakeAccessControl.KEY_USER_ROLE);

        assertThat(access.actAsCalls).containsExactly("KeyUserRole");
        assertThat(viewModel.actingAsProperty().get()).isEqualTo(FakeAccessControl.KEY_USER_ROLE);
        assertThat(refreshes.get()).isEqualTo(1);
        assertThat(viewModel.statusMessageProperty().get()).startsWith("Acting as KeyUserRole (IAM role)");
        assertThat(viewModel.switchingProperty().get()).isFalse();
    }

    @Test
    void choosingWhoIsAlreadyActedAs_doesNothing() {
        viewModel.choiceProperty().set(FakeAccessControl.KEY_USER_ROLE);
        viewModel.actAs(FakeAccessControl.KEY_USER_ROLE);

        assertThat(access.actAsCalls).containsExactly("KeyUserRole");
        assertThat(refreshes.get()).isEqualTo(1);
    }

    @Test
    void aFailedChange_isShown_andTheChooserReturnsToWhoIsActedAs() {
        access.actAsFailure = new IllegalStateException("the workspace is closed");

        viewModel.choiceProperty().set(FakeAccessControl.AUDITOR);

        assertThat(dialogs.errors).singleElement()
                .satisfies(e -> assertThat(e.whatFailed()).isEqualTo("Could not act as Auditor"));
        assertThat(viewModel.choiceProperty().get()).isEqualTo(FakeAccessControl.ADMINISTRATOR);
        assertThat(viewModel.actingAsProperty().get()).isEqualTo(FakeAccessControl.ADMINISTRATOR);
        assertThat(refreshes.get()).isZero();
    }

    @Test
    void withoutAccessControl_thereIsNoChooser() {
        ActingAsViewModel none = new ActingAsViewModel(null, new SameThreadTaskExecutor(), dialogs, () -> { });

        none.load();
        none.actAs(FakeAccessControl.AUDITOR);

        assertThat(none.available()).isFalse();
        assertThat(none.principals()).isEmpty();
        assertThat(none.unavailableText()).contains("credentials");
    }
}
