package dev.byokstudio.ui.wizard.tryit;

import dev.byokstudio.ui.MainView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The Try it step's view: the text, the button that runs the trial, its results and the commands that check them. */
public final class TryItView extends ScrollPane {

    private static final PseudoClass PASSED = PseudoClass.getPseudoClass("passed");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final TryItViewModel viewModel;

    @FXML
    private Label operationTitle;
    @FXML
    private Label description;
    @FXML
    private VBox messageBox;
    @FXML
    private TextField message;
    @FXML
    private Button runButton;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private VBox resultsBox;
    @FXML
    private Label firstLabel;
    @FXML
    private TextArea first;
    @FXML
    private Label secondLabel;
    @FXML
    private Label second;
    @FXML
    private Label verdict;
    @FXML
    private TextArea command;
    @FXML
    private Button copyButton;

    public TryItView(TryItViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        FXMLLoader loader = new FXMLLoader(TryItView.class.getResource("TryItView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("TryItView.fxml cannot be loaded", e);
        }
    }

    @FXML
    private void initialize() {
        operationTitle.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.operationProperty().get().action(), viewModel.operationProperty()));
        runButton.textProperty().bind(operationTitle.textProperty());
        description.textProperty().bind(viewModel.descriptionProperty());
        messageBox.visibleProperty().bind(viewModel.operationProperty().isNotEqualTo(TryItViewModel.Operation.KEY_AGREEMENT)
                .and(viewModel.operationProperty().isNotEqualTo(TryItViewModel.Operation.NONE)));
        messageBox.managedProperty().bind(messageBox.visibleProperty());
        message.textProperty().bindBidirectional(viewModel.messageProperty());
        message.disableProperty().bind(viewModel.busyProperty());
        runButton.disableProperty().bind(viewModel.canRun().not());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());

        resultsBox.visibleProperty().bind(viewModel.firstProperty().isNotEmpty());
        resultsBox.managedProperty().bind(resultsBox.visibleProperty());
        firstLabel.textProperty().bind(viewModel.firstLabelProperty());
        first.textProperty().bind(viewModel.firstProperty());
        secondLabel.textProperty().bind(viewModel.secondLabelProperty());
        second.textProperty().bind(viewModel.secondProperty());
        verdict.textProperty().bind(viewModel.verdictProperty());
        verdict.visibleProperty().bind(viewModel.verdictProperty().isNotEmpty());
        verdict.managedProperty().bind(verdict.visibleProperty());
        viewModel.okProperty().addListener((obs, old, ok) -> showVerdict(ok));
        showVerdict(viewModel.okProperty().get());

        command.textProperty().bind(viewModel.commandProperty());
        copyButton.disableProperty().bind(viewModel.commandProperty().isEmpty());
    }

    private void showVerdict(Boolean ok) {
        verdict.pseudoClassStateChanged(PASSED, Boolean.TRUE.equals(ok));
        verdict.pseudoClassStateChanged(FAILED, Boolean.FALSE.equals(ok));
    }

    @FXML
    private void run() {
        viewModel.run();
    }

    @FXML
    private void copyCommand() {
        MainView.copyToClipboard(viewModel.commandProperty().get());
    }

    public TryItViewModel viewModel() {
        return viewModel;
    }
}
