package dev.byokstudio.app;

import dev.byokstudio.ui.AppIcons;
import dev.byokstudio.ui.MainView;
import dev.byokstudio.ui.MainViewModel;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.WindowSizes;
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
import javafx.scene.control.Label;
import javafx.scene.control.Dialog;
import javafx.scene.control.PasswordField;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Background;
import javafx.geometry.Dimension2D;
import javafx.geometry.Pos;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

/**
 * The desktop application: one main window on a {@link StudioSession}. Start it with
 * {@link #launch(StudioSession)}, once per process.
 */
public final class DesktopApp extends Application {

    static final double WIDTH = 1200;
    static final double HEIGHT = 760;

    private static volatile StudioSession session;
    private static volatile WorkspaceOpener opener;

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
        // On a screen smaller than the window's minimum, the minimum gives way: the window must fit the screen.
        Dimension2D smallest = WindowSizes.fitted(MainView.MIN_WIDTH, MainView.MIN_HEIGHT, null);
        stage.setMinWidth(smallest.getWidth());
        stage.setMinHeight(smallest.getHeight());
        if (session != null) {
            AppIcons.apply(stage);
            showMain(stage, session);
            return;
        }
        if (opener == null) {
            throw new IllegalStateException("Start the application with DesktopApp.launch.");
        }
        // The main window comes first, saying what it is waiting for; its views fill it once the workspace is
        // open. Building and styling them takes longer than starting JavaFX (docs/benchmarks.md, Start-up).
        stage.setTitle("BYOK Studio");
        VBox opening = opening();
        stage.setScene(WindowSizes.scene(opening, WIDTH, HEIGHT, null));
        stage.show();
        report("main window shown", PROBE.exitsWhenWindowShown());
        if (PROBE.exitsWhenWindowShown()) {
            return; // training the first-window archive: what comes after the window belongs to the other one
        }
        // The workspace opens once the window is up: on two cores, opening it alongside JavaFX's start-up
        // delayed the window by about a third.
        Platform.runLater(() -> whenOpened(stage, opening(opener, Optional.empty())));
        // While it opens, the FX thread says so, in a label styled by the application's stylesheet: reading the
        // stylesheets (Modena's and the theme) then is work the views would otherwise wait for.
        Platform.runLater(() -> sayOpening(stage.getScene(), opening));
        // Decoding the icon's six sizes is work the first frame can do without.
        Platform.runLater(() -> AppIcons.apply(stage));
    }

    /**
     * What the main window shows first: the icon, drawn with shapes (no image to decode, no font, no control,
     * so nothing has to be read before the window appears).
     */
    static VBox opening() {
        // The icon's design (icons/byok-studio.svg, a 16-unit grid), at 6 px a unit.
        double u = 6;
        Rectangle tile = new Rectangle(16 * u, 16 * u, Color.web("#1f3a5f"));
        tile.setArcWidth(7 * u);
        tile.setArcHeight(7 * u);
        Circle ring = new Circle(8 * u, 8 * u, 6.375 * u, Color.TRANSPARENT);
        ring.setStroke(Color.web("#f2a900"));
        ring.setStrokeWidth(1.5 * u);
        Circle bow = new Circle(5.5 * u, 8 * u, 2.5 * u, Color.WHITE);
        Circle hole = new Circle(5.5 * u, 8 * u, u, Color.web("#1f3a5f"));
        Rectangle blade = new Rectangle(7.5 * u, 7 * u, 5.5 * u, 2 * u);
        blade.setFill(Color.WHITE);
        Rectangle tooth1 = new Rectangle(9 * u, 9 * u, u, 2 * u);
        tooth1.setFill(Color.WHITE);
        Rectangle tooth2 = new Rectangle(11 * u, 9 * u, u, u);
        tooth2.setFill(Color.WHITE);
        Pane icon = new Pane(tile, ring, bow, hole, blade, tooth1, tooth2);
        icon.setMaxSize(16 * u, 16 * u);
        icon.setMinSize(16 * u, 16 * u);
        VBox box = new VBox(16, icon);
        box.setAlignment(Pos.CENTER);
        box.setBackground(new Background(new BackgroundFill(Color.web("#f4f4f4"), null, null)));
        return box;
    }

    /** Below the icon, what the window is waiting for, in the application's stylesheet. */
    static void sayOpening(Scene scene, VBox opening) {
        useStylesheet(scene);
        Label what = new Label("Opening the workspace…");
        what.getStyleClass().add("opening-message");
        opening.getChildren().add(what);
    }

    /** Adds the application's stylesheet to {@code scene} unless it is there already. */
    static void useStylesheet(Scene scene) {
        String stylesheet = MainView.stylesheet();
        if (!scene.getStylesheets().contains(stylesheet)) {
            scene.getStylesheets().add(stylesheet);
        }
    }

    /**
     * Says on standard output that the main window has been shown (its frame) or is ready (its views in
     * place), when start-up is being measured or trained ({@link StartupProbe}); leaves if {@code exit}.
     */
    private static void report(String what, boolean exit) {
        if (!PROBE.reports()) {
            return;
        }
        Platform.runLater(() -> {
            System.out.println("BYOK Studio: " + what);
            System.out.flush();
            if (exit) {
                Platform.exit();
            }
        });
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

        stage.setTitle(viewModel.windowTitle());
        Scene scene = stage.getScene();
        if (scene == null) {
            scene = WindowSizes.scene(mainView, WIDTH, HEIGHT, null);
            useStylesheet(scene);
            stage.setScene(scene);
            stage.show();
        } else {
            useStylesheet(scene);
            scene.setRoot(mainView);
        }
        mainView.start();
        report("main window ready", true);
    }

    /** Start-up measurement and archive training ({@code -Dbyok-studio.exitWhenShown}); off for people. */
    private static final StartupProbe PROBE = StartupProbe.fromSystemProperties();

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
