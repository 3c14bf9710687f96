package dev.byokstudio.ui.wizard;

import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The import wizard's frame: the steps listed on the left (the current one marked, the ones done ticked),
 * the current step's view in the middle, and Back / Next (Finish on the last step) / Close at the bottom,
 * Next enabled only while the step is valid. Each step's content comes from its own package.
 */
public final class ImportWizardView extends BorderPane {

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");

    private final ImportWizardViewModel viewModel;
    private final VBox stepList = new VBox();
    private final Label stepHeading = new Label();
    private final Button back = new Button("< _Back");
    private final Button next = new Button("_Next >");
    private final Button close = new Button("_Close");
    private final ProgressIndicator busy = new ProgressIndicator();

    public ImportWizardView(ImportWizardViewModel viewModel, Runnable onClose) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        getStyleClass().add("import-wizard");

        stepList.getStyleClass().add("wizard-steps");
        int n = 1;
        for (WizardStep step : viewModel.steps()) {
            Label item = new Label(n++ + ". " + step.title());
            item.getStyleClass().add("wizard-step-item");
            item.setMaxWidth(Double.MAX_VALUE);
            stepList.getChildren().add(item);
        }
        setLeft(stepList);

        stepHeading.getStyleClass().add("wizard-step-heading");
        setTop(stepHeading);

        back.setId("wizardBack");
        next.setId("wizardNext");
        close.setId("wizardClose");
        next.getStyleClass().add("primary");
        next.setDefaultButton(true);
        back.disableProperty().bind(viewModel.canGoBack().not());
        next.disableProperty().bind(viewModel.canGoNext().not().or(viewModel.last()));
        next.visibleProperty().bind(viewModel.last().not());
        next.managedProperty().bind(next.visibleProperty());
        close.textProperty().bind(javafx.beans.binding.Bindings.when(viewModel.last()).then("_Finish").otherwise("_Close"));
        close.disableProperty().bind(viewModel.advancingProperty());
        back.setOnAction(event -> viewModel.back());
        next.setOnAction(event -> viewModel.next());
        close.setOnAction(event -> onClose.run());
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(viewModel.advancingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, busy, spacer, back, next, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.getStyleClass().add("wizard-buttons");
        setBottom(buttons);

        viewModel.currentProperty().addListener((obs, old, index) -> show(index.intValue()));
        show(viewModel.currentProperty().get());
    }

    private void show(int index) {
        WizardStep step = viewModel.steps().get(index);
        stepHeading.setText("Step " + (index + 1) + " of " + viewModel.steps().size() + ": " + step.title());
        setCenter(step.view());
        for (int i = 0; i < stepList.getChildren().size(); i++) {
            stepList.getChildren().get(i).pseudoClassStateChanged(CURRENT, i == index);
            stepList.getChildren().get(i).pseudoClassStateChanged(DONE, i < index);
        }
    }

    public ImportWizardViewModel viewModel() {
        return viewModel;
    }
}
