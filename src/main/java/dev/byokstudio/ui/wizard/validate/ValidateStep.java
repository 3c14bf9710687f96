package dev.byokstudio.ui.wizard.validate;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.ViewModelStep;

/** Step 4 of the import wizard: the material's report, rule by rule; Next only when it will import. */
public final class ValidateStep extends ViewModelStep<ValidateStepViewModel> {

    public ValidateStep(ImportWizardModel model) {
        this(new ValidateStepViewModel(model));
    }

    private ValidateStep(ValidateStepViewModel viewModel) {
        super("Validate", viewModel, viewModel.valid(), ValidateStepView::new);
    }

    @Override
    public void onEnter() {
        viewModel().enter();
    }
}
