package dev.byokstudio.ui.wizard;

import dev.byokstudio.ui.AppIcons;
import dev.byokstudio.ui.MainView;
import dev.byokstudio.ui.wizard.importing.ImportStep;
import dev.byokstudio.ui.wizard.key.KeyStep;
import dev.byokstudio.ui.wizard.material.MaterialStep;
import dev.byokstudio.ui.wizard.tryit.TryItStep;
import dev.byokstudio.ui.wizard.validate.ValidateStep;
import dev.byokstudio.ui.wizard.wrapping.WrappingStep;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The import wizard's six steps, in order, and the window that shows them. */
public final class ImportWizards {

    private ImportWizards() {
    }

    /** Key, wrapping parameters, key material, validate, import, try it. */
    public static List<WizardStep> steps(ImportWizardModel model) {
        return List.of(new KeyStep(model), new WrappingStep(model), new MaterialStep(model), new ValidateStep(model),
                new ImportStep(model), new TryItStep(model));
    }

    /**
     * Shows the wizard in a window of its own, modal to {@code owner}, and returns when it is closed; the
     * material and parameters are forgotten then.
     */
    public static void showAndWait(ImportWizardModel model, int firstStep, Window owner) {
        ImportWizardViewModel viewModel = new ImportWizardViewModel(model, steps(model), firstStep);
        Stage stage = new Stage();
        ImportWizardView view = new ImportWizardView(viewModel, stage::hide);
        Scene scene = dev.byokstudio.ui.WindowSizes.scene(view, 1240, 760, owner);
        scene.getStylesheets().add(MainView.stylesheet());
        stage.setScene(scene);
        stage.setTitle(model.keyIdProperty().get() == null ? "Import key material — new EXTERNAL key"
                : "Import key material — " + model.keyIdProperty().get());
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        AppIcons.apply(stage);
        stage.setOnShown(event -> viewModel.start());
        stage.setOnCloseRequest(event -> {
            if (viewModel.advancingProperty().get()) {
                event.consume(); // a step is talking to KMS; closing now would lose its answer
            }
        });
        stage.showAndWait();
        model.clear();
    }
}
