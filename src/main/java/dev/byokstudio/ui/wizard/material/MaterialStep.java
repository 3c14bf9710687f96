package dev.byokstudio.ui.wizard.material;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.WizardStep;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** Step 3 of the import wizard: the key material, from a file, pasted text, or generated for a rehearsal. */
public final class MaterialStep implements WizardStep {

    private final MaterialStepViewModel viewModel;
    private MaterialStepView view;

    public MaterialStep(ImportWizardModel model) {
        this.viewModel = new MaterialStepViewModel(model);
    }

    @Override
    public String title() {
        return "Key material";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new MaterialStepView(viewModel);
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

    MaterialStepViewModel viewModel() {
        return viewModel;
    }
}
