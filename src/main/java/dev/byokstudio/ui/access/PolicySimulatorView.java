package dev.byokstudio.ui.access;

import dev.byokstudio.kms.Principal;
import dev.byokstudio.ui.AppIcons;
import dev.byokstudio.ui.MainView;
import dev.byokstudio.ui.access.PolicySimulatorViewModel.ContextEntry;
import dev.byokstudio.ui.access.PolicySimulatorViewModel.Decision;
import dev.byokstudio.ui.access.PolicySimulatorViewModel.KeyChoice;
import dev.byokstudio.ui.access.PolicySimulatorViewModel.RequestValue;
import dev.byokstudio.ui.access.PolicySimulatorViewModel.StatementView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.controlsfx.control.SearchableComboBox;

/**
 * The policy simulator's window content: the request on the left, the decision and what made it on the right.
 * Loads {@code PolicySimulatorView.fxml} and binds it to a {@link PolicySimulatorViewModel}.
 */
public final class PolicySimulatorView extends BorderPane {

    private static final PseudoClass ALLOWED = PseudoClass.getPseudoClass("allowed");
    private static final PseudoClass DENIED = PseudoClass.getPseudoClass("denied");

    private final PolicySimulatorViewModel viewModel;

    @FXML
    private Label principalLabel;
    @FXML
    private ComboBox<Principal> principalChoice;
    @FXML
    private Label actionLabel;
    @FXML
    private SearchableComboBox<String> actionChoice;
    @FXML
    private Label keyLabel;
    @FXML
    private ComboBox<String> keyChoice;
    @FXML
    private Label keyHint;
    @FXML
    private Label valuesLabel;
    @FXML
    private TableView<RequestValue> valuesTable;
    @FXML
    private TableColumn<RequestValue, String> conditionKeyColumn;
    @FXML
    private TableColumn<RequestValue, String> valuesColumn;
    @FXML
    private Button evaluateButton;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label noResult;
    @FXML
    private ScrollPane resultScroll;
    @FXML
    private Label decisionLabel;
    @FXML
    private Label decisionExplanation;
    @FXML
    private Label evaluatedLabel;
    @FXML
    private VBox deniedBox;
    @FXML
    private TextArea deniedMessage;
    @FXML
    private Label noStatements;
    @FXML
    private VBox statementsBox;
    @FXML
    private TableView<ContextEntry> contextTable;
    @FXML
    private TableColumn<ContextEntry, String> contextKeyColumn;
    @FXML
    private TableColumn<ContextEntry, String> contextValuesColumn;

