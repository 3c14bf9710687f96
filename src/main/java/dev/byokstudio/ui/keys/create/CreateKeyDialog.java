package dev.byokstudio.ui.keys.create;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.ui.keys.AliasNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * The Create key dialog: loads {@code CreateKeyDialog.fxml} and binds it to a {@link CreateKeyViewModel}.
 * Its result is the new key's ID; the dialog stays open while the key is being created, and after a
 * failure, so that the person can correct the form.
 */
public final class CreateKeyDialog extends Dialog<String> {

    /** The button that creates the key. */
    public static final ButtonType CREATE = new ButtonType("Create key", ButtonData.OK_DONE);

    private final CreateKeyViewModel viewModel;

    @FXML
    private ToggleGroup originGroup;
    @FXML
    private RadioButton awsKmsOrigin;
    @FXML
    private RadioButton externalOrigin;
    @FXML
    private Label originExplanation;
    @FXML
    private ComboBox<KeySpec> keySpec;
    @FXML
    private ComboBox<KeyUsage> keyUsage;
    @FXML
    private TextField description;
    @FXML
    private TextField alias;
    @FXML
    private Label aliasProblem;
    @FXML
    private HBox busyBox;

    public CreateKeyDialog(CreateKeyViewModel viewModel) {
        this.viewModel = viewModel;
        FXMLLoader loader = new FXMLLoader(CreateKeyDialog.class.getResource("CreateKeyDialog.fxml"));
        loader.setController(this);
        try {
            setDialogPane(loader.load());
        } catch (IOException e) {
            throw new UncheckedIOException("CreateKeyDialog.fxml cannot be loaded", e);
        }
        setTitle("Create key");
        setResizable(true);
        bind();
    }

    private void bind() {
        DialogPane pane = getDialogPane();
        pane.getButtonTypes().setAll(CREATE, ButtonType.CANCEL);

        awsKmsOrigin.setUserData(Origin.AWS_KMS);
        externalOrigin.setUserData(Origin.EXTERNAL);
        selectOrigin(viewModel.originProperty().get());
        originGroup.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                // A radio button group always has a choice: undo a deselection.
                selectOrigin(viewModel.originProperty().get());
            } else {
                viewModel.originProperty().set((Origin) toggle.getUserData());
            }
        });
        viewModel.originProperty().addListener((obs, old, origin) -> selectOrigin(origin));
        originExplanation.textProperty().bind(viewModel.originExplanation());

        keySpec.setItems(viewModel.keySpecs());
        keySpec.valueProperty().bindBidirectional(viewModel.keySpecProperty());
        keyUsage.setItems(viewModel.keyUsages());
        keyUsage.valueProperty().bindBidirectional(viewModel.keyUsageProperty());
        description.textProperty().bindBidirectional(viewModel.descriptionProperty());
        alias.textProperty().bindBidirectional(viewModel.aliasProperty());

        aliasProblem.textProperty().bind(viewModel.aliasProblem());
        aliasProblem.visibleProperty().bind(viewModel.aliasProblem().isNotEmpty());
        aliasProblem.managedProperty().bind(aliasProblem.visibleProperty());
        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(alias, false, (control, value) -> {
            String text = value == null ? "" : value.toString().strip();
            Optional<String> problem = text.isEmpty() ? Optional.empty() : AliasNames.problem(text);
            return ValidationResult.fromErrorIf(control, problem.orElse(""), problem.isPresent());
        });

        busyBox.visibleProperty().bind(viewModel.busyProperty());
        busyBox.managedProperty().bind(busyBox.visibleProperty());
        for (Node input : new Node[] {awsKmsOrigin, externalOrigin, keySpec, keyUsage, description, alias,
                pane.lookupButton(ButtonType.CANCEL)}) {
            input.disableProperty().bind(viewModel.busyProperty());
        }

        Node create = pane.lookupButton(CREATE);
        create.disableProperty().bind(viewModel.valid().not().or(viewModel.busyProperty()));
        create.addEventFilter(ActionEvent.ACTION, event -> {
            // The dialog closes only once the key exists.
            event.consume();
            viewModel.create(this::setResult);
        });
        setResultConverter(button -> null);
        setOnCloseRequest(event -> {
            if (viewModel.busyProperty().get()) {
                event.consume();
            }
        });
        // The explanation and the alias problem change the form's height: let the window follow.
        originExplanation.textProperty().addListener((obs, old, text) -> fitWindowToContent());
        aliasProblem.visibleProperty().addListener((obs, old, visible) -> fitWindowToContent());
        busyBox.visibleProperty().addListener((obs, old, visible) -> fitWindowToContent());
        Platform.runLater(keySpec::requestFocus);
    }

    private void fitWindowToContent() {
        Platform.runLater(() -> {
            if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
                getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
    }

    private void selectOrigin(Origin origin) {
        for (Toggle toggle : originGroup.getToggles()) {
            if (toggle.getUserData() == origin) {
                originGroup.selectToggle(toggle);
            }
        }
    }

    /** The view model behind the dialog. */
    public CreateKeyViewModel viewModel() {
        return viewModel;
    }
}
