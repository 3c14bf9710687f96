package dev.byokstudio.ui.keys;

import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.ui.TableSelection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.controlsfx.control.action.Action;
import org.controlsfx.control.action.ActionUtils;

/**
 * The key list: a toolbar of lifecycle actions and a search field, the table of keys with coloured state
 * badges, and the selected key's details. Loads {@code KeysView.fxml} and binds it to a
 * {@link KeysViewModel}; holds no state of its own beyond keeping the table's selection and the view
 * model's in step.
 */
public final class KeysView extends BorderPane {

    private static final PseudoClass PENDING_DELETION = PseudoClass.getPseudoClass("pending-deletion");

    private final KeysViewModel viewModel;
    private final Action createAction;
    private final Action wizardAction;
    private final Action importAction;
    private final Action deleteMaterialAction;
    private final Action enableAction;
    private final Action disableAction;
    private final Action scheduleDeletionAction;
    private final Action cancelDeletionAction;
    private final Action addAliasAction;
    private final Action copyArnAction;
    private final Action editPolicyAction;
    private final Action refreshAction;

    @FXML
    private Button createButton;
    @FXML
    private Button wizardButton;
    @FXML
    private Button importButton;
    @FXML
    private Button enableButton;
    @FXML
    private Button disableButton;
    @FXML
    private Button scheduleDeletionButton;
    @FXML
    private Button cancelDeletionButton;
    @FXML
    private Button refreshButton;
    @FXML
    private TextField searchField;
    @FXML
    private TableView<KeyRow> table;
    @FXML
    private TableColumn<KeyRow, String> aliasColumn;
    @FXML
    private TableColumn<KeyRow, String> keyIdColumn;
    @FXML
    private TableColumn<KeyRow, String> keySpecColumn;
    @FXML
    private TableColumn<KeyRow, String> usageColumn;
    @FXML
    private TableColumn<KeyRow, String> originColumn;
    @FXML
    private TableColumn<KeyRow, KeyRow> stateColumn;
    @FXML
    private TableColumn<KeyRow, String> expiryColumn;
    @FXML
    private Label noSelection;
    @FXML
    private SplitPane detailsContent;
    @FXML
    private GridPane detailsGrid;
    @FXML
    private ListView<String> aliasList;
    @FXML
    private TableView<Tag> tagTable;
    @FXML
    private TableColumn<Tag, String> tagKeyColumn;
    @FXML
    private TableColumn<Tag, String> tagValueColumn;
    @FXML
    private TextArea policyText;
    @FXML
    private javafx.scene.control.ListView<String> timelineList;
    @FXML
    private Button editPolicyButton;

