package dev.byokstudio.ui.material;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.Conversion;
import dev.byokstudio.material.Converted;
import dev.byokstudio.material.MaterialFormatException;
import dev.byokstudio.material.MaterialReport;
import dev.byokstudio.material.MaterialWorkbench;
import dev.byokstudio.material.RuleResult;
import dev.byokstudio.material.WrappingCompatibility;
import dev.byokstudio.ui.dialog.DialogService;
import dev.byokstudio.ui.task.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
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
 * The key material workbench: a file (opened, dropped or generated), a key spec and optionally a wrapping
 * choice give the workbench's report, rule by rule, with its one-click conversions. The material lives
 * only in memory: it reaches the disk only when the person saves it. Reading, checking, converting and
 * generating run through the {@link TaskExecutor}, never on the JavaFX thread.
 */
public final class MaterialWorkbenchViewModel {

    /** The outcome, as the view shows it. */
    public enum Verdict {
        /** No material yet. */
        NONE,
        /** The material will import (with the chosen wrapping, if one is chosen). */
        WILL_IMPORT,
        /** It will not. */
        WILL_NOT_IMPORT
    }

    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final boolean chinaRegion;
    private final SecureRandom random;

    private final ObservableList<KeySpec> keySpecs = FXCollections.observableArrayList();
    private final ObjectProperty<KeySpec> keySpec = new SimpleObjectProperty<>(this, "keySpec");
    private final ObservableList<WrappingCompatibility.Combination> wrappingChoices = FXCollections.observableArrayList();
    private final ObjectProperty<WrappingCompatibility.Combination> wrapping = new SimpleObjectProperty<>(this, "wrapping");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyObjectWrapper<MaterialReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ObservableList<RuleResult> lines = FXCollections.observableArrayList();
    private final ObservableList<Conversion> conversions = FXCollections.observableArrayList();
    // Read-only views made once: a listener on a view lives only as long as the view does.
    private final ObservableList<KeySpec> keySpecsView = FXCollections.unmodifiableObservableList(keySpecs);
    private final ObservableList<WrappingCompatibility.Combination> wrappingChoicesView =
            FXCollections.unmodifiableObservableList(wrappingChoices);
    private final ObservableList<RuleResult> linesView = FXCollections.unmodifiableObservableList(lines);
    private final ObservableList<Conversion> conversionsView = FXCollections.unmodifiableObservableList(conversions);
    private final ReadOnlyStringWrapper detectedText = new ReadOnlyStringWrapper(this, "detectedText", "");
    private final ReadOnlyStringWrapper verdictText = new ReadOnlyStringWrapper(this, "verdictText",
            "Open a key material file, drop one here, or generate test material.");
    private final ReadOnlyObjectWrapper<Verdict> verdict = new ReadOnlyObjectWrapper<>(this, "verdict", Verdict.NONE);
    private final ReadOnlyStringWrapper lastStep = new ReadOnlyStringWrapper(this, "lastStep", "");
    private final ReadOnlyStringWrapper opensslCommand = new ReadOnlyStringWrapper(this, "opensslCommand", "");
    private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper(this, "unsaved");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(this, "cancellable");
    private TaskExecutor.Cancellable running = TaskExecutor.Cancellable.DONE;

    /** The material being examined; replaced, never changed in place. */
    private SecretBytes material;
    /** Counts checks, so that only the latest one's answer is shown. */
    private long generation;

