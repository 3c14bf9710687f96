package dev.byokstudio.ui.audit;

import static dev.byokstudio.ui.MainWindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.EndpointControl;
import dev.byokstudio.ui.MainWindowHarness;
import dev.byokstudio.ui.StudioSession;
import java.security.SecureRandom;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The CloudTrail tab in the main window, headless, over a fake audit trail of an import: opened, filtered with the
 * robot, and an event's record read.
 */
@ExtendWith(ApplicationExtension.class)
class CloudTrailViewTest {

    private MainWindowHarness window;

    @Start
    void start(Stage stage) {
        EmbeddedKms kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
                SimulatedClock.systemUtc(), new SecureRandom());
        StudioSession session = new StudioSession(kms, kms, SampleTrail.ACCOUNT, SampleTrail.REGION, "CloudTrail test",
                EndpointControl.NONE, null, new FakeAuditTrail(SampleTrail.events()));
        window = MainWindowHarness.show(stage, session, 1280, 800);
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void filteringAndSelectingAnEvent_showsItsRecord(FxRobot robot) throws Exception {
        robot.clickOn("CloudTrail");
        TableView<TrailRow> table = robot.lookup(".cloudtrail-table").queryTableView();
        waitUntil(() -> table.getItems().size() == 5);

        ComboBox<String> eventNames = robot.lookup(".cloudtrail-filters .combo-box").queryComboBox();
        robot.clickOn(eventNames);
        waitUntil(eventNames::isShowing);
        robot.clickOn(robot.lookup((Node n) -> n instanceof ListCell<?> cell
                && "GetParametersForImport".equals(cell.getItem())).queryAs(Node.class));
        waitUntil(() -> table.getItems().size() == 2);
        robot.clickOn(".cloudtrail-filters .text-field").write(SampleTrail.KEY_ID.substring(0, 8));
        assertThat(table.getItems()).hasSize(2);
        assertThat(robot.lookup(".cloudtrail-count").queryAs(Label.class).getText()).isEqualTo("2 of 5 events");

        Node deniedRow = robot.lookup((Node n) -> n instanceof TableRow<?> row && row.getItem() instanceof TrailRow r
                && r.failed()).query();
        robot.clickOn(deniedRow);

        TextArea record = robot.lookup(".cloudtrail-record").queryAs(TextArea.class);
        waitUntil(() -> record.getText().contains("\"errorCode\": \"AccessDenied\""));
        assertThat(record.getText()).contains("\"eventName\": \"GetParametersForImport\"")
                .contains("assumed-role/KeyUserRole/byok-studio");
        assertThat(record.isEditable()).isFalse();
        assertThat(deniedRow.getPseudoClassStates()).extracting(Object::toString).contains("failed");
    }
}
