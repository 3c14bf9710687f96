package dev.byokstudio.ui;

import java.util.Objects;
import java.util.function.BiPredicate;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.TableView;

/**
 * Keeps a table's selected row and a view model's selected item the same, both ways: a click sets the view
 * model's property; the view model's choice selects (or clears) the row and, when it is another item than
 * before, scrolls the table to it. Changes made here to one side are not echoed back from the other.
 *
 * @param <T> the table's row type
 */
public final class TableSelection<T> {

    private final TableView<T> table;
    private final ObjectProperty<T> selected;
    private final BiPredicate<T, T> sameItem;
    private boolean syncing;

    private TableSelection(TableView<T> table, ObjectProperty<T> selected, BiPredicate<T, T> sameItem) {
        this.table = Objects.requireNonNull(table, "table");
        this.selected = Objects.requireNonNull(selected, "selected");
        this.sameItem = Objects.requireNonNull(sameItem, "sameItem");
    }

    /**
     * Binds {@code table}'s selection to {@code selected}. {@code sameItem} tells a row that stands for the
     * item already selected (the same key or event, reloaded) from another one, which the table scrolls to.
     */
    public static <T> TableSelection<T> bind(TableView<T> table, ObjectProperty<T> selected,
            BiPredicate<T, T> sameItem) {
        TableSelection<T> binding = new TableSelection<>(table, selected, sameItem);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (!binding.syncing) {
                selected.set(row);
            }
        });
        selected.addListener((obs, old, row) -> binding.show(old, row));
        return binding;
    }

    /** Selects the view model's item in the table again where the table dropped it (its rows replaced). */
    public void reselect() {
        T item = selected.get();
        if (item != null && table.getSelectionModel().getSelectedItem() != item) {
            syncing = true;
            try {
                table.getSelectionModel().select(item);
            } finally {
                syncing = false;
            }
        }
    }

    private void show(T previous, T row) {
        if (table.getSelectionModel().getSelectedItem() == row) {
            return;
        }
        syncing = true;
        try {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else {
                table.getSelectionModel().select(row);
                int index = table.getSelectionModel().getSelectedIndex();
                if (index >= 0 && (previous == null || !sameItem.test(previous, row))) {
                    table.scrollTo(index);
                }
            }
        } finally {
            syncing = false;
        }
    }
}