    public MaterialWorkbenchViewModel(TaskExecutor executor, DialogService dialogs, boolean chinaRegion, SecureRandom random) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.chinaRegion = chinaRegion;
        this.random = Objects.requireNonNull(random, "random");
        for (KeySpec spec : KeySpec.values()) {
            if (spec.supportsExternalOrigin() && (!spec.chinaRegionsOnly() || chinaRegion)) {
                keySpecs.add(spec);
            }
        }
        keySpec.set(KeySpec.SYMMETRIC_DEFAULT);
        updateWrappingChoices();
        keySpec.addListener((obs, old, spec) -> {
            updateWrappingChoices();
            check();
        });
        wrapping.addListener((obs, old, choice) -> check());
    }

    private void updateWrappingChoices() {
        KeySpec spec = keySpec.get();
        WrappingCompatibility.Combination chosen = wrapping.get();
        wrappingChoices.setAll(spec == null ? List.of() : WrappingCompatibility.choices(spec, chinaRegion));
        if (chosen != null && !wrappingChoices.contains(chosen)) {
            wrapping.set(null);
        }
    }

    // ---------------------------------------------------------------- commands

    /** Reads a file (at most the workbench's limit) and checks it. */
    public void open(Path file) {
        busy.set(true);
        executor.execute(() -> MaterialWorkbench.readBounded(file), bytes -> {
            busy.set(false);
            replace(SecretBytes.wrap(bytes), file.getFileName().toString(), false);
            lastStep.set("");
            opensslCommand.set("");
        }, error -> {
            busy.set(false);
            dialogs.showError("Could not read " + file.getFileName(), error);
        });
    }

    /** Checks bytes from elsewhere (a drop, a paste): they are copied. */
    public void examine(String name, byte[] bytes) {
        replace(SecretBytes.copyOf(bytes), name, false);
        lastStep.set("");
        opensslCommand.set("");
    }

    /** Generates test material for the key spec. RSA_4096 takes a moment: it runs in the background, and can be cancelled. */
    public void generate() {
        KeySpec spec = keySpec.get();
        busy.set(true);
        cancellable.set(true);
        running = executor.execute(() -> MaterialWorkbench.generate(spec, chinaRegion, random), generated -> {
            cancellable.set(false);
            busy.set(false);
            replace(generated.material(), "test material for " + spec + " (generated, not saved)", true);
            lastStep.set("Generated random " + spec + " test material. Use it for rehearsals only.");
            opensslCommand.set(generated.opensslCommand());
        }, error -> {
            cancellable.set(false);
            busy.set(false);
            dialogs.showError("Could not generate " + spec + " material", error);
        });
    }

    /** Stops waiting for the generation of test material; what it would have made is dropped. */
    public void cancel() {
        if (!cancellable.get()) {
            return;
        }
        running.cancel();
        cancellable.set(false);
        busy.set(false);
        lastStep.set("Generation cancelled.");
    }

    /** Whether long work (generation) is running and can be cancelled. */
    public ReadOnlyBooleanProperty cancellableProperty() {
        return cancellable.getReadOnlyProperty();
    }

    /** Applies an offered conversion; asks for the password when the conversion needs one. */
    public void convert(Conversion conversion) {
        if (material == null) {
            return;
        }
        char[] password = null;
        if (conversion.needsPassword()) {
            Optional<char[]> answer = dialogs.askPassword("Decrypt PKCS#8",
                    "The password the key file was encrypted with. BYOK Studio keeps the decrypted key in memory only,"
                            + " until you save it.");
            if (answer.isEmpty()) {
                return;
            }
            password = answer.get();
        }
        byte[] bytes = material.revealCopy();
        KeySpec spec = keySpec.get();
        char[] secret = password;
        busy.set(true);
        executor.execute(() -> {
            try {
                return MaterialWorkbench.convert(conversion, bytes, spec, secret);
            } finally {
                Arrays.fill(bytes, (byte) 0);
                if (secret != null) {
                    Arrays.fill(secret, '\0');
                }
            }
        }, converted -> {
            busy.set(false);
            replace(converted.material(), source.get() + ", converted: " + conversion.title() + " (not saved)", true);
            lastStep.set(converted.done() + ".");
            opensslCommand.set(converted.opensslCommand());
        }, error -> {
            busy.set(false);
            dialogs.showError(conversion.title() + " did not work", error);
        });
    }

    /** Writes the material as it is now to {@code file} (owner-only permissions where the file system has them). */
    public void save(Path file) {
        if (material == null) {
            return;
        }
        byte[] bytes = material.revealCopy();
        busy.set(true);
        executor.execute(() -> {
            try {
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the platform's defaults apply.
                }
                return file;
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }, saved -> {
            busy.set(false);
            unsaved.set(false);
            lastStep.set("Saved to " + saved + ".");
        }, error -> {
            busy.set(false);
            dialogs.showError("Could not save the material", error);
        });
    }

    /** Forgets the material (it is destroyed in memory). */
    public void clear() {
        if (material != null) {
            material.destroy();
            material = null;
        }
        source.set("");
        report.set(null);
        lines.clear();
        conversions.clear();
        detectedText.set("");
        verdict.set(Verdict.NONE);
        verdictText.set("Open a key material file, drop one here, or generate test material.");
        lastStep.set("");
        opensslCommand.set("");
        unsaved.set(false);
    }

    private void replace(SecretBytes bytes, String name, boolean notSaved) {
        if (material != null && material != bytes) {
            material.destroy();
        }
        material = bytes;
        source.set(name);
        unsaved.set(notSaved);
        check();
    }

    /** Checks the material again, for the current key spec and wrapping choice. */
    void check() {
        if (material == null || keySpec.get() == null) {
            return;
        }
        long mine = ++generation;
        byte[] bytes = material.revealCopy();
        KeySpec spec = keySpec.get();
        WrappingCompatibility.Combination choice = wrapping.get();
        WrappingAlgorithm algorithm = choice == null ? null : choice.algorithm();
        WrappingKeySpec wrappingKeySpec = choice == null ? null : choice.wrappingKeySpec();
        executor.execute(() -> {
            try {
                return MaterialWorkbench.report(bytes, spec, chinaRegion, algorithm, wrappingKeySpec);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }, result -> {
            if (mine == generation) {
                show(result);
            }
        }, error -> dialogs.showError("Could not check the material", error));
    }

    private void show(MaterialReport r) {
        report.set(r);
        lines.setAll(r.lines());
        lines.add(r.wrapping());
        conversions.setAll(r.conversions());
        String notes = r.detected().notes().isEmpty() ? "" : " (" + String.join("; ", r.detected().notes()) + ")";
        detectedText.set(r.detected().description() + notes);
        List<RuleResult> failures = r.failures();
        if (r.willImport()) {
            verdict.set(Verdict.WILL_IMPORT);
            verdictText.set("Will import into a " + r.keySpec() + " key" + (r.wrapping().status() == RuleResult.Status.PASSED
                    ? ", wrapped with " + r.wrapping().found() : "") + ".");
        } else {
            verdict.set(Verdict.WILL_NOT_IMPORT);
            verdictText.set("Will not import into a " + r.keySpec() + " key: " + failures.stream().map(RuleResult::title)
                    .collect(Collectors.joining("; ")) + (r.conversions().isEmpty() ? "."
                    : ". BYOK Studio can fix the form: " + r.conversions().get(0).title() + "."));
        }
    }

    // ---------------------------------------------------------------- state

    public ObservableList<KeySpec> keySpecs() {
        return keySpecsView;
    }

    public ObjectProperty<KeySpec> keySpecProperty() {
        return keySpec;
    }

    public ObservableList<WrappingCompatibility.Combination> wrappingChoices() {
        return wrappingChoicesView;
    }

    /** The wrapping to check against; null to leave wrapping out of the verdict. */
    public ObjectProperty<WrappingCompatibility.Combination> wrappingProperty() {
        return wrapping;
    }

    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MaterialReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The report's lines: the material rules, then the wrapping check. */
    public ObservableList<RuleResult> lines() {
        return linesView;
    }

    public ObservableList<Conversion> conversions() {
        return conversionsView;
    }

    public ReadOnlyStringProperty detectedTextProperty() {
        return detectedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictTextProperty() {
        return verdictText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Verdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** What the last generation or conversion did. */
    public ReadOnlyStringProperty lastStepProperty() {
        return lastStep.getReadOnlyProperty();
    }

    /** The OpenSSL command that does what the last generation or conversion did. */
    public ReadOnlyStringProperty opensslCommandProperty() {
        return opensslCommand.getReadOnlyProperty();
    }

    /** Whether the material was generated or converted here and not saved yet. */
    public ReadOnlyBooleanProperty unsavedProperty() {
        return unsaved.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether there is material to save or convert. */
    public boolean hasMaterial() {
        return material != null;
    }

    /** The material's current bytes, for the wizard's next step; the caller destroys the copy. */
    public Optional<SecretBytes> material() {
        return material == null ? Optional.empty() : Optional.of(SecretBytes.copyOf(material.revealCopy()));
    }
}
