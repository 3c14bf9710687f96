package dev.byokstudio.ui.wizard.importing;

import dev.byokstudio.ui.wizard.ImportWizardModel;
import dev.byokstudio.ui.wizard.WizardStep;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * Step 5: choose the material's expiry, see the commands that do the same by hand, then wrap the material
 * and import it. Valid once the key is Enabled; a failure says why and leads back to the step that fixes it.
 */
public final class ImportStep implements WizardStep {

    private final ImportViewModel viewModel;
    private ImportView view;

    public ImportStep(ImportWizardModel model) {
        this.viewModel = new ImportViewModel(model);
    }

    @Override
    public String title() {
        return "Import";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new ImportView(viewModel);
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

    public ImportViewModel viewModel() {
        return viewModel;
    }
}
