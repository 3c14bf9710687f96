package dev.byokstudio.ui.wizard.tryit;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.ViewModelStep;

/**
 * Step 6, the last: use the key once in the way its spec and usage allow, and see how to check the result
 * without BYOK Studio. Always valid: the wizard shows Finish.
 */
public final class TryItStep extends ViewModelStep<TryItViewModel> {

    public TryItStep(ImportWizardModel model) {
        this(new TryItViewModel(model));
    }

    private TryItStep(TryItViewModel viewModel) {
        super("Try it", viewModel, viewModel.valid(), TryItView::new);
    }

    @Override
    public void onEnter() {
        viewModel().refresh();
    }
}
