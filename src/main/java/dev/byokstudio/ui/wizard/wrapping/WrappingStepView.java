package dev.byokstudio.ui.wizard.wrapping;

import dev.byokstudio.material.WrappingCompatibility.Combination;
import dev.byokstudio.ui.MainView;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;

/**
 * The Wrapping parameters step's view: the wrapping choice, the button that gets the parameters, their
 * fingerprint and countdown (ticking every second while the view is showing), and Save files…
 */
public final class WrappingStepView extends VBox {

    private static final PseudoClass EXPIRED = PseudoClass.getPseudoClass("expired");

    private final WrappingStepViewModel viewModel;
    private final Timeline ticker;

    @FXML
    private ComboBox<Combination> wrapping;
    @FXML
    private Label recommendationLabel;
    @FXML
    private Button fetchButton;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label statusLabel;
    @FXML
    private GridPane parametersGrid;
    @FXML
    private TextField fingerprintField;
    @FXML
    private Button copyFingerprintButton;
    @FXML
    private Label validityLabel;
    @FXML
    private Button saveButton;

    public WrappingStepView(WrappingStepViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        FXMLLoader loader = new FXMLLoader(WrappingStepView.class.getResource("WrappingStepView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("WrappingStepView.fxml cannot be loaded", e);
        }
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), event -> viewModel.refreshValidity()));
        ticker.setCycleCount(Animation.INDEFINITE);
        // Tick only while the step is on screen.
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                ticker.stop();
            } else {
                viewModel.refreshValidity();
                ticker.play();
            }
        });
    }

    @FXML
    private void initialize() {
        wrapping.setItems(viewModel.choices());
        wrapping.valueProperty().bindBidirectional(viewModel.choiceProperty());
        wrapping.setCellFactory(list -> new ChoiceCell());
        wrapping.setButtonCell(new ChoiceCell());
        wrapping.disableProperty().bind(viewModel.busyProperty());
        recommendationLabel.textProperty().bind(viewModel.recommendationProperty());

        fetchButton.disableProperty().bind(viewModel.busyProperty().or(viewModel.hasKey().not()));
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());

        parametersGrid.visibleProperty().bind(viewModel.hasParameters());
        parametersGrid.managedProperty().bind(parametersGrid.visibleProperty());
        fingerprintField.textProperty().bind(viewModel.fingerprint());
        validityLabel.textProperty().bind(viewModel.validityProperty());
        viewModel.expiredProperty().addListener((obs, old, expired) -> validityLabel.pseudoClassStateChanged(EXPIRED, expired));
        validityLabel.pseudoClassStateChanged(EXPIRED, viewModel.expiredProperty().get());
        saveButton.disableProperty().bind(viewModel.busyProperty().or(viewModel.hasParameters().not()));
    }

    @FXML
    private void fetch() {
        viewModel.fetchParameters();
    }

    @FXML
    private void copyFingerprint() {
        MainView.copyToClipboard(viewModel.fingerprint().get());
    }

    @FXML
    private void saveFiles() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Save the wrapping public key and import token in");
        File directory = chooser.showDialog(getScene().getWindow());
        if (directory != null) {
            viewModel.saveFiles(directory.toPath());
        }
    }

    /** A combination, the first marked as recommended. */
    private final class ChoiceCell extends ListCell<Combination> {
        @Override
        protected void updateItem(Combination item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                return;
            }
            boolean recommended = !viewModel.choices().isEmpty() && viewModel.choices().get(0).equals(item);
            setText(WrappingStepViewModel.label(item) + (recommended ? " (recommended)" : ""));
        }
    }
}
