package dev.byokstudio.ui.access;

import dev.byokstudio.kms.AccessControl.PolicyTemplate;
import dev.byokstudio.ui.AppIcons;
import dev.byokstudio.ui.MainView;
import dev.byokstudio.ui.access.KeyPolicyEditorViewModel.Validity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The key policy editor's window content: a template chooser, the document, the checks, Save and Close. Loads
 * {@code KeyPolicyEditorView.fxml} and binds it to a {@link KeyPolicyEditorViewModel}.
 */
public final class KeyPolicyEditorView extends BorderPane {

    private static final PseudoClass VALID = PseudoClass.getPseudoClass("valid");
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final KeyPolicyEditorViewModel viewModel;
    private final Runnable closeWindow;
    private boolean resettingTemplate;

    @FXML
    private Label titleLabel;
    @FXML
    private HBox templateRow;
    @FXML
    private Label templateLabel;
    @FXML
    private ComboBox<PolicyTemplate> templateChoice;
    @FXML
    private Label templateDescription;
    @FXML
    private Label noTemplates;
    @FXML
    private Label documentLabel;
    @FXML
    private TextArea documentText;
    @FXML
    private Label problemsLabel;
    @FXML
    private Label validityLabel;
    @FXML
    private ListView<String> problemList;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label statusLabel;
    @FXML
    private Button saveButton;
    @FXML
    private Button closeButton;

    /** @param closeWindow closes the window, once the view model agrees */
    public KeyPolicyEditorView(KeyPolicyEditorViewModel viewModel, Runnable closeWindow) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.closeWindow = Objects.requireNonNull(closeWindow, "closeWindow");
        FXMLLoader loader = new FXMLLoader(KeyPolicyEditorView.class.getResource("KeyPolicyEditorView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("KeyPolicyEditorView.fxml cannot be loaded", e);
        }
    }

    /** Shows the editor in a window modal to {@code owner}, reads the policy, and returns when it is closed. */
    public static void showAndWait(KeyPolicyEditorViewModel viewModel, Window owner) {
        Stage stage = new Stage();
        stage.setTitle("Key policy \u2014 " + viewModel.keyLabel());
        Scene scene = dev.byokstudio.ui.WindowSizes.scene(new KeyPolicyEditorView(viewModel, stage::hide), 1040, 700,
                owner);
        scene.getStylesheets().add(MainView.stylesheet());
        stage.setScene(scene);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        AppIcons.apply(stage);
        stage.setOnCloseRequest(event -> {
            if (!viewModel.confirmClose()) {
                event.consume();
            }
        });
        stage.setOnShown(event -> viewModel.start());
        stage.showAndWait();
        viewModel.close();
    }

    @FXML
    private void initialize() {
        titleLabel.setText("Key policy of " + viewModel.keyLabel());
        templateLabel.setLabelFor(templateChoice);
        documentLabel.setLabelFor(documentText);
        problemsLabel.setLabelFor(problemList);

        boolean templates = viewModel.templatesAvailable();
        templateRow.setVisible(templates);
        templateRow.setManaged(templates);
        noTemplates.setText(templates ? "" : viewModel.templatesUnavailableText());
        noTemplates.setVisible(!templates);
        noTemplates.setManaged(!templates);
        templateChoice.setItems(viewModel.templates());
        templateChoice.setCellFactory(list -> templateCell());
        templateChoice.setButtonCell(templateCell());
        templateChoice.setId("templateChoice");
        templateChoice.valueProperty().addListener((obs, old, template) -> {
            if (resettingTemplate || template == null) {
                return;
            }
            if (viewModel.applyTemplate(template)) {
                templateDescription.setText(template.description());
            } else {
                // Declined (or the same text): the chooser goes back to what it showed.
                Platform.runLater(() -> {
                    resettingTemplate = true;
                    try {
                        templateChoice.setValue(old);
                    } finally {
                        resettingTemplate = false;
                    }
                });
            }
        });
        templateChoice.disableProperty().bind(viewModel.loadingProperty().or(viewModel.savingProperty()));

        documentText.textProperty().bindBidirectional(viewModel.textProperty());
        documentText.editableProperty().bind(viewModel.loadingProperty().not().and(viewModel.savingProperty().not()));
        documentText.setId("policyDocument");

        validityLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            Validity validity = viewModel.validityProperty().get();
            String text = viewModel.validityText().get();
            return validity == Validity.VALID ? "\u2714  " + text : validity == Validity.INVALID ? "\u2716  " + text : text;
        }, viewModel.validityProperty(), viewModel.validityText()));
        validityLabel.setId("policyValidity");
        viewModel.validityProperty().addListener((obs, old, validity) -> showValidity(validity));
        showValidity(viewModel.validityProperty().get());
        problemList.setItems(viewModel.problems());
        problemList.setPlaceholder(placeholder());
        problemList.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(String problem, boolean empty) {
                super.updateItem(problem, empty);
                setText(empty || problem == null ? null : "\u2022 " + problem);
            }
        });

        busyIndicator.visibleProperty().bind(viewModel.loadingProperty().or(viewModel.savingProperty()));
        busyIndicator.managedProperty().bind(busyIndicator.visibleProperty());
        statusLabel.textProperty().bind(Bindings.createStringBinding(() -> viewModel.saveErrorProperty().get().isEmpty()
                        ? viewModel.statusMessageProperty().get() : viewModel.saveErrorProperty().get(),
                viewModel.saveErrorProperty(), viewModel.statusMessageProperty()));
        viewModel.saveErrorProperty().addListener((obs, old, error) ->
                statusLabel.pseudoClassStateChanged(INVALID, !error.isEmpty()));
        saveButton.disableProperty().bind(viewModel.canSave().not());
        saveButton.setId("savePolicy");
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN),
                        viewModel::save);
            }
        });
    }

    private void showValidity(Validity validity) {
        validityLabel.pseudoClassStateChanged(VALID, validity == Validity.VALID);
        validityLabel.pseudoClassStateChanged(INVALID, validity == Validity.INVALID);
    }

    private Label placeholder() {
        Label label = new Label();
        label.getStyleClass().add("placeholder");
        label.setWrapText(true);
        label.textProperty().bind(Bindings.createStringBinding(() -> viewModel.validityProperty().get() == Validity.VALID
                ? "Nothing to fix: KMS would accept this policy." : "", viewModel.validityProperty()));
        return label;
    }

    @FXML
    private void save() {
        viewModel.save();
    }

    @FXML
    private void close() {
        if (viewModel.confirmClose()) {
            closeWindow.run();
        }
    }

    /** A template by name, its description as the tooltip. */
    private static DescribedCell<PolicyTemplate> templateCell() {
        return new DescribedCell<>(PolicyTemplate::name, PolicyTemplate::description);
    }
}
