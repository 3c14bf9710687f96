package dev.byokstudio.ui;

import dev.byokstudio.ui.keys.KeysView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.action.Action;
import org.controlsfx.control.action.ActionUtils;

/**
 * The main window's content: the menu bar, the key list, and a status bar with the workspace, the
 * account and region, the outcome of the last command and the clock. Loads {@code MainView.fxml} and
 * binds it to a {@link MainViewModel}.
 */
public final class MainView extends BorderPane {

    /** The narrowest the main window may be made: its status bar and its tabs are laid out to fit it. */
    public static final double MIN_WIDTH = 960;
    /** The lowest the main window may be made. */
    public static final double MIN_HEIGHT = 600;

    private static final PseudoClass SIMULATED = PseudoClass.getPseudoClass("simulated");

    private final MainViewModel viewModel;
    private final KeysView keysView;
    private final Timeline clockTimer;

    @FXML
    private MenuItem quitItem;
    @FXML
    private Menu keysMenu;
    @FXML
    private Menu policiesMenu;
    @FXML
    private MenuItem simulateItem;
    @FXML
    private MenuItem workbenchItem;
    @FXML
    private MenuItem endpointItem;
    @FXML
    private Label endpointLabel;
    @FXML
    private javafx.scene.control.Button plusHourButton;
    @FXML
    private javafx.scene.control.Button plusDayButton;
    @FXML
    private javafx.scene.control.Button realTimeButton;
    @FXML
    private MenuItem advanceHourItem;
    @FXML
    private MenuItem advanceDayItem;
    @FXML
    private MenuItem advanceWeekItem;
    @FXML
    private MenuItem realTimeItem;
    @FXML
    private javafx.scene.layout.HBox statusBar;
    @FXML
    private Label workspaceLabel;
    @FXML
    private Label accountLabel;
    @FXML
    private Label keyCountLabel;
    @FXML
    private Label statusLabel;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label clockLabel;
    @FXML
    private Label clockLeadLabel;

