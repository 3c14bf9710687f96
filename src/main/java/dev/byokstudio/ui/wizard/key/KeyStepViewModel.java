package dev.byokstudio.ui.wizard.key;

import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.ui.keys.AliasNames;
import dev.byokstudio.ui.keys.create.CreateKeyViewModel;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 1 of the import wizard: the KMS key that receives the material. Without a key in the model it is
 * a form (key spec, key usage, description, alias) that offers only what CreateKey accepts for an
 * EXTERNAL key in the session's region, and creates the key on Next. With a key in the model (the wizard
 * was opened for a PendingImport key, or to reimport) it shows that key, read-only, as DescribeKey
 * reports it.
 */
public final class KeyStepViewModel {

    /** What EXTERNAL origin means, in two sentences. */
    static final String EXTERNAL_EXPLANATION = "An EXTERNAL key is created without key material, in state "
            + "PendingImport, and stays unusable until you import your own material into it. KMS cannot export "
            + "that material, so keep a copy: if it expires or is deleted, only your copy can bring the key back.";

    private static final int DESCRIPTION_MAX = 8192;

    private final ImportWizardModel model;

    private final ObservableList<KeySpec> keySpecs = FXCollections.observableArrayList();
    private final ObservableList<KeySpec> keySpecsView = FXCollections.unmodifiableObservableList(keySpecs);
    private final ObjectProperty<KeySpec> keySpec = new SimpleObjectProperty<>(this, "keySpec");
    private final ObservableList<KeyUsage> keyUsages = FXCollections.observableArrayList();
    private final ObservableList<KeyUsage> keyUsagesView = FXCollections.unmodifiableObservableList(keyUsages);
    private final ObjectProperty<KeyUsage> keyUsage = new SimpleObjectProperty<>(this, "keyUsage");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final StringProperty alias = new SimpleStringProperty(this, "alias", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    private final ReadOnlyStringWrapper existingSpec = new ReadOnlyStringWrapper(this, "existingSpec", "");
    private final ReadOnlyStringWrapper existingUsage = new ReadOnlyStringWrapper(this, "existingUsage", "");
    private final ReadOnlyStringWrapper existingState = new ReadOnlyStringWrapper(this, "existingState", "");
    private final ReadOnlyStringWrapper existingArn = new ReadOnlyStringWrapper(this, "existingArn", "");
    private final ReadOnlyStringWrapper existingNote = new ReadOnlyStringWrapper(this, "existingNote", "");

    private final BooleanBinding existing;
    private final StringBinding aliasProblem;
    private final StringBinding descriptionProblem;
    private final BooleanBinding valid;

    /** Counts DescribeKey calls, so that only the latest answer is shown. */
    private long generation;
    /** The key whose metadata the step shows (and wrote to the model); null before DescribeKey answered. */
    private String shownKeyId;

    public KeyStepViewModel(ImportWizardModel model) {
        this.model = Objects.requireNonNull(model, "model");
        existing = model.keyIdProperty().isNotNull();
        aliasProblem = Bindings.createStringBinding(() -> {
            String text = alias.get();
            return text == null || text.isBlank() ? "" : AliasNames.problem(text.strip()).orElse("");
        }, alias);
        descriptionProblem = Bindings.createStringBinding(() -> {
            String text = description.get();
            return text != null && text.length() > DESCRIPTION_MAX
                    ? "A description has at most " + DESCRIPTION_MAX + " characters; this one has " + text.length() + "."
                    : "";
        }, description);
        valid = Bindings.createBooleanBinding(() -> existing.get() || (!busy.get() && keySpec.get() != null
                && keyUsage.get() != null && keySpec.get().allowedUsages().contains(keyUsage.get())
                && aliasProblem.get().isEmpty() && descriptionProblem.get().isEmpty()),
                existing, busy, keySpec, keyUsage, aliasProblem, descriptionProblem);

        keySpecs.setAll(offeredKeySpecs(model.chinaRegion()));
        KeySpec start = model.keySpecProperty().get();
        keySpec.set(start != null && keySpecs.contains(start) ? start : KeySpec.SYMMETRIC_DEFAULT);
        offerKeyUsages(model.keyUsageProperty().get());
        keySpec.addListener((obs, old, spec) -> offerKeyUsages(keyUsage.get()));
    }

    /** The key specs whose material can be imported in the region: no ML-DSA or ML-KEM, SM2 only in China. */
    public static List<KeySpec> offeredKeySpecs(boolean chinaRegion) {
        return CreateKeyViewModel.offeredKeySpecs(chinaRegion, Origin.EXTERNAL);
    }

    private void offerKeyUsages(KeyUsage preferred) {
        KeySpec spec = keySpec.get();
        if (spec == null) {
            // A combo box may clear its value for a moment while its items change; keep the usages.
            return;
        }
        List<KeyUsage> offered = List.copyOf(spec.allowedUsages());
        if (!keyUsages.equals(offered)) {
            keyUsages.setAll(offered);
        }
        keyUsage.set(preferred != null && offered.contains(preferred) ? preferred : offered.get(0));
    }

    // ---------------------------------------------------------------- the step's life

    /** On showing the step: reads the existing key, if there is one, in the background. */
    public void enter() {
        String keyId = model.keyIdProperty().get();
        if (keyId == null) {
            return;
        }
        long mine = ++generation;
        Kms kms = model.kms();
        existingNote.set("Reading the key…");
        model.executor().execute(() -> kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata(), key -> {
            if (mine == generation) {
                showExisting(key);
            }
        }, failure -> {
            if (mine == generation) {
                existingNote.set("");
                model.dialogs().showError("Could not read the key " + keyId, failure);
            }
        });
    }

    private void showExisting(KeyMetadata key) {
        shownKeyId = key.keyId();
        existingSpec.set(String.valueOf(key.keySpec()));
        existingUsage.set(String.valueOf(key.keyUsage()));
        existingState.set(String.valueOf(key.keyState()));
        existingArn.set(key.arn());
        existingNote.set(key.origin() == Origin.EXTERNAL ? ""
                : "This key's origin is " + key.origin() + ": KMS imports material only into EXTERNAL keys.");
        model.keyArnProperty().set(key.arn());
        model.keySpecProperty().set(key.keySpec());
        model.keyUsageProperty().set(key.keyUsage());
    }

    /**
     * On Next: with a key in the model, goes on at once once DescribeKey has answered (the next steps
     * need the key's spec; if Next comes first, the key is read now, and a failure is shown and the step
     * stays). Otherwise creates the EXTERNAL key (and its alias,
     * if one was given) in the background, records it in the model and goes on; a failure is shown and
     * the step stays. When the key was created but its alias was not, the key is kept (the step then
     * shows it) and the step stays, so that the person sees what happened.
     */
    public void next(Runnable proceed, Runnable stay) {
        if (existing.get()) {
            String keyId = model.keyIdProperty().get();
            if (keyId.equals(shownKeyId)) {
                proceed.run();
                return;
            }
            long mine = ++generation;
            Kms kms = model.kms();
            model.executor().execute(() -> kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata(), key -> {
                if (mine == generation) {
                    showExisting(key);
                }
                proceed.run();
            }, failure -> {
                model.dialogs().showError("Could not read the key " + keyId, failure);
                stay.run();
            });
            return;
        }
        if (!valid.get() || busy.get()) {
            stay.run();
            return;
        }
        String text = description.get();
        CreateKeyRequest request = CreateKeyRequest.builder()
                .origin(Origin.EXTERNAL)
                .keySpec(keySpec.get())
                .keyUsage(keyUsage.get())
                .description(text == null || text.isBlank() ? null : text.strip())
                .build();
        String aliasName = alias.get() == null || alias.get().isBlank() ? null : alias.get().strip();
        Kms kms = model.kms();
        busy.set(true);
        model.executor().execute(() -> createKeyAndAlias(kms, request, aliasName), outcome -> {
            busy.set(false);
            KeyMetadata key = outcome.key();
            model.keySpecProperty().set(key.keySpec());
            model.keyUsageProperty().set(key.keyUsage());
            model.keyArnProperty().set(key.arn());
            model.keyIdProperty().set(key.keyId());
            showExisting(key);
            if (outcome.aliasFailure() != null) {
                model.dialogs().showError("The key " + key.keyId() + " was created, but not its alias " + aliasName,
                        outcome.aliasFailure());
                stay.run();
            } else {
                proceed.run();
            }
        }, failure -> {
            busy.set(false);
            model.dialogs().showError("Could not create the key", failure);
            stay.run();
        });
    }

    private record Outcome(KeyMetadata key, RuntimeException aliasFailure) {
    }

    private static Outcome createKeyAndAlias(Kms kms, CreateKeyRequest request, String aliasName) {
        KeyMetadata key = kms.createKey(request).keyMetadata();
        if (aliasName == null) {
            return new Outcome(key, null);
        }
        try {
            kms.createAlias(new CreateAliasRequest(aliasName, key.keyId()));
            return new Outcome(key, null);
        } catch (RuntimeException aliasFailure) {
            return new Outcome(key, aliasFailure);
        }
    }

    // ---------------------------------------------------------------- state

    /** Whether the step shows a key that exists (read-only) rather than the form for a new one. */
    public BooleanBinding existing() {
        return existing;
    }

    /** What EXTERNAL origin means. */
    public String externalExplanation() {
        return EXTERNAL_EXPLANATION;
    }

    /** The region the key is created in. */
    public String region() {
        return model.session().region();
    }

    public ReadOnlyStringProperty keyIdProperty() {
        return model.keyIdProperty();
    }

    public ObservableList<KeySpec> keySpecs() {
        return keySpecsView;
    }

    public ObjectProperty<KeySpec> keySpecProperty() {
        return keySpec;
    }

    /** The usages the chosen key spec allows. */
    public ObservableList<KeyUsage> keyUsages() {
        return keyUsagesView;
    }

    public ObjectProperty<KeyUsage> keyUsageProperty() {
        return keyUsage;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    /** The alias to create with the key; blank for none. */
    public StringProperty aliasProperty() {
        return alias;
    }

    /** What is wrong with the alias, or empty. */
    public StringBinding aliasProblem() {
        return aliasProblem;
    }

    /** What is wrong with the description, or empty. */
    public StringBinding descriptionProblem() {
        return descriptionProblem;
    }

    public ReadOnlyStringProperty existingSpecProperty() {
        return existingSpec.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty existingUsageProperty() {
        return existingUsage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty existingStateProperty() {
        return existingState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty existingArnProperty() {
        return existingArn.getReadOnlyProperty();
    }

    /** A word about the existing key (being read, or not EXTERNAL); empty when there is nothing to say. */
    public ReadOnlyStringProperty existingNoteProperty() {
        return existingNote.getReadOnlyProperty();
    }

    /** Whether the key is being created. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding valid() {
        return valid;
    }
}
