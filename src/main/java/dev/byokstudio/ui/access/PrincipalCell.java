package dev.byokstudio.ui.access;

import dev.byokstudio.kms.Principal;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;

/** A principal in a list or combo box: its name and type, its ARN as a tooltip. */
final class PrincipalCell extends ListCell<Principal> {

    @Override
    protected void updateItem(Principal principal, boolean empty) {
        super.updateItem(principal, empty);
        if (empty || principal == null) {
            setText(null);
            setTooltip(null);
            return;
        }
        setText(ActingAsViewModel.describe(principal));
        setTooltip(new Tooltip(principal.arn()));
    }
}
