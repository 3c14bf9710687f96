package dev.byokstudio.ui;

import dev.byokstudio.ui.dialog.FxDialogService;
import dev.byokstudio.ui.task.FxTaskExecutor;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window on a session, on a TestFX stage, with the real executor and dialogs and the application's
 * stylesheet: what the headless tests of the main window and its tabs start from. Call {@link #close()} from
 * the test's {@code @Stop}.
 */
public final class MainWindowHarness {

    private final FxTaskExecutor executor;
    private final MainView view;

    private MainWindowHarness(FxTaskExecutor executor, MainView view) {
        this.executor = executor;
        this.view = view;
    }

    /** Shows the main window of {@code session} in {@code stage}, {@code width} by {@code height}, and starts it. */
    public static MainWindowHarness show(Stage stage, StudioSession session, double width, double height) {
        FxTaskExecutor executor = new FxTaskExecutor();
        MainViewModel viewModel = new MainViewModel(session, executor, new FxDialogService(stage), text -> { },
                Clock.systemUTC(), ZoneOffset.UTC);
        MainView view = new MainView(viewModel);
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(MainView.stylesheet());
        stage.setScene(scene);
        stage.setTitle(viewModel.windowTitle());
        stage.show();
        view.start();
        return new MainWindowHarness(executor, view);
    }

    /** Stops the window's work and its executor. */
    public void close() {
        view.stop();
        executor.shutdown();
    }

    /** Waits up to 10 s for {@code condition}, which the FX thread and the executor bring about. */
    public static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }
}
