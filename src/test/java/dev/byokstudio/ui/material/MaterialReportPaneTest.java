package dev.byokstudio.ui.material;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.ui.MainView;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The report pane's conversions row and OpenSSL field, headless: what they show for no material, for material that
 * needs no conversion, and for a PKCS#1 file before and after its conversion.
 */
@ExtendWith(ApplicationExtension.class)
class MaterialReportPaneTest {

    private static final Path FIXTURES = Path.of("src/test/fixtures/material");

    private final MaterialWorkbenchViewModel workbench =
            new MaterialWorkbenchViewModel(new SameThreadTaskExecutor(), new FakeDialogService(), false, new SecureRandom());

    @Start
    void start(Stage stage) {
        Scene scene = new Scene(new MaterialReportPane(workbench), 1000, 700);
        scene.getStylesheets().add(MainView.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    private static Node conversionsRow(FxRobot robot) {
        return robot.lookup("#conversionButtons").queryAs(FlowPane.class).getParent();
    }

    private static List<String> offered(FxRobot robot) {
        return robot.lookup("#conversionButtons").queryAs(FlowPane.class).getChildren().stream()
                .map(node -> ((Labeled) node).getText()).collect(Collectors.toList());
    }

    @Test
    void withoutMaterial_theConversionsRowIsNotShown_andTheOpenSslFieldSaysWhatWillAppear(FxRobot robot) {
        assertThat(conversionsRow(robot).isVisible()).isFalse();
        assertThat(conversionsRow(robot).isManaged()).isFalse();
        TextField openssl = robot.lookup("#opensslField").queryAs(TextField.class);
        assertThat(openssl.getText()).isEmpty();
        assertThat(openssl.getPromptText()).contains("OpenSSL command");
    }

    @Test
    void materialThatNeedsNoConversion_saysSo(FxRobot robot) {
        robot.interact(() -> {
            workbench.keySpecProperty().set(KeySpec.SYMMETRIC_DEFAULT);
            workbench.generate();
        });

        assertThat(conversionsRow(robot).isVisible()).isTrue();
        assertThat(offered(robot)).containsExactly("none needed or possible for this file");
    }

    @Test
    void aPkcs1File_offersItsConversion_andAfterItNoneIsNeeded(FxRobot robot) {
        robot.interact(() -> {
            workbench.keySpecProperty().set(KeySpec.RSA_2048);
            workbench.open(FIXTURES.resolve("rsa2048.pkcs1.der"));
        });
        assertThat(offered(robot)).singleElement().asString().contains("PKCS#8");

        robot.interact(() -> workbench.convert(workbench.conversions().get(0)));

        assertThat(offered(robot)).containsExactly("none needed or possible for this file");
    }

    @Test
    void clearingTheWorkbench_hidesTheRowAgain(FxRobot robot) {
        robot.interact(() -> {
            workbench.keySpecProperty().set(KeySpec.SYMMETRIC_DEFAULT);
            workbench.generate();
            workbench.clear();
        });

        assertThat(conversionsRow(robot).isVisible()).isFalse();
    }
}
