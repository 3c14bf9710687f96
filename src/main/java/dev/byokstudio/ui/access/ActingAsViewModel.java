package dev.byokstudio.ui.access;

import dev.byokstudio.kms.AccessControl;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import dev.byokstudio.ui.dialog.DialogService;
import dev.byokstudio.ui.task.TaskExecutor;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The status bar's "Acting as" chooser: the principals the application can call KMS as, and the one it acts as.
 * Choosing another calls {@link AccessControl#actAs} in the background, then {@code afterChange} (which reloads
 * the keys, as the new principal sees them). Use on the FX thread only; needs no running toolkit.
 */
public final class ActingAsViewModel {

    private final AccessControl access;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Runnable afterChange;

    private final ObservableList<Principal> principals = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Principal> actingAs = new ReadOnlyObjectWrapper<>(this, "actingAs");
    private final ObjectProperty<Principal> choice = new SimpleObjectProperty<>(this, "choice");
    private final ReadOnlyBooleanWrapper switching = new ReadOnlyBooleanWrapper(this, "switching");
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    private boolean showingActingAs;

    /**
     * @param access      the principals and who the application acts as; null when the backend has none
     * @param afterChange runs on the FX thread once the application acts as another principal
     */
    public ActingAsViewModel(AccessControl access, TaskExecutor executor, DialogService dialogs, Runnable afterChange) {
        this.access = access;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
        choice.addListener((obs, old, chosen) -> {
            if (!showingActingAs && chosen != null) {
                actAs(chosen);
            }
        });
    }

    /** Whether the backend has principals to choose from. */
    public boolean available() {
        return access != null;
    }

    /** Why there is no chooser: the session's credentials decide who calls. */
    public String unavailableText() {
        return "This KMS has no principals to act as: every call is made with the credentials the session was "
                + "started with.";
    }

    /** Reads the principals and who the application acts as, in the background. */
    public void load() {
        if (access == null) {
            return;
        }
        executor.execute(() -> new Loaded(access.principals(), access.actingAs()), loaded -> {
            principals.setAll(loaded.principals());
            show(loaded.actingAs());
        }, failure -> dialogs.showError("Could not read the principals", failure));
    }

    private record Loaded(List<Principal> principals, Principal actingAs) {
    }

    /** Makes the application's calls act as {@code principal}, then reloads what depends on who calls. */
    public void actAs(Principal principal) {
        if (access == null || principal == null || switching.get()) {
            show(actingAs.get());
            return;
        }
        Principal current = actingAs.get();
        if (current != null && current.name().equals(principal.name())) {
            show(current);
            return;
        }
        switching.set(true);
        String name = principal.name();
        executor.execute(() -> {
            access.actAs(name);
            return access.actingAs();
        }, now -> {
            switching.set(false);
            show(now);
            statusMessage.set("Acting as " + describe(now) + ": KMS authorises each call with its policies");
            afterChange.run();
        }, failure -> {
            switching.set(false);
            show(current);
            dialogs.showError("Could not act as " + name, failure);
        });
    }

    private void show(Principal principal) {
        actingAs.set(principal);
        showingActingAs = true;
        try {
            choice.set(principal);
        } finally {
            showingActingAs = false;
        }
    }

    /** "Administrator (IAM user)", "KeyUserRole (IAM role)". */
    public static String describe(Principal principal) {
        if (principal == null) {
            return "";
        }
        return principal.name() + (principal.type() == PrincipalType.IAM_USER ? " (IAM user)" : " (IAM role)");
    }

    /** The principals, administrator first. */
    public ObservableList<Principal> principals() {
        return principals;
    }

    /** Who the application's calls act as; null until loaded. */
    public ReadOnlyObjectProperty<Principal> actingAsProperty() {
        return actingAs.getReadOnlyProperty();
    }

    /** The chooser's value: setting it acts as that principal; it returns to who is acted as when that fails. */
    public ObjectProperty<Principal> choiceProperty() {
        return choice;
    }

    /** Whether a change of principal is under way. */
    public ReadOnlyBooleanProperty switchingProperty() {
        return switching.getReadOnlyProperty();
    }

    /** The outcome of the last change, for the status bar. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }
}
