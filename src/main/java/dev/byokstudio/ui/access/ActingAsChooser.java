package dev.byokstudio.ui.access;

import dev.byokstudio.kms.Principal;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * "Acting as: [Administrator ▾]" for the status bar: each principal by name and type, its ARN as a tooltip. Hidden
 * when the backend has no principals.
 */
public final class ActingAsChooser extends HBox {

    private final ComboBox<Principal> combo = new ComboBox<>();

    public ActingAsChooser(ActingAsViewModel viewModel) {
        Objects.requireNonNull(viewModel, "viewModel");
        getStyleClass().add("acting-as");
        Label label = new Label("_Acting as:");
        label.setMnemonicParsing(true);
        label.setLabelFor(combo);
        label.setMinWidth(USE_PREF_SIZE);
        combo.setId("actingAs");
        combo.setItems(viewModel.principals());
        combo.valueProperty().bindBidirectional(viewModel.choiceProperty());
        combo.setCellFactory(list -> DescribedCell.principal());
        combo.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Principal principal, boolean empty) {
                super.updateItem(principal, empty);
                setText(empty || principal == null ? null : principal.name());
            }
        });
        combo.disableProperty().bind(viewModel.switchingProperty());
        // Sized for a principal's name: the list shows the type beside it, the button only the name.
        combo.setPrefWidth(150);
        combo.setMinWidth(USE_PREF_SIZE);
        combo.setAccessibleText("Acting as");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> {
            Principal p = viewModel.actingAsProperty().get();
            return p == null ? "" : "KMS calls from BYOK Studio are made as " + p.callerArn();
        }, viewModel.actingAsProperty()));
        combo.setTooltip(tip);
        getChildren().addAll(label, combo);
        setVisible(viewModel.available());
        setManaged(viewModel.available());
    }

    /** The combo box, for tests. */
    ComboBox<Principal> comboBox() {
        return combo;
    }
}
