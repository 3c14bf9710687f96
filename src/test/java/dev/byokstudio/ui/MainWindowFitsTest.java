package dev.byokstudio.ui;

import static dev.byokstudio.ui.MainWindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.access.FakeAccessControl;
import dev.byokstudio.ui.audit.FakeAuditTrail;
import dev.byokstudio.ui.audit.SampleTrail;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The main window at its smallest, with its status bar at its longest: the clock nearly a year ahead, the endpoint
 * serving, the acting-as chooser, a China Region and a long workspace path. Everything must still fit the window:
 * a status bar wider than the window used to push the whole window's content past its right edge, cutting off the
 * clock's buttons (Real time among them) and the keys' search field.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFitsTest {

    private static final String WORKSPACE = "/home/trainer/.local/share/byok-studio/workspaces/cn-northwest-1";

    private MainWindowHarness window;

    @Start
    void start(Stage stage) {
        EmbeddedKms kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
                SimulatedClock.systemUtc(), new SecureRandom());
        kms.advance(Duration.ofDays(364).plusHours(23));
        StudioSession session = new StudioSession(kms, kms, "111122223333", "cn-northwest-1", WORKSPACE,
                new ServingEndpoint(), new FakeAccessControl(), new FakeAuditTrail(SampleTrail.events()));
        window = MainWindowHarness.show(stage, session, MainView.MIN_WIDTH, MainView.MIN_HEIGHT);
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void atItsMinimumSize_withTheLongestStatusBar_everyTabFitsTheWindow(FxRobot robot) throws Exception {
        Label lead = robot.lookup(".status-clock-lead").queryAs(Label.class);
        waitUntil(() -> lead.getText().equals("+364d 23h ahead"));
        robot.clickOn("Endpoint").clickOn("Serve the KMS protocol on 127.0.0.1");
        Label endpoint = robot.lookup(".status-endpoint").queryAs(Label.class);
        waitUntil(endpoint::isVisible);

        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        for (Tab tab : tabs.getTabs()) {
            robot.interact(() -> tabs.getSelectionModel().select(tab));
            waitUntil(() -> tab.getContent() != null && tab.getContent().getScene() != null);
            robot.interact(() -> { });
            Parent root = robot.lookup(".main-view").queryParent();
            assertThat(root.getLayoutBounds().getWidth())
                    .as("the window's content on the %s tab is laid out %s px wide in a %s px window", tab.getText(),
                            root.getLayoutBounds().getWidth(), root.getScene().getWidth())
                    .isLessThanOrEqualTo(root.getScene().getWidth());
            assertThat(beyondTheRightEdge(root)).as("on the %s tab", tab.getText()).isEmpty();
        }
        for (String button : List.of("+1 h", "+1 d", "Real time")) {
            Button shown = robot.lookup(".status-clock-button").queryAllAs(Button.class).stream()
                    .filter(b -> b.getText().equals(button)).findFirst().orElseThrow();
            assertThat(shown.localToScene(shown.getLayoutBounds()).getMaxX())
                    .as("the right edge of %s", button).isLessThanOrEqualTo(shown.getScene().getWidth());
        }
    }

    @Test
    void labelsTheStatusBarShortens_sayInFullWhatTheyShortened(FxRobot robot) throws Exception {
        Label lead = robot.lookup(".status-clock-lead").queryAs(Label.class);
        waitUntil(() -> lead.getText().equals("+364d 23h ahead"));
        robot.clickOn("Endpoint").clickOn("Serve the KMS protocol on 127.0.0.1");
        waitUntil(() -> robot.lookup(".status-endpoint").queryAs(Label.class).isVisible());
        robot.interact(() -> { });

        List<Label> shortened = new ArrayList<>();
        for (Node node : robot.lookup(".status-bar .label").queryAll()) {
            Label label = (Label) node;
            if (label.isVisible() && label.getText() != null && !label.getText().isEmpty()
                    && label.getWidth() < label.prefWidth(-1) - 0.5) {
                shortened.add(label);
            }
        }
        // At this size the workspace's path, the account and the endpoint cannot all be whole.
        assertThat(shortened).extracting(Label::getText).contains(
                "Workspace: " + WORKSPACE, "Serving http://127.0.0.1:4599");
        for (Label label : shortened) {
            assertThat(label.getTooltip()).as("the shortened label \"%s\" has a tooltip", label.getText())
                    .isNotNull();
            assertThat(label.getTooltip().getText()).as("the tooltip of \"%s\"", label.getText())
                    .contains(label.getText());
        }
    }

    /** The visible labelled controls with something to show whose right edge lies past the window's. */
    private static List<String> beyondTheRightEdge(Parent root) {
        double width = root.getScene().getWidth();
        List<String> beyond = new ArrayList<>();
        collect(root, width, beyond);
        return beyond;
    }

    private static void collect(Parent parent, double width, List<String> beyond) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (!child.isVisible()) {
                continue;
            }
            // Tables scroll their own columns; what lies past their edge is reached with their scroll bar.
            if (child instanceof javafx.scene.control.TableView<?>) {
                continue;
            }
            Bounds bounds = child.localToScene(child.getLayoutBounds());
            if (child instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()
                    && bounds.getMaxX() > width + 0.5) {
                beyond.add(child.getClass().getSimpleName() + child.getStyleClass() + " \"" + labeled.getText()
                        + "\" in " + parent.getClass().getSimpleName() + parent.getStyleClass() + " ends at "
                        + Math.round(bounds.getMaxX()));
            }
            if (child instanceof Parent nested) {
                collect(nested, width, beyond);
            }
        }
    }

    /** An endpoint that serves at once, as the application's does. */
    private static final class ServingEndpoint implements EndpointControl {
        private volatile String url;

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String start() {
            url = "http://127.0.0.1:4599";
            return url;
        }

        @Override
        public void stop() {
            url = null;
        }

        @Override
        public Optional<String> url() {
            return Optional.ofNullable(url);
        }
    }
}
