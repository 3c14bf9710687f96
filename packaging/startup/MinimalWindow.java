import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

/**
 * The baseline of the start-up measurement (measure.sh): the least a JavaFX application does to show a
 * window, one empty stage of BYOK Studio's size (DesktopApp.WIDTH x HEIGHT) with a title. Started with the
 * same runtime, JavaFX jars and JVM options as BYOK Studio, it tells what the platform itself costs on the
 * machine, against which the application's time to its main window is judged.
 *
 * <p>With {@code -Dbyok-studio.exitWhenShown=true} it follows the application's protocol: once the stage
 * is shown it prints a line ending in "main window shown" and exits, on the next turn of the FX thread.
 *
 * <p>Like BYOK Studio's {@code Main}, the main class is not the {@code Application}: with JavaFX on the
 * class path, the java launcher refuses a main class that extends it. No package, so that it compiles
 * into any directory.
 */
public final class MinimalWindow {

    static final double WIDTH = 1200;
    static final double HEIGHT = 760;

    private MinimalWindow() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The application: one stage, one empty pane. */
    public static final class Window extends Application {

        @Override
        public void start(Stage stage) {
            stage.setTitle("Minimal JavaFX window");
            stage.setScene(new Scene(new Pane(), WIDTH, HEIGHT));
            stage.show();
            if (Boolean.getBoolean("byok-studio.exitWhenShown")) {
                Platform.runLater(() -> {
                    System.out.println("Minimal JavaFX window: main window shown");
                    System.out.flush();
                    Platform.exit();
                });
            }
        }
    }
}
