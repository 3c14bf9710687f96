package dev.byokstudio.ui.wizard.importing;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.ViewModelStep;

/**
 * Step 5: choose the material's expiry, see the commands that do the same by hand, then wrap the material
 * and import it. Valid once the key is Enabled; a failure says why and leads back to the step that fixes it.
 */
public final class ImportStep extends ViewModelStep<ImportViewModel> {

    public ImportStep(ImportWizardModel model) {
        this(new ImportViewModel(model));
    }

    private ImportStep(ImportViewModel viewModel) {
        super("Import", viewModel, viewModel.valid(), ImportView::new);
    }

    @Override
    public void onEnter() {
        viewModel().refresh();
    }
}
