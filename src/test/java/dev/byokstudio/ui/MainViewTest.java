package dev.byokstudio.ui;

import static dev.byokstudio.ui.MainWindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.keys.KeyRow;
import java.security.SecureRandom;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** A smoke test of the main window, headless, on an embedded KMS with the real executor and dialogs. */
@ExtendWith(ApplicationExtension.class)
class MainViewTest {

    private EmbeddedKms kms;
    private MainWindowHarness window;

    @Start
    void start(Stage stage) {
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(), SimulatedClock.systemUtc(),
                new SecureRandom());
        String keyId = kms.createKey(CreateKeyRequest.builder().description("existing").build()).keyMetadata().keyId();
        kms.createAlias(new CreateAliasRequest("alias/existing", keyId));
        StudioSession session = new StudioSession(kms, kms, "111122223333", "us-east-1", "smoke test");
        window = MainWindowHarness.show(stage, session, 1200, 760);
    }

    @Stop
    void stop() {
        window.close();
    }

    private TableView<KeyRow> table(FxRobot robot) {
        return robot.lookup(".keys-table").queryTableView();
    }

    @Test
    void mainView_showsTheKeysInTheTable(FxRobot robot) throws TimeoutException {
        waitUntil(() -> table(robot).getItems().size() == 1);

        KeyRow row = table(robot).getItems().get(0);
        assertThat(row.firstAlias()).isEqualTo("alias/existing");
        assertThat(row.state()).isEqualTo(KeyState.Enabled);
        assertThat(robot.lookup(".state-badge.state-enabled").tryQuery()).isPresent();
    }

    @Test
    void creatingAKeyThroughTheDialog_addsARow(FxRobot robot) throws TimeoutException {
        waitUntil(() -> table(robot).getItems().size() == 1);

        robot.clickOn("#createButton");
        waitUntil(() -> robot.lookup(".create-key-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".create-key-dialog").queryAs(DialogPane.class);
        assertThat(((Stage) dialog.getScene().getWindow()).getIcons()).containsExactlyElementsOf(AppIcons.images());
        RadioButton external = robot.from(dialog).lookup((Node n) -> n instanceof RadioButton
                && ((RadioButton) n).getText().startsWith("EXTERNAL")).queryAs(RadioButton.class);
        robot.clickOn(external);
        robot.clickOn("#description").write("made by the smoke test");
        robot.clickOn("#alias").write("alias/smoke");
        Button create = robot.from(dialog).lookup((Node n) -> n instanceof Button
                && "Create key".equals(((Button) n).getText())).queryButton();
        assertThat(create.isDisabled()).isFalse();
        robot.clickOn(create);

        waitUntil(() -> table(robot).getItems().size() == 2);
        KeyRow created = table(robot).getItems().stream().filter(r -> r.origin() == Origin.EXTERNAL).findFirst()
                .orElseThrow();
        assertThat(created.state()).isEqualTo(KeyState.PendingImport);
        assertThat(created.firstAlias()).isEqualTo("alias/smoke");
        waitUntil(() -> table(robot).getSelectionModel().getSelectedItem() != null
                && table(robot).getSelectionModel().getSelectedItem().keyId().equals(created.keyId()));
        assertThat(robot.lookup(".create-key-dialog").tryQuery()).isEmpty();
    }

    @Test
    void materialMenu_opensTheWorkbenchWindowWithTheApplicationIcon(FxRobot robot) throws TimeoutException {
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.M)
                .release(javafx.scene.input.KeyCode.M, javafx.scene.input.KeyCode.CONTROL);

        waitUntil(() -> robot.lookup(".material-workbench").tryQuery().isPresent());
        assertThat(robot.lookup(".material-workbench .report-table").tryQuery()).isPresent();
        assertThat(robot.lookup("Generate test material").tryQuery()).isPresent();
        Stage workbench = (Stage) robot.lookup(".material-workbench").query().getScene().getWindow();
        assertThat(workbench.getIcons()).containsExactlyElementsOf(AppIcons.images());
        assertThat(workbench.getIcons()).extracting(image -> (int) image.getWidth())
                .containsExactlyElementsOf(AppIcons.SIZES);
    }
}