    public MainView(MainViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.keysView = new KeysView(viewModel.keys());
        this.clockTimer = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), event -> viewModel.tick()));
        clockTimer.setCycleCount(Animation.INDEFINITE);

        FXMLLoader loader = new FXMLLoader(MainView.class.getResource("MainView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("MainView.fxml cannot be loaded", e);
        }
    }

    /** The URL of the application's one stylesheet. */
    public static String stylesheet() {
        URL url = MainView.class.getResource("theme.css");
        if (url == null) {
            throw new IllegalStateException("theme.css is missing from the class path");
        }
        return url.toExternalForm();
    }

    /** Puts text on the system clipboard. */
    public static void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void initialize() {
        javafx.scene.control.Tab keysTab = new javafx.scene.control.Tab("Keys", keysView);
        // The Activity and CloudTrail tabs' contents are made when first shown: a tab pane styles and lays out
        // every tab's content, shown or not, and the first window needs neither.
        javafx.scene.control.Tab activityTab = contentWhenFirstSelected(new javafx.scene.control.Tab("Activity"),
                () -> new dev.byokstudio.ui.activity.ActivityView(viewModel.activity(), viewModel.zone()));
        javafx.scene.control.Tab cloudTrailTab = contentWhenFirstSelected(new javafx.scene.control.Tab("CloudTrail"),
                () -> new dev.byokstudio.ui.audit.CloudTrailView(viewModel.cloudTrail()));
        cloudTrailTab.setId("cloudTrailTab");
        cloudTrailTab.setTooltip(new Tooltip("The CloudTrail events each call recorded: who, what, on which key, "
                + "and whether it was refused"));
        keysTab.setClosable(false);
        activityTab.setClosable(false);
        cloudTrailTab.setClosable(false);
        // Events may also come from the endpoint (the AWS CLI, SDKs): read them again whenever the tab is shown.
        cloudTrailTab.setOnSelectionChanged(event -> {
            if (cloudTrailTab.isSelected()) {
                viewModel.cloudTrail().refreshQuietly();
            }
        });
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(keysTab, activityTab, cloudTrailTab);
        tabs.getStyleClass().add("main-tabs");
        setCenter(tabs);
        endpointItem.setVisible(viewModel.endpointAvailable());
        endpointItem.disableProperty().bind(viewModel.endpointBusyProperty());
        endpointItem.textProperty().bind(javafx.beans.binding.Bindings.when(viewModel.endpointUrlProperty().isEmpty())
                .then("_Serve the KMS protocol on 127.0.0.1").otherwise("_Stop serving the KMS protocol"));
        endpointLabel.textProperty().bind(javafx.beans.binding.Bindings.when(viewModel.endpointUrlProperty().isEmpty())
                .then("").otherwise(javafx.beans.binding.Bindings.concat("Serving ", viewModel.endpointUrlProperty())));
        Tooltip endpointTip = new Tooltip();
        endpointTip.textProperty().bind(javafx.beans.binding.Bindings.concat("Serving ", viewModel.endpointUrlProperty(),
                ", the KMS protocol: aws --endpoint-url ", viewModel.endpointUrlProperty(), " kms list-keys"));
        endpointLabel.setTooltip(endpointTip);
        endpointLabel.visibleProperty().bind(viewModel.endpointUrlProperty().isNotEmpty());
        endpointLabel.managedProperty().bind(endpointLabel.visibleProperty());
        for (Action action : keysView.actions()) {
            keysMenu.getItems().add(action == ActionUtils.ACTION_SEPARATOR
                    ? new SeparatorMenuItem() : ActionUtils.createMenuItem(action));
        }
        quitItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        simulateItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+P"));
        policiesMenu.getItems().add(ActionUtils.createMenuItem(keysView.editPolicyAction()));
        workbenchItem.setAccelerator(KeyCombination.keyCombination("Shortcut+M"));

        for (MenuItem advance : new MenuItem[] {advanceHourItem, advanceDayItem, advanceWeekItem}) {
            advance.disableProperty().bind(viewModel.clockMovingProperty());
        }
        realTimeItem.disableProperty().bind(viewModel.clockSimulatedProperty().not().or(viewModel.clockMovingProperty()));
        plusHourButton.disableProperty().bind(viewModel.clockMovingProperty());
        plusDayButton.disableProperty().bind(viewModel.clockMovingProperty());
        realTimeButton.disableProperty().bind(realTimeItem.disableProperty());
        plusHourButton.setTooltip(new Tooltip("Moves the KMS's clock forward one hour: whatever falls due happens"));
        plusDayButton.setTooltip(new Tooltip("Moves the KMS's clock forward one day: import tokens expire after 24 hours"));
        realTimeButton.setTooltip(new Tooltip("Brings the KMS's clock back to real time"));

        workspaceLabel.setText(viewModel.workspaceText());
        workspaceLabel.setTooltip(new Tooltip(viewModel.workspaceText()));
        Tooltip statusTip = new Tooltip();
        statusTip.textProperty().bind(viewModel.statusMessageProperty());
        statusLabel.setTooltip(statusTip);
        accountLabel.setText(viewModel.accountText());
        accountLabel.setTooltip(new Tooltip(viewModel.accountDescription()));
        if (viewModel.actingAs().available()) {
            int afterAccount = statusBar.getChildren().indexOf(accountLabel) + 1;
            statusBar.getChildren().addAll(afterAccount, java.util.List.of(
                    new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL),
                    new dev.byokstudio.ui.access.ActingAsChooser(viewModel.actingAs())));
        }
        keyCountLabel.textProperty().bind(viewModel.keys().keyCountText());
        statusLabel.textProperty().bind(viewModel.statusMessageProperty());
        busyIndicator.visibleProperty().bind(viewModel.keys().busy().or(viewModel.clockMovingProperty()));
        clockLabel.textProperty().bind(viewModel.clockTextProperty());
        clockLeadLabel.textProperty().bind(viewModel.clockLeadProperty());
        clockLeadLabel.visibleProperty().bind(viewModel.clockSimulatedProperty());
        clockLeadLabel.managedProperty().bind(clockLeadLabel.visibleProperty());
        Tooltip clockTip = new Tooltip();
        clockTip.textProperty().bind(viewModel.clockExplanationProperty());
        clockLabel.setTooltip(clockTip);
        clockLeadLabel.setTooltip(clockTip);
        viewModel.clockSimulatedProperty().addListener(
                (obs, old, simulated) -> clockLabel.pseudoClassStateChanged(SIMULATED, simulated));
        clockLabel.pseudoClassStateChanged(SIMULATED, viewModel.clockSimulatedProperty().get());
    }

    /** {@code tab}, whose content {@code content} makes the first time the tab is selected. */
    private static javafx.scene.control.Tab contentWhenFirstSelected(javafx.scene.control.Tab tab,
            java.util.function.Supplier<javafx.scene.Node> content) {
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> selected, Boolean was,
                    Boolean is) {
                if (is && tab.getContent() == null) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content.get());
                }
            }
        });
        return tab;
    }

    /** Loads the keys and starts the clock line; call once the window is shown. */
    public void start() {
        viewModel.start();
        clockTimer.play();
    }

    /** Stops the clock line's timer and the endpoint, if it serves. */
    public void stop() {
        clockTimer.stop();
        viewModel.stopEndpoint();
    }

    public KeysView keysView() {
        return keysView;
    }

    @FXML
    private void quit() {
        if (getScene() != null && getScene().getWindow() != null) {
            getScene().getWindow().hide();
        }
    }

    @FXML
    private void advanceOneHour() {
        viewModel.advanceClock(Duration.ofHours(1));
    }

    @FXML
    private void advanceOneDay() {
        viewModel.advanceClock(Duration.ofDays(1));
    }

    @FXML
    private void advanceSevenDays() {
        viewModel.advanceClock(Duration.ofDays(7));
    }

    @FXML
    private void returnToRealTime() {
        viewModel.returnToRealTime();
    }

    /** Opens the key material workbench in a window of its own; closing it forgets the material. */
    @FXML
    private void openWorkbench() {
        dev.byokstudio.ui.material.MaterialWorkbenchViewModel workbench = viewModel.newMaterialWorkbench();
        javafx.stage.Stage stage = new javafx.stage.Stage();
        stage.setTitle("Key material workbench — " + viewModel.accountText());
        javafx.stage.Window owner = getScene() == null ? null : getScene().getWindow();
        javafx.scene.Scene scene = WindowSizes.scene(
                new dev.byokstudio.ui.material.MaterialWorkbenchView(workbench, viewModel.region()), 1100, 720, owner);
        scene.getStylesheets().add(stylesheet());
        stage.setScene(scene);
        if (owner != null) {
            stage.initOwner(owner);
        }
        AppIcons.apply(stage);
        stage.setOnHidden(event -> workbench.clear());
        stage.show();
    }

    /** Opens the policy simulator in a window of its own, or says why this session has none. */
    @FXML
    private void openPolicySimulator() {
        viewModel.newPolicySimulator().ifPresent(simulator -> dev.byokstudio.ui.access.PolicySimulatorView.show(
                simulator, getScene() == null ? null : getScene().getWindow()));
    }

    @FXML
    private void toggleEndpoint() {
        viewModel.toggleEndpoint();
    }

    @FXML
    private void about() {
        viewModel.showAbout();
    }
}
