package dev.byokstudio.ui.wizard;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * One step of the import wizard: a view, and whether the person may go on. Steps share one
 * {@link ImportWizardModel}; each step's package holds its View, ViewModel and FXML.
 */
public interface WizardStep {

    /** The step's name in the wizard's list, e.g. "Wrapping parameters". */
    String title();

    /** The step's view; created once, on first use. */
    Node view();

    /** Whether Next may be pressed: the step's input is complete and valid. */
    ObservableBooleanValue valid();

    /** Called each time the step is shown (also when coming back to it). */
    default void onEnter() {
    }

    /**
     * Called when Next is pressed, before moving on. A step with work to do (creating the key, importing)
     * does it in the background, then calls exactly one of {@code proceed} (it succeeded) or {@code stay}
     * (it failed and said why); the wizard keeps Back and Next disabled until then.
     */
    default void onNext(Runnable proceed, Runnable stay) {
        proceed.run();
    }
}
