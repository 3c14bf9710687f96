package dev.byokstudio.ui.material;

import dev.byokstudio.material.Conversion;
import dev.byokstudio.material.RuleResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * A workbench's report as the person reads it: the verdict banner, the report rule by rule (the wrapping check
 * last), why the selected requirement matters and how to fix it, the one-click conversions, and the OpenSSL
 * command that does what the last conversion did. Shared by the workbench window and the import wizard's
 * validation step; all state is in the {@link MaterialWorkbenchViewModel}.
 */
public final class MaterialReportPane extends BorderPane {

    private static final PseudoClass WILL_IMPORT = PseudoClass.getPseudoClass("will-import");
    private static final PseudoClass WILL_NOT_IMPORT = PseudoClass.getPseudoClass("will-not-import");

    private final MaterialWorkbenchViewModel viewModel;

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
    private VBox bottomBox;
    @FXML
    private javafx.scene.layout.HBox conversionsRow;

    public MaterialReportPane(MaterialWorkbenchViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        FXMLLoader loader = new FXMLLoader(MaterialReportPane.class.getResource("MaterialReportPane.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("MaterialReportPane.fxml cannot be loaded", e);
        }
    }

    @FXML
    private void initialize() {
        verdictLabel.textProperty().bind(viewModel.verdictTextProperty());
        viewModel.verdictProperty().addListener((obs, old, verdict) -> showVerdict(verdict));
        showVerdict(viewModel.verdictProperty().get());

        detailsArea.setPromptText("Select a line of the report to read why the requirement matters and, if it failed, how to fix it.");
        reportTable.setItems(viewModel.lines());
        reportTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        statusColumn.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().status()));
        statusColumn.setCellFactory(column -> new StatusCell());
        titleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        expectedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().expected()));
        foundColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().found()));
        for (TableColumn<RuleResult, String> column : List.of(titleColumn, expectedColumn, foundColumn)) {
            column.setCellFactory(c -> new WrappingCell());
        }
        reportTable.getSelectionModel().selectedItemProperty().addListener((obs, old, line) -> showDetails(line));
        // Each check gives new report lines, and the conversions may be the same as before (none, say): the row
        // follows the report, not only changes to the list of conversions.
        viewModel.lines().addListener((ListChangeListener<RuleResult>) change -> {
            selectFirstFailure();
            showConversions();
        });
        viewModel.conversions().addListener((ListChangeListener<Conversion>) change -> showConversions());
        showConversions();
        if (viewModel.hasMaterial()) {
            // Shown on a workbench that already holds material (the wizard's validation step).
            selectFirstFailure();
        }

        bottomBox.getChildren().add(new OpenSslCommandBox(viewModel));
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
        // Without material there is nothing to convert, and nothing to say about it.
        conversionsRow.setVisible(viewModel.hasMaterial());
        conversionsRow.setManaged(viewModel.hasMaterial());
        if (!viewModel.hasMaterial()) {
            return;
        }
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
        private final Text text = new Text();

        WrappingCell() {
            text.getStyleClass().add("wrapping-cell-text");
            text.wrappingWidthProperty().bind(widthProperty().subtract(12));
            setPrefHeight(Control.USE_COMPUTED_SIZE);
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
