package dev.byokstudio.ui.wizard.key;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.ViewModelStep;

/** Step 1 of the import wizard: create the EXTERNAL key, or show the one the wizard was opened for. */
public final class KeyStep extends ViewModelStep<KeyStepViewModel> {

    public KeyStep(ImportWizardModel model) {
        this(new KeyStepViewModel(model));
    }

    private KeyStep(KeyStepViewModel viewModel) {
        super("Key", viewModel, viewModel.valid(), KeyStepView::new);
    }

    @Override
    public void onEnter() {
        viewModel().enter();
    }

    @Override
    public void onNext(Runnable proceed, Runnable stay) {
        viewModel().next(proceed, stay);
    }
}