    public KeysView(KeysViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        createAction = action("Create key\u2026", "CreateKey: a new key, with material from KMS or for you to import",
                null, viewModel::createKey);
        createAction.setAccelerator(KeyCombination.keyCombination("Shortcut+N"));
        wizardAction = action("Import wizard\u2026",
                "Walks through an import: a new EXTERNAL key, its wrapping parameters, your material checked, wrapped and"
                        + " imported, then the key in use", null, viewModel::startImportWizard);
        wizardAction.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        importAction = action("Import key material\u2026",
                "GetParametersForImport and ImportKeyMaterial for the selected EXTERNAL key: a first import, or a reimport",
                viewModel.canImport(), viewModel::importIntoSelected);
        deleteMaterialAction = action("Delete imported material\u2026",
                "DeleteImportedKeyMaterial: the key becomes PendingImport until the same material is imported again",
                viewModel.canDeleteImportedMaterial(), viewModel::deleteImportedMaterialOfSelected);
        enableAction = action("Enable", "EnableKey: lets KMS use a disabled key again",
                viewModel.canEnable(), viewModel::enableSelected);
        disableAction = action("Disable", "DisableKey: KMS refuses to use the key until it is enabled again",
                viewModel.canDisable(), viewModel::disableSelected);
        scheduleDeletionAction = action("Schedule deletion\u2026",
                "ScheduleKeyDeletion: deletes the key after a waiting period of 7 to 30 days",
                viewModel.canScheduleDeletion(), viewModel::scheduleDeletionOfSelected);
        cancelDeletionAction = action("Cancel deletion",
                "CancelKeyDeletion: keeps the key; it comes back disabled, or pending import without material",
                viewModel.canCancelDeletion(), viewModel::cancelDeletionOfSelected);
        addAliasAction = action("Add alias\u2026", "CreateAlias: a friendly name for the key",
                viewModel.canAddAlias(), viewModel::addAliasToSelected);
        copyArnAction = action("Copy ARN", "Copies the key's ARN to the clipboard",
                viewModel.canCopyArn(), viewModel::copyArnOfSelected);
        copyArnAction.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+C"));
        editPolicyAction = action("Edit key policy\u2026",
                "GetKeyPolicy and PutKeyPolicy: change who may use and manage the key, from a template or by hand, "
                        + "checked as you type", viewModel.canEditPolicy(), viewModel::editPolicyOfSelected);
        editPolicyAction.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        refreshAction = action("Refresh", "Reloads the keys: ListKeys, DescribeKey, ListAliases",
                null, viewModel::refresh);
        refreshAction.setAccelerator(KeyCombination.keyCombination("F5"));

        FXMLLoader loader = new FXMLLoader(KeysView.class.getResource("KeysView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("KeysView.fxml cannot be loaded", e);
        }
    }

    private static Action action(String text, String longText, BooleanBinding enabledWhen, Runnable command) {
        Action action = new Action(text, event -> command.run());
        action.setLongText(longText);
        if (enabledWhen != null) {
            action.disabledProperty().bind(enabledWhen.not());
        }
        return action;
    }

    /** Edit key policy…, for the Policies menu. */
    public Action editPolicyAction() {
        return editPolicyAction;
    }

    /** The key actions, in menu order, with {@link ActionUtils#ACTION_SEPARATOR} between groups. */
    public List<Action> actions() {
        return List.of(createAction, wizardAction, ActionUtils.ACTION_SEPARATOR, importAction, deleteMaterialAction,
                ActionUtils.ACTION_SEPARATOR, enableAction, disableAction,
                ActionUtils.ACTION_SEPARATOR, scheduleDeletionAction, cancelDeletionAction,
                ActionUtils.ACTION_SEPARATOR, addAliasAction, copyArnAction, editPolicyAction,
                ActionUtils.ACTION_SEPARATOR, refreshAction);
    }

    @FXML
    private void initialize() {
        timelineList.setItems(viewModel.selectedTimeline());
        timelineList.setPlaceholder(new Label("Select a key"));
        ActionUtils.configureButton(createAction, createButton);
        ActionUtils.configureButton(wizardAction, wizardButton);
        ActionUtils.configureButton(importAction, importButton);
        ActionUtils.configureButton(enableAction, enableButton);
        ActionUtils.configureButton(disableAction, disableButton);
        ActionUtils.configureButton(scheduleDeletionAction, scheduleDeletionButton);
        ActionUtils.configureButton(cancelDeletionAction, cancelDeletionButton);
        ActionUtils.configureButton(refreshAction, refreshButton);
        ActionUtils.configureButton(editPolicyAction, editPolicyButton);
        scheduleDeletionButton.getStyleClass().add("danger");

        searchField.textProperty().bindBidirectional(viewModel.searchTextProperty());

        bindTable();
        bindDetails();
    }

    private void bindTable() {
        aliasColumn.setCellValueFactory(text(KeyRow::firstAlias));
        keyIdColumn.setCellValueFactory(text(KeyRow::keyId));
        keyIdColumn.getStyleClass().add("code-column");
        keySpecColumn.setCellValueFactory(text(row -> name(row.keySpec())));
        usageColumn.setCellValueFactory(text(row -> name(row.keyUsage())));
        originColumn.setCellValueFactory(text(row -> name(row.origin())));
        expiryColumn.setCellValueFactory(text(viewModel::expiryText));
        stateColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        stateColumn.setCellFactory(column -> new StateCell(viewModel));
        stateColumn.setComparator(Comparator.comparing(row -> name(row.state())));

        SortedList<KeyRow> sorted = new SortedList<>(viewModel.visibleKeys());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        Label placeholder = new Label();
        placeholder.getStyleClass().add("placeholder");
        placeholder.textProperty().bind(viewModel.placeholderText());
        table.setPlaceholder(placeholder);
        table.setContextMenu(ActionUtils.createContextMenu(actions()));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(KeyRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(PENDING_DELETION, !empty && row != null && row.state() == KeyState.PendingDeletion);
            }
        });

