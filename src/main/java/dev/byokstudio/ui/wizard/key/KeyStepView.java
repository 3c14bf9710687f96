package dev.byokstudio.ui.wizard.key;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Key step's view: the form for a new EXTERNAL key, or the existing key read-only. */
public final class KeyStepView extends VBox {

    private final KeyStepViewModel viewModel;

    @FXML
    private Label externalExplanation;
    @FXML
    private GridPane newKeyForm;
    @FXML
    private Label regionLabel;
    @FXML
    private ComboBox<KeySpec> keySpec;
    @FXML
    private ComboBox<KeyUsage> keyUsage;
    @FXML
    private TextField description;
    @FXML
    private Label descriptionProblem;
    @FXML
    private TextField alias;
    @FXML
    private Label aliasProblem;
    @FXML
    private HBox busyBox;
    @FXML
    private GridPane existingKey;
    @FXML
    private TextField keyIdField;
    @FXML
    private TextField arnField;
    @FXML
    private Label specLabel;
    @FXML
    private Label usageLabel;
    @FXML
    private Label stateLabel;
    @FXML
    private Label existingNote;

    public KeyStepView(KeyStepViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        FXMLLoader loader = new FXMLLoader(KeyStepView.class.getResource("KeyStepView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("KeyStepView.fxml cannot be loaded", e);
        }
    }

    @FXML
    private void initialize() {
        externalExplanation.setText(viewModel.externalExplanation());
        regionLabel.setText("Only the key specs that accept imported material in " + viewModel.region() + ".");

        keySpec.setItems(viewModel.keySpecs());
        keySpec.valueProperty().bindBidirectional(viewModel.keySpecProperty());
        keyUsage.setItems(viewModel.keyUsages());
        keyUsage.valueProperty().bindBidirectional(viewModel.keyUsageProperty());
        description.textProperty().bindBidirectional(viewModel.descriptionProperty());
        alias.textProperty().bindBidirectional(viewModel.aliasProperty());
        showWhenNotEmpty(aliasProblem, viewModel.aliasProblem());
        showWhenNotEmpty(descriptionProblem, viewModel.descriptionProblem());
        busyBox.visibleProperty().bind(viewModel.busyProperty());
        busyBox.managedProperty().bind(busyBox.visibleProperty());
        for (Node input : new Node[] {keySpec, keyUsage, description, alias}) {
            input.disableProperty().bind(viewModel.busyProperty());
        }

        newKeyForm.visibleProperty().bind(viewModel.existing().not());
        newKeyForm.managedProperty().bind(newKeyForm.visibleProperty());
        existingKey.visibleProperty().bind(viewModel.existing());
        existingKey.managedProperty().bind(existingKey.visibleProperty());
        keyIdField.textProperty().bind(viewModel.keyIdProperty());
        arnField.textProperty().bind(viewModel.existingArnProperty());
        specLabel.textProperty().bind(viewModel.existingSpecProperty());
        usageLabel.textProperty().bind(viewModel.existingUsageProperty());
        stateLabel.textProperty().bind(viewModel.existingStateProperty());
        showWhenNotEmpty(existingNote, viewModel.existingNoteProperty());
    }

    private static void showWhenNotEmpty(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }
}
