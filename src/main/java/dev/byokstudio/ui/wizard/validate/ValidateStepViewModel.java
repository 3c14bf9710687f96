package dev.byokstudio.ui.wizard.validate;

import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.MaterialReport;
import dev.byokstudio.material.RuleResult;
import dev.byokstudio.material.WrappingCompatibility;
import dev.byokstudio.ui.material.MaterialWorkbenchViewModel;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;

/**
 * The wizard's "Validate" step: the material's report against the key's spec and the wrapping the parameters
 * were downloaded for, rule by rule, with the conversions that fix what can be fixed. The person may go on
 * only when the material will import: the same rules decide the embedded KMS's ImportKeyMaterial.
 */
public final class ValidateStepViewModel {

    private final ImportWizardModel model;
    private final MaterialWorkbenchViewModel workbench;
    private final BooleanBinding valid;
    private final StringBinding keySpecText;
    private final StringBinding sourceText;
    private final ObjectBinding<RuleResult.Status> wrappingStatus;
    private final StringBinding wrappingCheckText;

    public ValidateStepViewModel(ImportWizardModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.workbench = model.workbench();
        valid = Bindings.createBooleanBinding(() -> {
            MaterialReport report = workbench.reportProperty().get();
            return report != null && report.willImport();
        }, workbench.reportProperty());
        keySpecText = Bindings.createStringBinding(
                () -> model.keySpecProperty().get() == null ? "not chosen" : model.keySpecProperty().get().toString(),
                model.keySpecProperty());
        sourceText = Bindings.createStringBinding(() -> workbench.sourceProperty().get().isEmpty()
                ? "No material yet: go back one step" : workbench.sourceProperty().get(), workbench.sourceProperty());
        wrappingStatus = Bindings.createObjectBinding(() -> {
            MaterialReport report = workbench.reportProperty().get();
            return report == null ? null : report.wrapping().status();
        }, workbench.reportProperty());
        wrappingCheckText = Bindings.createStringBinding(() -> wrappingCheck(workbench.reportProperty().get()),
                workbench.reportProperty());
    }

    private static String wrappingCheck(MaterialReport report) {
        if (report == null) {
            return "Not checked yet";
        }
        RuleResult line = report.wrapping();
        switch (line.status()) {
            case PASSED:
                return line.found() + " can carry " + report.keySpec() + " material";
            case FAILED:
                return line.found();
            default:
                return "Not checked: " + line.found();
        }
    }

    /** Called each time the step is shown: the report checks the wrapping actually downloaded. */
    public void enter() {
        workbench.keySpecProperty().set(model.keySpecProperty().get());
        WrappingAlgorithm algorithm = model.wrappingAlgorithmProperty().get();
        WrappingKeySpec spec = model.wrappingKeySpecProperty().get();
        workbench.wrappingProperty().set(algorithm == null || spec == null ? null
                : new WrappingCompatibility.Combination(algorithm, spec));
    }

    public MaterialWorkbenchViewModel workbench() {
        return workbench;
    }

    /** Whether the material will import with the downloaded wrapping. */
    public BooleanBinding valid() {
        return valid;
    }

    /** The key spec, fixed by the key. */
    public StringBinding keySpecText() {
        return keySpecText;
    }

    public StringBinding sourceText() {
        return sourceText;
    }

    /** The wrapping check's outcome; null before there is a report. */
    public ObjectBinding<RuleResult.Status> wrappingStatus() {
        return wrappingStatus;
    }

    /** The wrapping check in a line. */
    public StringBinding wrappingCheckText() {
        return wrappingCheckText;
    }
}