        TableSelection.bind(table, viewModel.selectedKeyProperty(), (a, b) -> a.keyId().equals(b.keyId()));
    }

    private void bindDetails() {
        BooleanBinding nothingSelected = viewModel.selectedKeyProperty().isNull();
        noSelection.visibleProperty().bind(nothingSelected);
        detailsContent.visibleProperty().bind(nothingSelected.not());

        viewModel.details().addListener((ListChangeListener<KeysViewModel.DetailField>) change -> rebuildDetails());
        rebuildDetails();

        aliasList.setItems(viewModel.selectedAliases());
        aliasList.setPlaceholder(placeholder("No aliases"));
        tagKeyColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().tagKey()));
        tagValueColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().tagValue()));
        tagTable.setItems(viewModel.selectedTags());
        tagTable.setPlaceholder(placeholder("No tags"));
        policyText.textProperty().bind(viewModel.selectedPolicyProperty());
    }

    /** One row per field: a label, and the value in a read-only text field so that it can be selected and copied. */
    private void rebuildDetails() {
        detailsGrid.getChildren().clear();
        int rowIndex = 0;
        for (KeysViewModel.DetailField field : viewModel.details()) {
            Label label = new Label(field.label());
            label.getStyleClass().add("detail-label");
            TextField value = new TextField(field.value());
            value.setEditable(false);
            value.setFocusTraversable(true);
            value.getStyleClass().add("detail-value");
            if (field.code()) {
                value.getStyleClass().add("code");
            }
            label.setLabelFor(value);
            detailsGrid.addRow(rowIndex++, label, value);
        }
    }

    private static Label placeholder(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("placeholder");
        return label;
    }

    private static javafx.util.Callback<TableColumn.CellDataFeatures<KeyRow, String>, ObservableValue<String>> text(
            Function<KeyRow, String> value) {
        return cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue()));
    }

    private static String name(Enum<?> value) {
        return value == null ? "" : value.name();
    }

    /** The CSS style class of a state badge. */
    static String badgeStyleClass(KeyState state) {
        if (state == null) {
            return "state-other";
        }
        switch (state) {
            case Enabled:
                return "state-enabled";
            case Disabled:
                return "state-disabled";
            case PendingImport:
                return "state-pending-import";
            case PendingDeletion:
                return "state-pending-deletion";
            default:
                return "state-other";
        }
    }

    /** A state badge, followed for a key pending deletion by the date it will be deleted. */
    private static final class StateCell extends TableCell<KeyRow, KeyRow> {

        private final KeysViewModel viewModel;
        private final Label badge = new Label();
        private final Label note = new Label();
        private final HBox box = new HBox(badge, note);

        StateCell(KeysViewModel viewModel) {
            this.viewModel = viewModel;
            box.getStyleClass().add("state-cell");
            badge.setMinWidth(Region.USE_PREF_SIZE);
            note.getStyleClass().add("state-note");
            setText(null);
        }

        @Override
        protected void updateItem(KeyRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            badge.setText(name(row.state()));
            badge.getStyleClass().setAll("label", "state-badge", badgeStyleClass(row.state()));
            String text = viewModel.stateNote(row);
            note.setText(text);
            note.setVisible(!text.isEmpty());
            note.setManaged(!text.isEmpty());
            setGraphic(box);
        }
    }
}
