package dev.byokstudio.ui.access;

import dev.byokstudio.kms.Principal;
import java.util.Objects;
import java.util.function.Function;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;

/** An item in a list or combo box: a short text for it, and the longer description as its tooltip. */
final class DescribedCell<T> extends ListCell<T> {

    private final Function<T, String> text;
    private final Function<T, String> description;

    DescribedCell(Function<T, String> text, Function<T, String> description) {
        this.text = Objects.requireNonNull(text, "text");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A principal by name and type, its ARN as the tooltip. */
    static DescribedCell<Principal> principal() {
        return new DescribedCell<>(ActingAsViewModel::describe, Principal::arn);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setText(null);
            setTooltip(null);
            return;
        }
        setText(text.apply(item));
        setTooltip(new Tooltip(description.apply(item)));
    }
}
