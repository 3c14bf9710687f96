package dev.byokstudio.ui.wizard.key;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.WizardStep;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** Step 1 of the import wizard: create the EXTERNAL key, or show the one the wizard was opened for. */
public final class KeyStep implements WizardStep {

    private final KeyStepViewModel viewModel;
    private KeyStepView view;

    public KeyStep(ImportWizardModel model) {
        this.viewModel = new KeyStepViewModel(model);
    }

    @Override
    public String title() {
        return "Key";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new KeyStepView(viewModel);
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

    @Override
    public void onNext(Runnable proceed, Runnable stay) {
        viewModel.next(proceed, stay);
    }

    /** The step's view model. */
    public KeyStepViewModel viewModel() {
        return viewModel;
    }
}
