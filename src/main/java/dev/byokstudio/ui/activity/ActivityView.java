package dev.byokstudio.ui.activity;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The Activity list: every operation performed, newest first, with its result or AWS's error. */
public final class ActivityView extends TableView<ActivityEntry> {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    public ActivityView(ActivityLog log, ZoneId zone) {
        DateTimeFormatter times = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        getStyleClass().add("activity-table");
        setItems(log.entries());
        setPlaceholder(new Label("Nothing yet: every operation BYOK Studio performs on the KMS appears here, newest first."));
        TableColumn<ActivityEntry, String> time = column("Time", 150, e -> times.format(e.time()));
        TableColumn<ActivityEntry, String> operation = column("Operation", 200, ActivityEntry::operation);
        TableColumn<ActivityEntry, String> key = column("Key", 300, ActivityEntry::keyId);
        TableColumn<ActivityEntry, String> result = column("Result", 500, ActivityEntry::outcome);
        key.getStyleClass().add("code-column");
        getColumns().setAll(java.util.List.of(time, operation, key, result));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY);
        setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(ActivityEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                pseudoClassStateChanged(FAILED, !empty && entry != null && !entry.succeeded());
            }
        });
    }

    private static TableColumn<ActivityEntry, String> column(String title, double width,
            java.util.function.Function<ActivityEntry, String> value) {
        TableColumn<ActivityEntry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }
}