    public PolicySimulatorView(PolicySimulatorViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        FXMLLoader loader = new FXMLLoader(PolicySimulatorView.class.getResource("PolicySimulatorView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("PolicySimulatorView.fxml cannot be loaded", e);
        }
    }

    /** Shows the simulator in a window of its own, beside {@code owner}, and starts it. */
    public static Stage show(PolicySimulatorViewModel viewModel, Window owner) {
        Stage stage = new Stage();
        stage.setTitle("Policy simulator \u2014 BYOK Studio");
        Scene scene = dev.byokstudio.ui.WindowSizes.scene(new PolicySimulatorView(viewModel), 1180, 720, owner);
        scene.getStylesheets().add(MainView.stylesheet());
        stage.setScene(scene);
        if (owner != null) {
            stage.initOwner(owner);
        }
        AppIcons.apply(stage);
        stage.show();
        viewModel.start();
        return stage;
    }

    @FXML
    private void initialize() {
        principalLabel.setLabelFor(principalChoice);
        actionLabel.setLabelFor(actionChoice);
        keyLabel.setLabelFor(keyChoice);
        valuesLabel.setLabelFor(valuesTable);

        principalChoice.setItems(viewModel.principals());
        principalChoice.valueProperty().bindBidirectional(viewModel.principalProperty());
        principalChoice.setCellFactory(list -> DescribedCell.principal());
        principalChoice.setButtonCell(DescribedCell.principal());
        principalChoice.setId("simulatorPrincipal");

        actionChoice.setItems(viewModel.actions());
        actionChoice.valueProperty().bindBidirectional(viewModel.actionProperty());
        actionChoice.setId("simulatorAction");

        keyChoice.setId("simulatorKey");
        keyChoice.getItems().setAll(viewModel.keys().stream().map(KeyChoice::keyId).toList());
        keyChoice.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String keyId, boolean empty) {
                super.updateItem(keyId, empty);
                setText(empty || keyId == null ? null : labelOf(keyId));
            }
        });
        keyChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String keyId) {
                return keyId == null ? "" : keyId;
            }

            @Override
            public String fromString(String text) {
                return text == null ? "" : text.strip();
            }
        });
        keyChoice.valueProperty().bindBidirectional(viewModel.keyTextProperty());
        // What is typed counts at once, not only after Enter: Evaluate follows it.
        keyChoice.getEditor().textProperty().addListener((obs, old, text) -> {
            if (keyChoice.getEditor().isFocused()) {
                viewModel.keyTextProperty().set(text == null ? "" : text);
            }
        });
        keyChoice.disableProperty().bind(viewModel.keyApplies().not());
        keyHint.textProperty().bind(viewModel.keyHint());

        valuesTable.setItems(viewModel.requestValues());
        valuesTable.setPlaceholder(placeholder("The action takes no request condition keys."));
        conditionKeyColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().conditionKey()));
        conditionKeyColumn.getStyleClass().add("code-column");
        valuesColumn.setCellValueFactory(cell -> cell.getValue().valuesProperty());
        valuesColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        valuesColumn.setOnEditCommit(edit -> edit.getRowValue().valuesProperty().set(edit.getNewValue()));
        valuesColumn.getStyleClass().add("code-column");

        evaluateButton.disableProperty().bind(viewModel.canEvaluate().not());
        busyIndicator.visibleProperty().bind(viewModel.evaluatingProperty());
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN),
                        this::evaluate);
            }
        });

        bindResult();
    }

    private String labelOf(String keyId) {
        return viewModel.keys().stream().filter(k -> k.keyId().equals(keyId)).map(KeyChoice::label).findFirst()
                .orElse(keyId);
    }

    private void bindResult() {
        noResult.visibleProperty().bind(viewModel.decisionProperty().isNull());
        resultScroll.visibleProperty().bind(viewModel.decisionProperty().isNotNull());
        decisionLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            Decision decision = viewModel.decisionProperty().get();
            if (decision == null) {
                return "";
            }
            return (decision == Decision.ALLOWED ? "\u2714  " : "\u2716  ") + decision.text();
        }, viewModel.decisionProperty()));
        decisionLabel.setId("decision");
        decisionExplanation.textProperty().bind(Bindings.createStringBinding(() -> {
            Decision decision = viewModel.decisionProperty().get();
            return decision == null ? "" : decision.explanation();
        }, viewModel.decisionProperty()));
        evaluatedLabel.textProperty().bind(Bindings.createStringBinding(() -> viewModel.evaluatedRequestProperty().get()
                + (viewModel.evaluatedResourceProperty().get().isEmpty() ? ""
                        : "\nResource: " + viewModel.evaluatedResourceProperty().get()),
                viewModel.evaluatedRequestProperty(), viewModel.evaluatedResourceProperty()));
        viewModel.decisionProperty().addListener((obs, old, decision) -> {
            decisionLabel.pseudoClassStateChanged(ALLOWED, decision == Decision.ALLOWED);
            decisionLabel.pseudoClassStateChanged(DENIED, decision != null && decision != Decision.ALLOWED);
        });
        deniedMessage.textProperty().bind(viewModel.accessDeniedMessageProperty());
        deniedMessage.setId("accessDeniedMessage");
        deniedBox.visibleProperty().bind(viewModel.accessDeniedMessageProperty().isNotEmpty());
        deniedBox.managedProperty().bind(deniedBox.visibleProperty());
        noStatements.visibleProperty().bind(Bindings.isEmpty(viewModel.statements()));
        noStatements.managedProperty().bind(noStatements.visibleProperty());
        viewModel.statements().addListener((ListChangeListener<StatementView>) change -> rebuildStatements());

        contextTable.setItems(viewModel.context());
        contextKeyColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().key()));
        contextValuesColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().values()));
        contextKeyColumn.getStyleClass().add("code-column");
        contextValuesColumn.getStyleClass().add("code-column");
    }

    /** One block per deciding statement: where it is, then its JSON, selectable. */
    private void rebuildStatements() {
        statementsBox.getChildren().clear();
        for (StatementView statement : viewModel.statements()) {
            Label heading = new Label(statement.heading());
            heading.getStyleClass().add("statement-heading");
            heading.setWrapText(true);
            TextArea json = new TextArea(statement.json());
            json.setEditable(false);
            json.getStyleClass().addAll("code", "statement-json");
            json.setPrefRowCount(Math.min(14, (int) statement.json().lines().count() + 1));
            json.setAccessibleText(statement.heading());
            VBox block = new VBox(heading, json);
            block.getStyleClass().add("deciding-statement");
            statementsBox.getChildren().add(block);
        }
    }

    private static Label placeholder(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("placeholder");
        label.setWrapText(true);
        return label;
    }

    @FXML
    private void evaluate() {
        viewModel.evaluate();
    }
}
