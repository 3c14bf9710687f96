package dev.byokstudio.ui.wizard.wrapping;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.WizardStep;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** Step 2 of the import wizard: choose the wrapping, and get the wrapping public key and import token. */
public final class WrappingStep implements WizardStep {

    private final WrappingStepViewModel viewModel;
    private WrappingStepView view;

    public WrappingStep(ImportWizardModel model) {
        this.viewModel = new WrappingStepViewModel(model);
    }

    @Override
    public String title() {
        return "Wrapping parameters";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new WrappingStepView(viewModel);
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

    /** The step's view model. */
    public WrappingStepViewModel viewModel() {
        return viewModel;
    }
}
