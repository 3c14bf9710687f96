package dev.byokstudio.ui.wizard.material;

import dev.byokstudio.ui.material.MaterialFiles;
import dev.byokstudio.ui.material.OpenSslCommandBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/**
 * The "Key material" step's view: the fixed key spec and wrapping, the three ways to bring material (a file
 * chosen or dropped, pasted text, generated test material), and what the material is, prominently. State is
 * in {@link MaterialStepViewModel}.
 */
public final class MaterialStepView extends VBox {

    private final MaterialStepViewModel viewModel;

    @FXML
    private Label keySpecLabel;
    @FXML
    private Label wrappingLabel;
    @FXML
    private Button openButton;
    @FXML
    private Button generateButton;
    @FXML
    private Button cancelGenerateButton;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private TextArea pastedText;
    @FXML
    private Button usePastedButton;
    @FXML
    private Label sourceLabel;
    @FXML
    private Label detectedLabel;

    public MaterialStepView(MaterialStepViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        FXMLLoader loader = new FXMLLoader(MaterialStepView.class.getResource("MaterialStepView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("MaterialStepView.fxml cannot be loaded", e);
        }
    }

    @FXML
    private void initialize() {
        keySpecLabel.textProperty().bind(viewModel.keySpecText());
        wrappingLabel.textProperty().bind(viewModel.wrappingText());
        busyIndicator.visibleProperty().bind(viewModel.workbench().busyProperty());
        openButton.disableProperty().bind(viewModel.workbench().busyProperty());
        generateButton.disableProperty().bind(viewModel.workbench().busyProperty());
        cancelGenerateButton.visibleProperty().bind(viewModel.workbench().cancellableProperty());
        cancelGenerateButton.managedProperty().bind(cancelGenerateButton.visibleProperty());
        pastedText.textProperty().bindBidirectional(viewModel.pastedTextProperty());
        usePastedButton.disableProperty().bind(viewModel.canUsePastedText().not());
        sourceLabel.textProperty().bind(viewModel.sourceText());
        detectedLabel.textProperty().bind(viewModel.detectedText());
        getChildren().add(new OpenSslCommandBox(viewModel.workbench()));

        MaterialFiles.acceptDroppedFile(this, viewModel::open);
    }

    @FXML
    private void openFile() {
        MaterialFiles.chooseToOpen(this, "Choose the key material", viewModel::open);
    }

    @FXML
    private void generate() {
        viewModel.generate();
    }

    @FXML
    private void usePastedText() {
        viewModel.usePastedText();
    }

    @FXML
    private void cancelGenerate() {
        viewModel.workbench().cancel();
    }
}
