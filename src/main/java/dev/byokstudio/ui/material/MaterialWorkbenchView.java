package dev.byokstudio.ui.material;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.material.Conversion;
import dev.byokstudio.material.RuleResult;
import dev.byokstudio.material.WrappingCompatibility;
import dev.byokstudio.ui.MainView;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The key material workbench's view: choose the key spec and (optionally) a wrapping, open, drop or
 * generate material, read the report line by line, apply a conversion, save the result, and copy the
 * equivalent OpenSSL command. All state is in {@link MaterialWorkbenchViewModel}.
 */
public final class MaterialWorkbenchView extends BorderPane {

    private static final PseudoClass WILL_IMPORT = PseudoClass.getPseudoClass("will-import");
    private static final PseudoClass WILL_NOT_IMPORT = PseudoClass.getPseudoClass("will-not-import");

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
    private Button saveButton;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label sourceLabel;
    @FXML
    private Label detectedLabel;
    @FXML
    private Label verdictLabel;
    @FXML
    private TableView<RuleResult> reportTable;
    @FXML
    private TableColumn<RuleResult, RuleResult.Status> statusColumn;
    @FXML
    private TableColumn<RuleResult, String> titleColumn;
    @FXML
    private TableColumn<RuleResult, String> expectedColumn;
    @FXML
    private TableColumn<RuleResult, String> foundColumn;
    @FXML
    private TextArea detailsArea;
    @FXML
    private FlowPane conversionButtons;
    @FXML
    private Label lastStepLabel;
    @FXML
    private TextField opensslField;
    @FXML
    private Button copyButton;

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
                return c == null ? "" : c.algorithm() + " with a " + c.wrappingKeySpec() + " wrapping key";
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
                        : item.algorithm() + " with a " + item.wrappingKeySpec() + " wrapping key");
            }
        });

        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        openButton.disableProperty().bind(viewModel.busyProperty());
        generateButton.disableProperty().bind(viewModel.busyProperty());
        saveButton.disableProperty().bind(viewModel.busyProperty().or(viewModel.sourceProperty().isEmpty()));
        saveButton.setTooltip(new Tooltip("Writes the material as it is now: after a conversion, the converted form."
                + " Key material is secret: keep the file where only you can read it."));
        sourceLabel.textProperty().bind(Bindings.when(viewModel.sourceProperty().isEmpty())
                .then("none yet").otherwise(viewModel.sourceProperty()));
        detectedLabel.textProperty().bind(viewModel.detectedTextProperty());
        verdictLabel.textProperty().bind(viewModel.verdictTextProperty());
        viewModel.verdictProperty().addListener((obs, old, verdict) -> showVerdict(verdict));
        showVerdict(viewModel.verdictProperty().get());

        detailsArea.setPromptText("Select a line of the report to read why the requirement matters and, if it failed, how to fix it.");
        reportTable.setItems(viewModel.lines());
        reportTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        statusColumn.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue().status()));
        statusColumn.setCellFactory(column -> new StatusCell());
        titleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        expectedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().expected()));
        foundColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().found()));
        for (TableColumn<RuleResult, String> column : List.of(titleColumn, expectedColumn, foundColumn)) {
            column.setCellFactory(c -> new WrappingCell());
        }
        reportTable.getSelectionModel().selectedItemProperty().addListener((obs, old, line) -> showDetails(line));
        viewModel.lines().addListener((javafx.collections.ListChangeListener<RuleResult>) change -> selectFirstFailure());

        viewModel.conversions().addListener((javafx.collections.ListChangeListener<Conversion>) change -> showConversions());
        lastStepLabel.textProperty().bind(viewModel.lastStepProperty());
        opensslField.textProperty().bind(viewModel.opensslCommandProperty());
        copyButton.disableProperty().bind(viewModel.opensslCommandProperty().isEmpty());

        setOnDragOver(event -> {
            if (event.getDragboard().hasFiles() && event.getDragboard().getFiles().size() == 1) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        setOnDragDropped(event -> {
            List<File> files = event.getDragboard().getFiles();
            boolean done = files != null && files.size() == 1;
            if (done) {
                viewModel.open(files.get(0).toPath());
            }
            event.setDropCompleted(done);
            event.consume();
        });
    }

    private void showVerdict(MaterialWorkbenchViewModel.Verdict verdict) {
        verdictLabel.pseudoClassStateChanged(WILL_IMPORT, verdict == MaterialWorkbenchViewModel.Verdict.WILL_IMPORT);
        verdictLabel.pseudoClassStateChanged(WILL_NOT_IMPORT, verdict == MaterialWorkbenchViewModel.Verdict.WILL_NOT_IMPORT);
    }

    private void selectFirstFailure() {
        List<RuleResult> lines = viewModel.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).failed()) {
                reportTable.getSelectionModel().select(i);
                reportTable.scrollTo(i);
                return;
            }
        }
        reportTable.getSelectionModel().clearSelection();
        detailsArea.clear();
    }

    private void showDetails(RuleResult line) {
        if (line == null) {
            detailsArea.clear();
            return;
        }
        StringBuilder text = new StringBuilder(line.title()).append(": ").append(line.why());
        if (line.failed() && !line.remedy().isEmpty()) {
            text.append(System.lineSeparator()).append(System.lineSeparator()).append("Fix: ").append(line.remedy());
        }
        detailsArea.setText(text.toString());
    }

    private void showConversions() {
        conversionButtons.getChildren().clear();
        if (viewModel.conversions().isEmpty()) {
            Label none = new Label("none needed or possible for this file");
            none.getStyleClass().add("hint");
            conversionButtons.getChildren().add(none);
            return;
        }
        for (Conversion conversion : viewModel.conversions()) {
            Button button = new Button(conversion.title() + (conversion.needsPassword() ? "…" : ""));
            button.setId("convert-" + conversion.name());
            button.setTooltip(new Tooltip(conversion.description()));
            button.disableProperty().bind(viewModel.busyProperty());
            button.setOnAction(event -> viewModel.convert(conversion));
            conversionButtons.getChildren().add(button);
        }
    }

    @FXML
    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open key material");
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            viewModel.open(file.toPath());
        }
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

    @FXML
    private void copyCommand() {
        MainView.copyToClipboard(viewModel.opensslCommandProperty().get());
    }

    /** A status badge: PASSED, FAILED or n/a. */
    private static final class StatusCell extends TableCell<RuleResult, RuleResult.Status> {
        private final Label badge = new Label();

        StatusCell() {
            badge.getStyleClass().add("state-badge");
        }

        @Override
        protected void updateItem(RuleResult.Status status, boolean empty) {
            super.updateItem(status, empty);
            badge.getStyleClass().removeAll("rule-passed", "rule-failed", "rule-not-applicable");
            if (empty || status == null) {
                setGraphic(null);
                return;
            }
            switch (status) {
                case PASSED:
                    badge.setText("Passed");
                    badge.getStyleClass().add("rule-passed");
                    break;
                case FAILED:
                    badge.setText("Failed");
                    badge.getStyleClass().add("rule-failed");
                    break;
                default:
                    badge.setText("n/a");
                    badge.getStyleClass().add("rule-not-applicable");
            }
            setGraphic(badge);
        }
    }

    /** Text that wraps within the column, so long expectations stay readable; the row grows to fit. */
    private static final class WrappingCell extends TableCell<RuleResult, String> {
        private final javafx.scene.text.Text text = new javafx.scene.text.Text();

        WrappingCell() {
            text.getStyleClass().add("wrapping-cell-text");
            text.wrappingWidthProperty().bind(widthProperty().subtract(12));
            setPrefHeight(javafx.scene.control.Control.USE_COMPUTED_SIZE);
            setText(null);
        }

        @Override
        protected void updateItem(String value, boolean empty) {
            super.updateItem(value, empty);
            text.setText(empty ? null : value);
            setGraphic(empty ? null : text);
            setTooltip(empty || value == null || value.isEmpty() ? null : new Tooltip(value));
        }
    }
}
