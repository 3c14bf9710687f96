package dev.byokstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.ui.MainView;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What the main window shows while the workspace opens, headless. */
@ExtendWith(ApplicationExtension.class)
class DesktopAppOpeningTest {

    private Scene scene;
    private VBox opening;

    @Start
    void start(Stage stage) {
        opening = DesktopApp.opening();
        scene = new Scene(opening, DesktopApp.WIDTH, DesktopApp.HEIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theFirstFrameHasTheIconAndNoControlSoNoStylesheetIsReadForIt(FxRobot robot) {
        assertThat(opening.getChildren()).hasSize(1);
        assertThat(robot.lookup(".label").tryQuery()).isEmpty();
        assertThat(scene.getStylesheets()).isEmpty();
    }

    @Test
    void theNextTurnSaysWhatItIsWaitingForInTheApplicationsStylesheet(FxRobot robot) {
        robot.interact(() -> DesktopApp.sayOpening(scene, opening));
        Label what = robot.lookup(".opening-message").queryAs(Label.class);
        assertThat(what.getText()).isEqualTo("Opening the workspace…");
        assertThat(what.isVisible()).isTrue();
        assertThat(scene.getStylesheets()).containsExactly(MainView.stylesheet());
    }

    @Test
    void theMainViewsDoNotAddTheStylesheetASecondTime(FxRobot robot) {
        robot.interact(() -> {
            DesktopApp.sayOpening(scene, opening);
            DesktopApp.useStylesheet(scene);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scene.getStylesheets()).containsExactly(MainView.stylesheet());
    }
}
