package dev.byokstudio.ui.material;

import dev.byokstudio.ui.MainView;
import java.util.Objects;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What the workbench's last generation or conversion did, and the OpenSSL command that does the same, with a
 * Copy button. Shared by the workbench window and the import wizard.
 */
public final class OpenSslCommandBox extends VBox {

    private final Label lastStepLabel = new Label();
    private final TextField opensslField = new TextField();
    private final Button copyButton = new Button("Copy");

    public OpenSslCommandBox(MaterialWorkbenchViewModel viewModel) {
        Objects.requireNonNull(viewModel, "viewModel");
        getStyleClass().add("openssl-command-box");
        setSpacing(8);
        lastStepLabel.setId("lastStepLabel");
        lastStepLabel.setWrapText(true);
        lastStepLabel.textProperty().bind(viewModel.lastStepProperty());
        opensslField.setId("opensslField");
        opensslField.setEditable(false);
        opensslField.getStyleClass().add("code");
        opensslField.textProperty().bind(viewModel.opensslCommandProperty());
        opensslField.setPromptText("Generate or convert material to see the OpenSSL command that does the same");
        copyButton.setId("copyOpensslButton");
        copyButton.disableProperty().bind(viewModel.opensslCommandProperty().isEmpty());
        copyButton.setOnAction(event -> MainView.copyToClipboard(viewModel.opensslCommandProperty().get()));
        HBox.setHgrow(opensslField, Priority.ALWAYS);
        HBox command = new HBox(new Label("OpenSSL:"), opensslField, copyButton);
        command.getStyleClass().add("busy-box");
        getChildren().addAll(lastStepLabel, command);
    }
}
