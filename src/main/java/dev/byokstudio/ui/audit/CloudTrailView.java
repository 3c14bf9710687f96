package dev.byokstudio.ui.audit;

import dev.byokstudio.ui.TableSelection;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;

/**
 * The CloudTrail tab: filters, the table of events newest first, and the selected event's record. Loads
 * {@code CloudTrailView.fxml} and binds it to a {@link CloudTrailViewModel}; when the backend records no events it
 * shows only a sentence saying so.
 */
public final class CloudTrailView extends BorderPane {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final DateTimeFormatter TIMES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final CloudTrailViewModel viewModel;

    @FXML
    private Button refreshButton;
    @FXML
    private Button exportButton;
    @FXML
    private Label countLabel;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label statusLabel;
    @FXML
    private Label eventNameLabel;
    @FXML
    private ComboBox<String> eventNameChoice;
    @FXML
    private Label keyLabel;
    @FXML
    private TextField keyField;
    @FXML
    private Label principalLabel;
    @FXML
    private ComboBox<String> principalChoice;
    @FXML
    private Label fromLabel;
    @FXML
    private TextField fromField;
    @FXML
    private Label toLabel;
    @FXML
    private TextField toField;
    @FXML
    private Label timeProblemLabel;
    @FXML
    private SplitPane split;
    @FXML
    private TableView<TrailRow> table;
    @FXML
    private TableColumn<TrailRow, Instant> timeColumn;
    @FXML
    private TableColumn<TrailRow, String> nameColumn;
    @FXML
    private TableColumn<TrailRow, String> userColumn;
    @FXML
    private TableColumn<TrailRow, String> resourceColumn;
    @FXML
    private TableColumn<TrailRow, String> readOnlyColumn;
    @FXML
    private TableColumn<TrailRow, String> errorColumn;
    @FXML
    private Label recordLabel;
    @FXML
    private TextArea recordText;

