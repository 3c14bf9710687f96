package dev.byokstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The two-way link between a table's selected row and a view model's selected item, headless. */
@ExtendWith(ApplicationExtension.class)
class TableSelectionTest {

    /** A row: an item's id, and a version that a reload changes. */
    private record Row(String id, int version) {
    }

    private TableView<Row> table;
    private final SimpleObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final List<Row> modelChanges = new ArrayList<>();

    @Start
    void start(Stage stage) {
        table = new TableView<>();
        TableColumn<Row, String> id = new TableColumn<>("id");
        id.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().id()));
        table.getColumns().add(id);
        table.getItems().setAll(rows(0));
        TableSelection.bind(table, selected, (a, b) -> a.id().equals(b.id()));
        selected.addListener((obs, old, row) -> modelChanges.add(row));
        stage.setScene(new Scene(table, 300, 200));
        stage.show();
    }

    private static List<Row> rows(int version) {
        return IntStream.range(0, 200).mapToObj(i -> new Row("row-" + i, version)).toList();
    }

    @Test
    void selectingARowInTheTable_setsTheViewModelsItemOnce(FxRobot robot) {
        robot.interact(() -> table.getSelectionModel().select(3));

        assertThat(selected.get()).isEqualTo(new Row("row-3", 0));
        assertThat(modelChanges).containsExactly(new Row("row-3", 0));
    }

    @Test
    void theViewModelsChoice_selectsTheRowAndScrollsToIt_andClearingItClearsTheTable(FxRobot robot) {
        Row far = table.getItems().get(150);
        robot.interact(() -> selected.set(far));

        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(far);
        assertThat(modelChanges).containsExactly(far);
        assertThat(robot.lookup("row-150").tryQuery()).as("the table scrolled to the row").isPresent();

        robot.interact(() -> selected.set(null));

        assertThat(table.getSelectionModel().getSelectedItem()).isNull();
        assertThat(modelChanges).containsExactly(far, null);
    }

    @Test
    void anotherRowForTheSameItem_isSelectedWithoutScrolling(FxRobot robot) {
        Row reloaded = new Row("row-150", 1);
        robot.interact(() -> {
            table.getItems().add(reloaded);
            selected.set(table.getItems().get(150));
        });
        robot.interact(() -> table.scrollTo(0));

        robot.interact(() -> selected.set(reloaded));

        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(reloaded);
        assertThat(robot.lookup("row-0").tryQuery()).as("still at the top").isPresent();
    }

    @Test
    void anotherItem_isScrolledTo(FxRobot robot) {
        Row other = new Row("row-151", 1);
        robot.interact(() -> {
            table.getItems().add(other);
            selected.set(table.getItems().get(150));
        });
        robot.interact(() -> table.scrollTo(0));

        robot.interact(() -> selected.set(other));

        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(other);
        assertThat(robot.lookup("row-0").tryQuery()).as("scrolled away from the top").isEmpty();
    }

    @Test
    void reselect_selectsTheViewModelsItemWhereTheTableHasNone_withoutTellingTheViewModel(FxRobot robot) {
        TableView<Row> other = new TableView<>(FXCollections.observableArrayList(rows(0)));
        Row item = other.getItems().get(7);
        SimpleObjectProperty<Row> model = new SimpleObjectProperty<>(item);
        List<Row> changes = new ArrayList<>();
        robot.interact(() -> {
            TableSelection<Row> binding = TableSelection.bind(other, model, (a, b) -> a.id().equals(b.id()));
            model.addListener((obs, old, row) -> changes.add(row));
            binding.reselect();
        });

        assertThat(other.getSelectionModel().getSelectedItem()).isSameAs(item);
        assertThat(model.get()).isSameAs(item);
        assertThat(changes).isEmpty();
    }
}
