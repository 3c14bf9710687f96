package dev.byokstudio.ui.wizard.material;

import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.WrappingCompatibility;
import dev.byokstudio.ui.material.MaterialWorkbenchViewModel;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The wizard's "Key material" step: the material to import comes from a file (chosen or dropped), from
 * pasted Base64 or hexadecimal text, or is generated for a rehearsal. It goes into the wizard's one
 * {@link MaterialWorkbenchViewModel}, whose key spec is the key's and whose wrapping is the one the
 * parameters were downloaded for; the step is done when there is material, whatever its report says (the
 * next step is where it is judged and fixed).
 */
public final class MaterialStepViewModel {

    private final ImportWizardModel model;
    private final MaterialWorkbenchViewModel workbench;
    private final StringProperty pastedText = new SimpleStringProperty(this, "pastedText", "");
    private final BooleanBinding valid;
    private final BooleanBinding canUsePastedText;
    private final StringBinding keySpecText;
    private final StringBinding wrappingText;
    private final StringBinding sourceText;
    private final StringBinding detectedText;

    public MaterialStepViewModel(ImportWizardModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.workbench = model.workbench();
        valid = workbench.sourceProperty().isNotEmpty();
        canUsePastedText = Bindings.createBooleanBinding(
                () -> pastedText.get() != null && !pastedText.get().isBlank() && !workbench.busyProperty().get(),
                pastedText, workbench.busyProperty());
        keySpecText = Bindings.createStringBinding(
                () -> model.keySpecProperty().get() == null ? "not chosen" : model.keySpecProperty().get().toString(),
                model.keySpecProperty());
        wrappingText = Bindings.createStringBinding(() -> describe(combination(model)),
                model.wrappingAlgorithmProperty(), model.wrappingKeySpecProperty());
        sourceText = Bindings.createStringBinding(() -> workbench.sourceProperty().get().isEmpty()
                ? "No material yet" : workbench.sourceProperty().get(), workbench.sourceProperty());
        detectedText = Bindings.createStringBinding(() -> workbench.detectedTextProperty().get().isEmpty()
                ? (workbench.sourceProperty().get().isEmpty() ? "Choose, drop, paste or generate material." : "Examining…")
                : workbench.detectedTextProperty().get(), workbench.detectedTextProperty(), workbench.sourceProperty());
    }

    /** The wrapping the parameters were downloaded for, as the workbench's wrapping choice; null while none is chosen. */
    static WrappingCompatibility.Combination combination(ImportWizardModel model) {
        WrappingAlgorithm algorithm = model.wrappingAlgorithmProperty().get();
        WrappingKeySpec spec = model.wrappingKeySpecProperty().get();
        return algorithm == null || spec == null ? null : new WrappingCompatibility.Combination(algorithm, spec);
    }

    private static String describe(WrappingCompatibility.Combination c) {
        return c == null ? "Not chosen yet: the material alone is checked"
                : c.algorithm() + " with an " + c.wrappingKeySpec() + " wrapping key";
    }

    /** Called each time the step is shown: the report checks the wrapping actually downloaded. */
    public void enter() {
        workbench.keySpecProperty().set(model.keySpecProperty().get());
        workbench.wrappingProperty().set(combination(model));
    }

    /** Reads a chosen or dropped file (in the background) and checks it. */
    public void open(Path file) {
        workbench.open(Objects.requireNonNull(file, "file"));
    }

    /** Checks the pasted text: the workbench recognises hexadecimal and Base64 text and offers to decode it. */
    public void usePastedText() {
        if (!canUsePastedText.get()) {
            return;
        }
        byte[] bytes = pastedText.get().getBytes(StandardCharsets.UTF_8);
        try {
            workbench.examine("pasted text", bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Generates random test material for the key spec (rehearsals only), with the OpenSSL command that would. */
    public void generate() {
        workbench.generate();
    }

    public MaterialWorkbenchViewModel workbench() {
        return workbench;
    }

    /** Base64 or hexadecimal text the person pasted. */
    public StringProperty pastedTextProperty() {
        return pastedText;
    }

    public BooleanBinding canUsePastedText() {
        return canUsePastedText;
    }

    /** Whether there is material (its report is the next step's business). */
    public BooleanBinding valid() {
        return valid;
    }

    /** The key spec, fixed by the key. */
    public StringBinding keySpecText() {
        return keySpecText;
    }

    /** The wrapping the parameters were downloaded for. */
    public StringBinding wrappingText() {
        return wrappingText;
    }

    public StringBinding sourceText() {
        return sourceText;
    }

    public StringBinding detectedText() {
        return detectedText;
    }
}
