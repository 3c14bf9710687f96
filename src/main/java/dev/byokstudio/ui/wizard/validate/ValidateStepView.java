package dev.byokstudio.ui.wizard.validate;

import dev.byokstudio.material.RuleResult;
import dev.byokstudio.ui.material.MaterialReportPane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/**
 * The "Validate" step's view: the fixed key spec, the material, the wrapping check in a line, then the
 * workbench's report pane (verdict banner, rules, why and fix, conversions, OpenSSL command). State is in
 * {@link ValidateStepViewModel}.
 */
public final class ValidateStepView extends BorderPane {

    private static final PseudoClass PASSED = PseudoClass.getPseudoClass("passed");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final ValidateStepViewModel viewModel;

    @FXML
    private Label keySpecLabel;
    @FXML
    private Label sourceLabel;
    @FXML
    private Label wrappingCheckLabel;

    public ValidateStepView(ValidateStepViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        FXMLLoader loader = new FXMLLoader(ValidateStepView.class.getResource("ValidateStepView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("ValidateStepView.fxml cannot be loaded", e);
        }
    }

    @FXML
    private void initialize() {
        keySpecLabel.textProperty().bind(viewModel.keySpecText());
        sourceLabel.textProperty().bind(viewModel.sourceText());
        wrappingCheckLabel.textProperty().bind(viewModel.wrappingCheckText());
        viewModel.wrappingStatus().addListener((obs, old, status) -> showWrappingStatus(status));
        showWrappingStatus(viewModel.wrappingStatus().get());
        setCenter(new MaterialReportPane(viewModel.workbench()));
    }

    private void showWrappingStatus(RuleResult.Status status) {
        wrappingCheckLabel.pseudoClassStateChanged(PASSED, status == RuleResult.Status.PASSED);
        wrappingCheckLabel.pseudoClassStateChanged(FAILED, status == RuleResult.Status.FAILED);
    }
}
