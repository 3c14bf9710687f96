package dev.byokstudio.ui.material;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.material.WrappingCompatibility;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The key material workbench's view: choose the key spec and (optionally) a wrapping, open, drop or
 * generate material, read the report line by line, apply a conversion, save the result, and copy the
 * equivalent OpenSSL command. All state is in {@link MaterialWorkbenchViewModel}; the report itself is a
 * {@link MaterialReportPane}, shared with the import wizard.
 */
public final class MaterialWorkbenchView extends BorderPane {

    private final MaterialWorkbenchViewModel viewModel;
    private final String region;

    @FXML
    private ComboBox<KeySpec> keySpec;
    @FXML
    private Label regionLabel;
    @FXML
    private ComboBox<WrappingCompatibility.Combination> wrapping;
    @FXML
    private Button openButton;
    @FXML
    private Button generateButton;
    @FXML
    private Button cancelGenerateButton;
    @FXML
    private Button saveButton;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label sourceLabel;
    @FXML
    private Label detectedLabel;
    public MaterialWorkbenchView(MaterialWorkbenchViewModel viewModel, String region) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.region = Objects.requireNonNull(region, "region");
        FXMLLoader loader = new FXMLLoader(MaterialWorkbenchView.class.getResource("MaterialWorkbenchView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("MaterialWorkbenchView.fxml cannot be loaded", e);
        }
    }

    @FXML
    private void initialize() {
        keySpec.setItems(viewModel.keySpecs());
        keySpec.valueProperty().bindBidirectional(viewModel.keySpecProperty());
        regionLabel.setText("for a KMS key in " + region);
        wrapping.setItems(viewModel.wrappingChoices());
        wrapping.valueProperty().bindBidirectional(viewModel.wrappingProperty());
        wrapping.setConverter(new StringConverter<>() {
            @Override
            public String toString(WrappingCompatibility.Combination c) {
                return c == null ? "" : c.algorithm() + " with an " + c.wrappingKeySpec() + " wrapping key";
            }

            @Override
            public WrappingCompatibility.Combination fromString(String text) {
                return null;
            }
        });
        wrapping.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(WrappingCompatibility.Combination item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "Not chosen: check the material only"
                        : item.algorithm() + " with an " + item.wrappingKeySpec() + " wrapping key");
            }
        });

        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        openButton.disableProperty().bind(viewModel.busyProperty());
        generateButton.disableProperty().bind(viewModel.busyProperty());
        cancelGenerateButton.visibleProperty().bind(viewModel.cancellableProperty());
        cancelGenerateButton.managedProperty().bind(cancelGenerateButton.visibleProperty());
        saveButton.disableProperty().bind(viewModel.busyProperty().or(viewModel.sourceProperty().isEmpty()));
        saveButton.setTooltip(new Tooltip("Writes the material as it is now: after a conversion, the converted form."
                + " Key material is secret: keep the file where only you can read it."));
        sourceLabel.textProperty().bind(Bindings.when(viewModel.sourceProperty().isEmpty())
                .then("none yet").otherwise(viewModel.sourceProperty()));
        detectedLabel.textProperty().bind(viewModel.detectedTextProperty());
        setCenter(new MaterialReportPane(viewModel));

        MaterialFiles.acceptDroppedFile(this, viewModel::open);
    }

    @FXML
    private void openFile() {
        MaterialFiles.chooseToOpen(this, "Open key material", viewModel::open);
    }

    @FXML
    private void cancelGenerate() {
        viewModel.cancel();
    }

    @FXML
    private void generate() {
        viewModel.generate();
    }

    @FXML
    private void save() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save key material");
        chooser.setInitialFileName("PlaintextKeyMaterial.bin");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            viewModel.save(file.toPath());
        }
    }
}
