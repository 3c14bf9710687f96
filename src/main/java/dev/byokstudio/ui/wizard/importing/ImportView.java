package dev.byokstudio.ui.wizard.importing;

import dev.byokstudio.ui.MainView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.util.converter.LocalDateStringConverter;

/**
 * The Import step's view: the expiry, the commands that do the same by hand, the Wrap and import button,
 * and the outcome: the key's new state, or the failure with AWS's error, the explanation and the way back.
 */
public final class ImportView extends ScrollPane {

    private final ImportViewModel viewModel;

    @FXML
    private ToggleGroup expiryGroup;
    @FXML
    private RadioButton doesNotExpire;
    @FXML
    private RadioButton expiresAt;
    @FXML
    private DatePicker expiryDate;
    @FXML
    private TextField expiryTime;
    @FXML
    private Label expiryLimit;
    @FXML
    private Label expiryProblem;
    @FXML
    private TextArea commands;
    @FXML
    private Button copyButton;
    @FXML
    private Label tokenValidity;
    @FXML
    private VBox notes;
    @FXML
    private Button importButton;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label busyLabel;
    @FXML
    private Label result;
    @FXML
    private VBox failureBox;
    @FXML
    private Label errorCode;
    @FXML
    private Label errorMessage;
    @FXML
    private Label whatHappened;
    @FXML
    private Label causesHeading;
    @FXML
    private VBox causes;
    @FXML
    private Label whatToDo;
    @FXML
    private Button fixButton;

    public ImportView(ImportViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        FXMLLoader loader = new FXMLLoader(ImportView.class.getResource("ImportView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("ImportView.fxml cannot be loaded", e);
        }
    }

    @FXML
    private void initialize() {
        expiryGroup.selectToggle(viewModel.expiresProperty().get() ? expiresAt : doesNotExpire);
        expiryGroup.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                expiryGroup.selectToggle(old);
            } else {
                viewModel.expiresProperty().set(toggle == expiresAt);
            }
        });
        viewModel.expiresProperty().addListener((obs, old, expires) ->
                expiryGroup.selectToggle(expires ? expiresAt : doesNotExpire));
        // The date is UTC, written as the rest of the step writes dates: ISO, whatever the locale.
        expiryDate.setConverter(new LocalDateStringConverter(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_LOCAL_DATE));
        expiryDate.setPromptText("YYYY-MM-DD");
        expiryDate.valueProperty().bindBidirectional(viewModel.expiryDateProperty());
        expiryTime.textProperty().bindBidirectional(viewModel.expiryTimeProperty());
        expiryDate.disableProperty().bind(viewModel.expiresProperty().not());
        expiryTime.disableProperty().bind(viewModel.expiresProperty().not());
        expiryLimit.textProperty().bind(viewModel.expiryLimitProperty());
        expiryProblem.textProperty().bind(viewModel.expiryProblemProperty());
        showIfText(expiryProblem);

        commands.textProperty().bind(viewModel.opensslCommandsProperty());
        copyButton.disableProperty().bind(viewModel.opensslCommandsProperty().isEmpty());
        tokenValidity.textProperty().bind(viewModel.tokenValidityProperty());
        viewModel.opensslNotes().addListener((ListChangeListener<String>) change -> fill(notes, viewModel.opensslNotes()));
        fill(notes, viewModel.opensslNotes());

        importButton.disableProperty().bind(viewModel.canImport().not());
        for (Node busy : new Node[] {busyIndicator, busyLabel}) {
            busy.visibleProperty().bind(viewModel.busyProperty());
            busy.managedProperty().bind(busy.visibleProperty());
        }
        for (Node input : new Node[] {doesNotExpire, expiresAt}) {
            input.disableProperty().bind(viewModel.busyProperty());
        }

        result.textProperty().bind(viewModel.resultTextProperty());
        showIfText(result);

        failureBox.visibleProperty().bind(viewModel.failedProperty());
        failureBox.managedProperty().bind(failureBox.visibleProperty());
        errorCode.textProperty().bind(viewModel.errorCodeProperty());
        errorMessage.textProperty().bind(viewModel.errorMessageProperty());
        whatHappened.textProperty().bind(viewModel.whatHappenedProperty());
        whatToDo.textProperty().bind(viewModel.whatToDoProperty());
        causesHeading.visibleProperty().bind(Bindings.isNotEmpty(viewModel.likelyCauses()));
        causesHeading.managedProperty().bind(causesHeading.visibleProperty());
        causesHeading.textProperty().bind(Bindings.when(Bindings.size(viewModel.likelyCauses()).isEqualTo(1))
                .then("Likely cause").otherwise("Likely causes"));
        viewModel.likelyCauses().addListener((ListChangeListener<String>) change -> fill(causes, viewModel.likelyCauses()));
        fixButton.textProperty().bind(viewModel.fixLabelProperty());
        fixButton.visibleProperty().bind(viewModel.fixStepProperty().greaterThanOrEqualTo(0));
        fixButton.managedProperty().bind(fixButton.visibleProperty());
    }

    private static void showIfText(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    private static void fill(VBox box, java.util.List<String> items) {
        box.getChildren().clear();
        for (String item : items) {
            Label line = new Label("\u2022  " + item);
            line.setWrapText(true);
            line.getStyleClass().add("hint");
            box.getChildren().add(line);
        }
    }

    @FXML
    private void copyCommands() {
        MainView.copyToClipboard(viewModel.opensslCommandsProperty().get());
    }

    @FXML
    private void importMaterial() {
        viewModel.importMaterial();
    }

    @FXML
    private void goToFix() {
        viewModel.goToFix();
    }

    public ImportViewModel viewModel() {
        return viewModel;
    }
}
