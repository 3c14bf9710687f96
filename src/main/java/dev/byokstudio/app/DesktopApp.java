package dev.byokstudio.app;

import dev.byokstudio.ui.MainView;
import dev.byokstudio.ui.MainViewModel;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.FxDialogService;
import dev.byokstudio.ui.task.FxTaskExecutor;
import dev.byokstudio.ui.task.TaskExecutor;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop application: one main window on a {@link StudioSession}. Start it with
 * {@link #launch(StudioSession)}, once per process.
 */
public final class DesktopApp extends Application {

    static final double WIDTH = 1200;
    static final double HEIGHT = 760;
    static final double MIN_WIDTH = 960;
    static final double MIN_HEIGHT = 600;

    private static volatile StudioSession session;

    private TaskExecutor executor;
    private MainView mainView;

    /**
     * Opens the main window on {@code session} and returns when it is closed. JavaFX allows this once per
     * process; call it from the main thread, not the FX thread.
     */
    public static void launch(StudioSession session) {
        DesktopApp.session = Objects.requireNonNull(session, "session");
        Application.launch(DesktopApp.class);
    }

    @Override
    public void start(Stage stage) {
        StudioSession current = session;
        if (current == null) {
            throw new IllegalStateException("Start the application with DesktopApp.launch(session).");
        }
        executor = new FxTaskExecutor();
        MainViewModel viewModel = new MainViewModel(current, executor, new FxDialogService(stage),
                MainView::copyToClipboard, Clock.systemUTC(), ZoneId.systemDefault());
        mainView = new MainView(viewModel);

        Scene scene = new Scene(mainView, WIDTH, HEIGHT);
        scene.getStylesheets().add(MainView.stylesheet());
        stage.setTitle(viewModel.windowTitle());
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.setScene(scene);
        stage.show();
        mainView.start();
    }

    @Override
    public void stop() {
        if (mainView != null) {
            mainView.stop();
        }
        if (executor != null) {
            executor.shutdown();
        }
    }
}