    public CloudTrailView(CloudTrailViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        if (!viewModel.available()) {
            Label why = new Label(viewModel.unavailableText());
            why.setWrapText(true);
            why.getStyleClass().addAll("placeholder", "unavailable-text");
            getStyleClass().add("cloudtrail-view");
            setCenter(why);
            return;
        }
        FXMLLoader loader = new FXMLLoader(CloudTrailView.class.getResource("CloudTrailView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("CloudTrailView.fxml cannot be loaded", e);
        }
    }

    @FXML
    private void initialize() {
        countLabel.textProperty().bind(viewModel.countText());
        busyIndicator.visibleProperty().bind(viewModel.loadingProperty().or(viewModel.exportingProperty()));
        statusLabel.textProperty().bind(viewModel.statusMessageProperty());
        refreshButton.setTooltip(new Tooltip("Reads the recorded events again (they also refresh after each KMS call)"));
        exportButton.setTooltip(new Tooltip("Writes the events the filters show as a CloudTrail log file: "
                + "{\"Records\": [...]}, .json or gzipped .json.gz"));
        exportButton.disableProperty().bind(viewModel.exportingProperty()
                .or(javafx.beans.binding.Bindings.isEmpty(viewModel.visibleRows())));

        eventNameLabel.setLabelFor(eventNameChoice);
        keyLabel.setLabelFor(keyField);
        principalLabel.setLabelFor(principalChoice);
        fromLabel.setLabelFor(fromField);
        toLabel.setLabelFor(toField);
        recordLabel.setLabelFor(recordText);
        eventNameChoice.setItems(viewModel.eventNames());
        eventNameChoice.valueProperty().bindBidirectional(viewModel.eventNameFilterProperty());
        principalChoice.setItems(viewModel.principalNames());
        principalChoice.valueProperty().bindBidirectional(viewModel.principalFilterProperty());
        // Replacing a combo box's items can drop its value: "All" is what an empty choice means.
        viewModel.eventNameFilterProperty().addListener((obs, old, value) -> {
            if (value == null) {
                viewModel.eventNameFilterProperty().set(CloudTrailViewModel.ALL);
            }
        });
        viewModel.principalFilterProperty().addListener((obs, old, value) -> {
            if (value == null) {
                viewModel.principalFilterProperty().set(CloudTrailViewModel.ALL);
            }
        });
        keyField.textProperty().bindBidirectional(viewModel.keyFilterProperty());
        fromField.textProperty().bindBidirectional(viewModel.fromTextProperty());
        toField.textProperty().bindBidirectional(viewModel.toTextProperty());
        fromField.setTooltip(new Tooltip("Events at or after this UTC time: yyyy-MM-dd HH:mm, or a date"));
        toField.setTooltip(new Tooltip("Events up to the end of this UTC minute (or day): yyyy-MM-dd HH:mm, or a date"));
        timeProblemLabel.textProperty().bind(viewModel.timeProblemProperty());
        timeProblemLabel.visibleProperty().bind(viewModel.timeProblemProperty().isNotEmpty());
        timeProblemLabel.managedProperty().bind(timeProblemLabel.visibleProperty());

        bindTable();
        recordText.textProperty().bind(viewModel.selectedJsonProperty());
    }

    private void bindTable() {
        timeColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().eventTime()));
        timeColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Instant time, boolean empty) {
                super.updateItem(time, empty);
                setText(empty || time == null ? null : TIMES.format(time));
            }
        });
        timeColumn.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        timeColumn.getStyleClass().add("code-column");
        nameColumn.setCellValueFactory(text(TrailRow::eventName));
        userColumn.setCellValueFactory(text(TrailRow::userText));
        resourceColumn.setCellValueFactory(text(TrailRow::resource));
        resourceColumn.getStyleClass().add("code-column");
        resourceColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                TrailRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(row == null || row.resourceArn().isEmpty() ? null : new Tooltip(row.resourceArn()));
            }
        });
        readOnlyColumn.setCellValueFactory(text(TrailRow::readOnly));
        errorColumn.setCellValueFactory(text(TrailRow::errorCode));

        SortedList<TrailRow> sorted = new SortedList<>(viewModel.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("placeholder");
        placeholder.textProperty().bind(viewModel.placeholderText());
        table.setPlaceholder(placeholder);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TrailRow row, boolean empty) {
                super.updateItem(row, empty);
                boolean failed = !empty && row != null && row.failed();
                pseudoClassStateChanged(FAILED, failed);
                setTooltip(failed ? new Tooltip(row.errorCode()
                        + (row.errorMessage().isEmpty() ? "" : ": " + row.errorMessage())) : null);
            }
        });

        TableSelection<TrailRow> selection = TableSelection.bind(table, viewModel.selectedEventProperty(),
                (a, b) -> a.eventId().equals(b.eventId()));
        // While the rows are replaced, the table drops its selection for a moment; the view model keeps it.
        viewModel.visibleRows().addListener((javafx.collections.ListChangeListener<TrailRow>) change -> selection.reselect());
    }

    private static javafx.util.Callback<TableColumn.CellDataFeatures<TrailRow, String>,
            javafx.beans.value.ObservableValue<String>> text(Function<TrailRow, String> value) {
        return cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue()));
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }

    @FXML
    private void clearFilters() {
        viewModel.clearFilters();
    }

    /** Asks where to write the filtered events, then writes them in the background. */
    @FXML
    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export CloudTrail events");
        FileChooser.ExtensionFilter gzip = new FileChooser.ExtensionFilter(
                "Gzipped CloudTrail log file (*.json.gz)", "*.json.gz");
        FileChooser.ExtensionFilter json = new FileChooser.ExtensionFilter("CloudTrail log file (*.json)", "*.json");
        chooser.getExtensionFilters().addAll(gzip, json);
        chooser.setSelectedExtensionFilter(gzip);
        chooser.setInitialFileName(viewModel.suggestedFileName(Clock.systemUTC().instant()));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            viewModel.exportTo(CloudTrailViewModel.exportPath(file.toPath(),
                    chooser.getSelectedExtensionFilter() != json));
        }
    }

    /** The table of events, for tests. */
    TableView<TrailRow> table() {
        return table;
    }

    /** Divider position, for layout at small widths. */
    SplitPane split() {
        return split;
    }
}
