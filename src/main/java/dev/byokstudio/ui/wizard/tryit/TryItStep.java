package dev.byokstudio.ui.wizard.tryit;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.WizardStep;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * Step 6, the last: use the key once in the way its spec and usage allow, and see how to check the result
 * without BYOK Studio. Always valid: the wizard shows Finish.
 */
public final class TryItStep implements WizardStep {

    private final TryItViewModel viewModel;
    private TryItView view;

    public TryItStep(ImportWizardModel model) {
        this.viewModel = new TryItViewModel(model);
    }

    @Override
    public String title() {
        return "Try it";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new TryItView(viewModel);
        }
        return view;
    }

    @Override
    public ObservableBooleanValue valid() {
        return viewModel.valid();
    }

    @Override
    public void onEnter() {
        viewModel.refresh();
    }

    public TryItViewModel viewModel() {
        return viewModel;
    }
}
