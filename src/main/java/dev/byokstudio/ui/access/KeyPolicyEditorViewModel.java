package dev.byokstudio.ui.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.kms.AccessControl;
import dev.byokstudio.kms.AccessControl.PolicyTemplate;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.PutKeyPolicyRequest;
import dev.byokstudio.ui.dialog.DialogService;
import dev.byokstudio.ui.task.Debouncer;
import dev.byokstudio.ui.task.TaskExecutor;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The key policy editor: the key's policy as GetKeyPolicy returns it, the console-style templates, a check as the
 * person types (once typing pauses, in the background, by {@link AccessControl#checkKeyPolicy}), and PutKeyPolicy
 * (policy name {@code default}). Save is possible only for a changed document that the last check found valid.
 *
 * <p>Without an {@link AccessControl} (real AWS) there are no templates and the check is only that the document is
 * a JSON object: AWS checks the rest when the policy is saved. Use on the FX thread only; needs no running toolkit.
 */
public final class KeyPolicyEditorViewModel {

    /** The only key policy name KMS supports. */
    public static final String POLICY_NAME = "default";
    /** KMS's limit on a key policy, in characters. */
    static final int MAX_POLICY_LENGTH = 32_768;

    /** Where the document stands. */
    public enum Validity {
        /** The policy is being read from KMS. */
        LOADING,
        /** Typed since the last check: a check is waiting or running. */
        CHECKING,
        VALID,
        INVALID
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Kms kms;
    private final AccessControl access;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Debouncer debouncer;
    private final String keyId;
    private final String keyLabel;

    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObservableList<PolicyTemplate> templates = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Validity> validity = new ReadOnlyObjectWrapper<>(this, "validity", Validity.LOADING);
    private final ReadOnlyStringWrapper savedText = new ReadOnlyStringWrapper(this, "savedText", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyBooleanWrapper saved = new ReadOnlyBooleanWrapper(this, "saved");
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper(this, "saveError", "");
    private final BooleanBinding changed;
    private final BooleanBinding canSave;
    private final StringBinding validityText;

    /** The text as last put there by loading, saving or a template: what "edited" is measured from. */
    private String pristine = "";
    private boolean settingText;
    private long checkGeneration;

    /**
     * @param access    templates and checks; null when the backend has none
     * @param debouncer waits for typing to pause before a check
     * @param keyLabel  how to name the key to the person
     */
    public KeyPolicyEditorViewModel(Kms kms, AccessControl access, TaskExecutor executor, DialogService dialogs,
            Debouncer debouncer, String keyId, String keyLabel) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.access = access;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.debouncer = Objects.requireNonNull(debouncer, "debouncer");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.keyLabel = Objects.requireNonNull(keyLabel, "keyLabel");
        changed = Bindings.createBooleanBinding(() -> !text.get().equals(savedText.get()), text, savedText);
        canSave = Bindings.createBooleanBinding(() -> validity.get() == Validity.VALID && changed.get()
                && !saving.get() && !loading.get(), validity, changed, saving, loading);
        validityText = Bindings.createStringBinding(() -> {
            switch (validity.get()) {
                case LOADING:
                    return "Reading the key policy\u2026";
                case CHECKING:
                    return "Checking\u2026";
                case VALID:
                    return "Valid key policy";
                default:
                    return problems.size() == 1 ? "1 problem" : problems.size() + " problems";
            }
        }, validity, problems);
        text.addListener((obs, old, now) -> {
            saveError.set("");
            if (!settingText && !loading.get()) {
                scheduleCheck();
            }
        });
    }

    // ---------------------------------------------------------------- loading

    /** Reads the key's policy (and the templates) in the background. */
    public void start() {
        loading.set(true);
        validity.set(Validity.LOADING);
        executor.execute(() -> new Loaded(kms.getKeyPolicy(new GetKeyPolicyRequest(keyId, POLICY_NAME)).policy(),
                access == null ? List.of() : access.keyPolicyTemplates(keyId)), loaded -> {
                    loading.set(false);
                    templates.setAll(loaded.templates());
                    String policy = loaded.policy() == null ? "" : loaded.policy();
                    savedText.set(policy);
                    replaceText(policy);
                    check(policy);
                }, failure -> {
                    loading.set(false);
                    validity.set(Validity.INVALID);
                    problems.setAll("The key policy could not be read: " + describe(failure));
                    dialogs.showError("Could not read the key policy of " + keyLabel, failure);
                });
    }

    private record Loaded(String policy, List<PolicyTemplate> templates) {
    }

    // ---------------------------------------------------------------- templates

    /** Whether the backend offers templates (and checks every rule KMS applies). */
    public boolean templatesAvailable() {
        return access != null;
    }

    /** Why there are no templates, and what is checked instead. */
    public String templatesUnavailableText() {
        return "This KMS offers no policy templates or checks: BYOK Studio checks only that the policy is a JSON "
                + "object, and KMS checks the rest when you save.";
    }

    /**
     * Replaces the text with {@code template}'s document; when the text was edited, only if the person confirms.
     *
     * @return whether the text was replaced
     */
    public boolean applyTemplate(PolicyTemplate template) {
        if (template == null || template.document().equals(text.get())) {
            return false;
        }
        if (edited() && !dialogs.confirm("Replace the key policy",
                "Replace the text with the template \u201c" + template.name() + "\u201d?\n\nYour edits since the policy "
                        + "was last read, saved or replaced by a template are lost. Nothing is saved until you Save.")) {
            return false;
        }
        replaceText(template.document());
        scheduleCheck();
        statusMessage.set("Template \u201c" + template.name() + "\u201d: review it, then Save");
        return true;
    }

    /** Whether the text was typed in since it was last read, saved or replaced by a template. */
    public boolean edited() {
        return !text.get().equals(pristine);
    }

    private void replaceText(String document) {
        settingText = true;
        try {
            text.set(document);
        } finally {
            settingText = false;
        }
        pristine = document;
    }

    // ---------------------------------------------------------------- checking

    private void scheduleCheck() {
        validity.set(Validity.CHECKING);
        String document = text.get();
        debouncer.run(() -> check(document));
    }

    /** Checks {@code document} in the background; a result for a text that has changed since is dropped. */
    private void check(String document) {
        long generation = ++checkGeneration;
        validity.set(Validity.CHECKING);
        executor.execute(() -> problemsOf(document), found -> {
            if (generation != checkGeneration || !document.equals(text.get())) {
                return;
            }
            problems.setAll(found);
            validity.set(found.isEmpty() ? Validity.VALID : Validity.INVALID);
        }, failure -> {
            if (generation != checkGeneration) {
                return;
            }
            problems.setAll("The policy could not be checked: " + describe(failure));
            validity.set(Validity.INVALID);
        });
    }

    /** What is wrong with {@code document}: AccessControl's checks, or without one, JSON and length. */
    private List<String> problemsOf(String document) {
        if (document.isBlank()) {
            return List.of("The key policy is empty: KMS needs a policy document.");
        }
        if (document.length() > MAX_POLICY_LENGTH) {
            return List.of("The key policy has " + document.length() + " characters; KMS accepts at most "
                    + MAX_POLICY_LENGTH + ".");
        }
        if (access != null) {
            return List.copyOf(access.checkKeyPolicy(document));
        }
        try {
            JsonNode parsed = JSON.readTree(document);
            return parsed != null && parsed.isObject() ? List.of()
                    : List.of("The key policy must be a JSON object: { \"Version\": ..., \"Statement\": [...] }.");
        } catch (JsonProcessingException e) {
            return List.of("The key policy is not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        }
    }

    // ---------------------------------------------------------------- saving

    /** PutKeyPolicy with the text, in the background; a refusal is shown with AWS's error and the explanation. */
    public void save() {
        if (!canSave.get()) {
            return;
        }
        String document = text.get();
        saving.set(true);
        saveError.set("");
        executor.execute(() -> {
            kms.putKeyPolicy(new PutKeyPolicyRequest(keyId, POLICY_NAME, document, null));
            return null;
        }, ignored -> {
            saving.set(false);
            saved.set(true);
            savedText.set(document);
            pristine = document;
            statusMessage.set("Saved the key policy of " + keyLabel);
        }, failure -> {
            saving.set(false);
            saveError.set("Not saved: " + describe(failure));
            dialogs.showError("Could not save the key policy of " + keyLabel, failure);
        });
    }

    /** Whether the window may close: nothing unsaved, or the person agrees to lose it. */
    public boolean confirmClose() {
        if (saving.get()) {
            return false;
        }
        if (loading.get() || !changed.get()) {
            return true;
        }
        return dialogs.confirm("Discard the changes",
                "The key policy of " + keyLabel + " has changes that are not saved. Close and lose them?");
    }

    /** Stops the check waiting for typing to pause (the window closed). */
    public void close() {
        debouncer.cancel();
        checkGeneration++;
    }

    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KmsException kmsError) {
                return kmsError.getMessage();
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    // ---------------------------------------------------------------- properties

    public String keyId() {
        return keyId;
    }

    public String keyLabel() {
        return keyLabel;
    }

    /** The policy document being edited. */
    public StringProperty textProperty() {
        return text;
    }

    /** The console-style templates for this key; empty without an AccessControl. */
    public ObservableList<PolicyTemplate> templates() {
        return templates;
    }

    /** What the last check found wrong, each as a sentence. */
    public ObservableList<String> problems() {
        return problems;
    }

    public ReadOnlyObjectProperty<Validity> validityProperty() {
        return validity.getReadOnlyProperty();
    }

    /** "Valid key policy", "Checking…", "2 problems". */
    public StringBinding validityText() {
        return validityText;
    }

    /** Whether the text differs from the policy KMS has. */
    public BooleanBinding changed() {
        return changed;
    }

    /** Save: a changed document the last check found valid, while nothing else runs. */
    public BooleanBinding canSave() {
        return canSave;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Whether a save succeeded since the editor opened. */
    public ReadOnlyBooleanProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** The outcome of the last save or template, for the editor's status line. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    /** AWS's error code and message when the last save was refused; empty otherwise. */
    public ReadOnlyStringProperty saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }
}
