package dev.byokstudio.ui.wizard;

import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The wizard's navigation: which step is shown, and whether Back and Next may be pressed. Next is bound to
 * the current step's validity; a step's own work on Next (creating a key, importing) runs before moving on.
 */
public final class ImportWizardViewModel {

    private final ImportWizardModel model;
    private final List<WizardStep> steps;
    private final ReadOnlyIntegerWrapper current = new ReadOnlyIntegerWrapper(this, "current", 0);
    private final ReadOnlyBooleanWrapper advancing = new ReadOnlyBooleanWrapper(this, "advancing");
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;
    private final BooleanBinding last;

    public ImportWizardViewModel(ImportWizardModel model, List<WizardStep> steps, int firstStep) {
        this.model = Objects.requireNonNull(model, "model");
        this.steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a wizard has steps");
        }
        current.set(Math.max(0, Math.min(firstStep, steps.size() - 1)));
        canGoNext = Bindings.createBooleanBinding(() -> !advancing.get() && stepValid(current.get()), current, advancing);
        // The current step's validity changes on its own: follow whichever step is current.
        for (WizardStep step : this.steps) {
            step.valid().addListener((obs, old, valid) -> canGoNext.invalidate());
        }
        canGoBack = Bindings.createBooleanBinding(() -> !advancing.get() && current.get() > 0, current, advancing);
        last = Bindings.createBooleanBinding(() -> current.get() == this.steps.size() - 1, current);
        model.requestedStepProperty().addListener((obs, old, step) -> {
            int n = step.intValue();
            if (n >= 0 && n < this.steps.size()) {
                model.requestedStepProperty().set(-1);
                show(n);
            }
        });
    }

    private boolean stepValid(int index) {
        return steps.get(index).valid().get();
    }

    /** Shows the first step (call once, when the window opens). */
    public void start() {
        steps.get(current.get()).onEnter();
    }

    /** Runs the current step's work, then moves to the next step. On the last step it does nothing. */
    public void next() {
        if (!canGoNext.get() || last.get()) {
            return;
        }
        int from = current.get();
        advancing.set(true);
        steps.get(from).onNext(() -> {
            advancing.set(false);
            if (current.get() == from) {
                show(from + 1);
            }
        }, () -> advancing.set(false));
    }

    public void back() {
        if (canGoBack.get()) {
            show(current.get() - 1);
        }
    }

    /** Shows step {@code index} (going back to fix something, or forward after a step's work). */
    public void show(int index) {
        current.set(index);
        steps.get(index).onEnter();
    }

    public List<WizardStep> steps() {
        return steps;
    }

    public ReadOnlyIntegerProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    public WizardStep currentStep() {
        return steps.get(current.get());
    }

    public BooleanBinding canGoNext() {
        return canGoNext;
    }

    public BooleanBinding canGoBack() {
        return canGoBack;
    }

    /** Whether the current step is the last one (Next becomes Finish). */
    public BooleanBinding last() {
        return last;
    }

    public ReadOnlyBooleanProperty advancingProperty() {
        return advancing.getReadOnlyProperty();
    }

    public ImportWizardModel model() {
        return model;
    }
}
