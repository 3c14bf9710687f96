package dev.byokstudio.app;

import dev.byokstudio.ui.AppIcons;
import dev.byokstudio.ui.MainView;
import dev.byokstudio.ui.MainViewModel;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.FxDialogService;
import dev.byokstudio.ui.task.FxTaskExecutor;
import dev.byokstudio.ui.task.TaskExecutor;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import dev.byokstudio.store.WorkspaceException;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.PasswordField;
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
    private static volatile WorkspaceOpener opener;
    private static volatile CompletableFuture<StudioSession> firstOpening;

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

    /**
     * Opens the workspace with {@code opener} in the background — asking for its passphrase in a dialog
     * when it needs one, and explaining in a dialog why it cannot be opened when it cannot — then shows
     * the main window. Returns when the window is closed.
     */
    static void launch(WorkspaceOpener opener) {
        DesktopApp.opener = Objects.requireNonNull(opener, "opener");
        // The first attempt, without a passphrase, runs while JavaFX starts: neither waits for the other.
        DesktopApp.firstOpening = opening(opener, Optional.empty());
        Application.launch(DesktopApp.class);
    }

    /** Opens the workspace on a thread of its own; the future completes with the session or the failure. */
    private static CompletableFuture<StudioSession> opening(WorkspaceOpener opener, Optional<char[]> passphrase) {
        CompletableFuture<StudioSession> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(opener.open(passphrase));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }, "open-workspace");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    @Override
    public void start(Stage stage) {
        if (session != null) {
            showMain(stage, session);
            return;
        }
        if (opener == null) {
            throw new IllegalStateException("Start the application with DesktopApp.launch.");
        }
        whenOpened(stage, firstOpening);
    }

    /** Shows the main window once {@code opening} succeeds; asks for a passphrase, or explains, when it fails. */
    private void whenOpened(Stage stage, CompletableFuture<StudioSession> opening) {
        opening.whenComplete((opened, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                showMain(stage, opened);
            } else if (failure instanceof WorkspaceException
                    && WorkspaceOpener.needsPassphrase((WorkspaceException) failure)) {
                askPassphrase((WorkspaceException) failure).ifPresentOrElse(
                        typed -> whenOpened(stage, opening(opener, Optional.of(typed))), Platform::exit);
            } else {
                showStartupProblem(failure);
                Platform.exit();
            }
        }));
    }

    private static Optional<char[]> askPassphrase(WorkspaceException why) {
        Dialog<char[]> dialog = new Dialog<>();
        dialog.setTitle("BYOK Studio — workspace passphrase");
        AppIcons.apply(dialog);
        dialog.setHeaderText(why.getMessage());
        PasswordField field = new PasswordField();
        field.setPromptText("Passphrase");
        dialog.getDialogPane().setContent(field);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? field.getText().toCharArray() : null);
        Platform.runLater(field::requestFocus);
        return dialog.showAndWait();
    }

    private static void showStartupProblem(Throwable failure) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("BYOK Studio cannot open its workspace");
        AppIcons.apply(alert);
        if (failure instanceof WorkspaceException) {
            WorkspaceException e = (WorkspaceException) failure;
            alert.setHeaderText(e.getMessage());
            alert.setContentText("What you can do:\n" + e.waysOut().stream().map(w -> "• " + w)
                    .collect(java.util.stream.Collectors.joining("\n")));
        } else {
            alert.setHeaderText("The workspace could not be opened because of an unexpected error in BYOK Studio.");
            alert.setContentText("Nothing in the workspace was changed. Please report this with the log.");
            System.getLogger(DesktopApp.class.getName()).log(System.Logger.Level.ERROR, "opening the workspace failed",
                    failure);
        }
        alert.getDialogPane().setMinWidth(560);
        alert.showAndWait();
    }

    private void showMain(Stage stage, StudioSession current) {
        executor = new FxTaskExecutor();
        MainViewModel viewModel = new MainViewModel(current, executor, new FxDialogService(stage),
                MainView::copyToClipboard, Clock.systemUTC(), ZoneId.systemDefault());
        mainView = new MainView(viewModel);

        Scene scene = new Scene(mainView, WIDTH, HEIGHT);
        scene.getStylesheets().add(MainView.stylesheet());
        stage.setTitle(viewModel.windowTitle());
        AppIcons.apply(stage);
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.setScene(scene);
        stage.show();
        mainView.start();
        if (Boolean.getBoolean(EXIT_WHEN_SHOWN)) {
            // A start-up run for packaging (the class-data archive's training run) or for measuring: the
            // main window has been shown; leave once it has been drawn.
            Platform.runLater(() -> {
                System.out.println("BYOK Studio: main window shown");
                System.out.flush();
                Platform.exit();
            });
        }
    }

    /**
     * System property: when {@code true}, the application exits as soon as its main window has been shown,
     * for the training run that builds the installers' class-data archive and for start-up measurements.
     */
    public static final String EXIT_WHEN_SHOWN = "byok-studio.exitWhenShown";

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
