package dev.byokstudio.ui.wizard.wrapping;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.ViewModelStep;

/** Step 2 of the import wizard: choose the wrapping, and get the wrapping public key and import token. */
public final class WrappingStep extends ViewModelStep<WrappingStepViewModel> {

    public WrappingStep(ImportWizardModel model) {
        this(new WrappingStepViewModel(model));
    }

    private WrappingStep(WrappingStepViewModel viewModel) {
        super("Wrapping parameters", viewModel, viewModel.valid(), WrappingStepView::new);
    }

    @Override
    public void onEnter() {
        viewModel().enter();
    }
}
