package dev.byokstudio.ui.wizard.validate;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.WizardStep;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** Step 4 of the import wizard: the material's report, rule by rule; Next only when it will import. */
public final class ValidateStep implements WizardStep {

    private final ValidateStepViewModel viewModel;
    private ValidateStepView view;

    public ValidateStep(ImportWizardModel model) {
        this.viewModel = new ValidateStepViewModel(model);
    }

    @Override
    public String title() {
        return "Validate";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new ValidateStepView(viewModel);
        }
        return view;
    }

    @Override
    public ObservableBooleanValue valid() {
        return viewModel.valid();
    }

    @Override
    public void onEnter() {
        viewModel.enter();
    }

    ValidateStepViewModel viewModel() {
        return viewModel;
    }
}
