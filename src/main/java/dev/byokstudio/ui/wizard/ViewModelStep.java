package dev.byokstudio.ui.wizard;

import java.util.Objects;
import java.util.function.Function;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * A wizard step made of a view model and a view created on first use: what every step shares. A step adds
 * what it does on entry and, if it has work to do before moving on, on Next.
 *
 * @param <M> the step's view model
 */
public abstract class ViewModelStep<M> implements WizardStep {

    private final String title;
    private final M viewModel;
    private final ObservableBooleanValue valid;
    private final Function<M, Node> viewFactory;
    private Node view;

    protected ViewModelStep(String title, M viewModel, ObservableBooleanValue valid, Function<M, Node> viewFactory) {
        this.title = Objects.requireNonNull(title, "title");
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.valid = Objects.requireNonNull(valid, "valid");
        this.viewFactory = Objects.requireNonNull(viewFactory, "viewFactory");
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final Node view() {
        if (view == null) {
            view = viewFactory.apply(viewModel);
        }
        return view;
    }

    @Override
    public final ObservableBooleanValue valid() {
        return valid;
    }

    /** The step's view model. */
    public final M viewModel() {
        return viewModel;
    }
}
