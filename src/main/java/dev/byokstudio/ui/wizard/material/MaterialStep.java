package dev.byokstudio.ui.wizard.material;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.ViewModelStep;

/** Step 3 of the import wizard: the key material, from a file, pasted text, or generated for a rehearsal. */
public final class MaterialStep extends ViewModelStep<MaterialStepViewModel> {

    public MaterialStep(ImportWizardModel model) {
        this(new MaterialStepViewModel(model));
    }

    private MaterialStep(MaterialStepViewModel viewModel) {
        super("Key material", viewModel, viewModel.valid(), MaterialStepView::new);
    }

    @Override
    public void onEnter() {
        viewModel().enter();
    }
}
