package dev.byokstudio.ui.access;

import static dev.byokstudio.ui.MainWindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.EndpointControl;
import dev.byokstudio.ui.MainWindowHarness;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.keys.KeyRow;
import java.security.SecureRandom;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The policy simulator opened from the main window (Ctrl+Shift+P), headless, and run with the robot to a denial:
 * KeyUserRole may not GetParametersForImport on the selected key.
 */
@ExtendWith(ApplicationExtension.class)
class PolicySimulatorViewTest {

    private final FakeAccessControl access = new FakeAccessControl();
    private MainWindowHarness window;
    private String keyId;

    @Start
    void start(Stage stage) {
        EmbeddedKms kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
                SimulatedClock.systemUtc(), new SecureRandom());
        keyId = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build()).keyMetadata().keyId();
        StudioSession session = new StudioSession(kms, kms, "111122223333", "us-east-1", "simulator test",
                EndpointControl.NONE, access, null);
        window = MainWindowHarness.show(stage, session, 1280, 800);
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void keyUserRole_gettingImportParameters_isDeniedImplicitly(FxRobot robot) throws Exception {
        TableView<KeyRow> keys = robot.lookup(".keys-table").queryTableView();
        waitUntil(() -> keys.getItems().size() == 1);
        robot.clickOn(robot.lookup(".keys-table .table-row-cell").nth(0).queryAs(Node.class));
        waitUntil(() -> keys.getSelectionModel().getSelectedItem() != null);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup(".policy-simulator").tryQuery().isPresent());
        ComboBox<Principal> principal = robot.lookup("#simulatorPrincipal").queryComboBox();
        waitUntil(() -> FakeAccessControl.ADMINISTRATOR.equals(principal.getValue()));
        ComboBox<String> key = robot.lookup("#simulatorKey").queryComboBox();
        assertThat(key.getValue()).as("the key selected in the list").isEqualTo(keyId);

        robot.clickOn(principal);
        waitUntil(principal::isShowing);
        robot.clickOn(robot.lookup((Node n) -> n instanceof ListCell<?> cell
                && FakeAccessControl.KEY_USER_ROLE.equals(cell.getItem())).queryAs(Node.class));
        waitUntil(() -> FakeAccessControl.KEY_USER_ROLE.equals(principal.getValue()));
        robot.clickOn("#evaluateButton");

        Label decision = robot.lookup("#decision").queryAs(Label.class);
        waitUntil(() -> decision.getText().contains("Denied"));
        assertThat(decision.getText()).isEqualTo("\u2716  Denied \u2014 implicit");
        assertThat(decision.getPseudoClassStates()).extracting(Object::toString).contains("denied");
        TextArea message = robot.lookup("#accessDeniedMessage").queryAs(TextArea.class);
        assertThat(message.getText()).startsWith("User: arn:aws:sts::111122223333:assumed-role/KeyUserRole/byok-studio"
                + " is not authorized to perform: kms:GetParametersForImport on resource: arn:aws:kms:us-east-1:"
                + "111122223333:key/" + keyId);
        assertThat(message.isVisible()).isTrue();
        assertThat(access.simulations).singleElement().satisfies(request -> {
            assertThat(request.principalName()).isEqualTo("KeyUserRole");
            assertThat(request.action()).isEqualTo("kms:GetParametersForImport");
            assertThat(request.keyId()).isEqualTo(keyId);
        });
        assertThat(access.actAsCalls).as("simulating changes who the application acts as").isEmpty();
    }
}
