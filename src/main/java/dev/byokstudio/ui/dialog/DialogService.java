package dev.byokstudio.ui.dialog;

import dev.byokstudio.ui.keys.create.CreateKeyViewModel;
import java.util.Optional;

/**
 * Every dialog the application shows. View models ask through this interface, so that tests can answer
 * with a fake; only {@link FxDialogService} shows real windows. All methods are called on the FX thread
 * and block until the person answers.
 */
public interface DialogService {

    /**
     * Shows a failure. For a {@code KmsException} (found anywhere in the cause chain) this is AWS's error
     * code and message, then BYOK Studio's explanation: what happened, the likely causes, what to do.
     * Other failures are shown by type and message. Never shows a stack trace.
     *
     * @param whatFailed what the person was doing, e.g. "Could not enable the key"
     */
    void showError(String whatFailed, Throwable error);

    /** {@link #showError(String, Throwable)} with a generic heading. */
    default void showError(Throwable error) {
        showError("The operation failed", error);
    }

    /** Shows a message that needs no answer. */
    void showInformation(String title, String text);

    /** Asks a yes-or-no question; true if the person confirmed. */
    boolean confirm(String title, String text);

    /**
     * Asks for the deletion waiting period of a key, in days.
     *
     * @param keyLabel    how to name the key to the person
     * @param minDays     the shortest period KMS accepts
     * @param maxDays     the longest period KMS accepts
     * @param defaultDays the period offered first
     * @return the period, or empty if the person cancelled
     */
    Optional<Integer> askDeletionWindow(String keyLabel, int minDays, int maxDays, int defaultDays);

    /**
     * Asks for a new alias name for a key, checked as it is typed.
     *
     * @return the alias name, or empty if the person cancelled
     */
    Optional<String> askAliasName(String keyLabel);

    /**
     * Shows the Create key dialog for {@code viewModel}, which does the creating.
     *
     * @return the ID of the key created, or empty if the person cancelled
     */
    Optional<String> showCreateKeyDialog(CreateKeyViewModel viewModel);

    /**
     * Asks for a password, shown masked; the caller clears the array when done.
     *
     * @return the password, or empty if the person cancelled
     */
    Optional<char[]> askPassword(String title, String text);

    /**
     * Shows the import wizard on {@code model}, starting at step {@code firstStep} (0: create the key; 1: the
     * wrapping parameters of a key that exists), and returns when the person closes it.
     */
    void showImportWizard(dev.byokstudio.ui.wizard.ImportWizardModel model, int firstStep);

    /**
     * Shows the key policy editor on {@code editor}, which reads and saves the policy, and returns when the person
     * closes it.
     */
    void showKeyPolicyEditor(dev.byokstudio.ui.access.KeyPolicyEditorViewModel editor);
}
