package dev.byokstudio.ui.keys.create;

import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.DialogService;
import dev.byokstudio.ui.keys.AliasNames;
import dev.byokstudio.ui.task.TaskExecutor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Create key dialog's state and command: origin, key spec, key usage, description and an optional
 * alias. Offers only what KMS accepts in the session's region for the chosen origin, so that the person
 * cannot compose a request KMS would refuse for its shape; KMS still decides everything else.
 */
public final class CreateKeyViewModel {

    /** What KMS does with each origin, in two sentences. */
    static final String AWS_KMS_EXPLANATION = "KMS generates the key material inside the service and never lets it out. "
            + "The key is enabled and ready to use at once.";
    static final String EXTERNAL_EXPLANATION = "KMS creates the key without key material, in state PendingImport, and you "
            + "import your own material into it. You are responsible for keeping a copy of that material: KMS cannot "
            + "export it, and if it expires or is deleted only your copy can bring the key back.";

    private static final int DESCRIPTION_MAX = 8192;
    private static final List<KeySpec.Family> FAMILY_ORDER = List.of(KeySpec.Family.SYMMETRIC, KeySpec.Family.RSA,
            KeySpec.Family.ECC_NIST, KeySpec.Family.EDWARDS, KeySpec.Family.ECC_SECG, KeySpec.Family.HMAC,
            KeySpec.Family.SM2, KeySpec.Family.ML_DSA, KeySpec.Family.ML_KEM);

    private final Kms kms;
    private final boolean chinaRegion;
    private final TaskExecutor executor;
    private final DialogService dialogs;

    private final ObservableList<Origin> origins =
            FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(Origin.AWS_KMS, Origin.EXTERNAL));
    private final ObjectProperty<Origin> origin = new SimpleObjectProperty<>(this, "origin", Origin.AWS_KMS);
    private final ObservableList<KeySpec> keySpecs = FXCollections.observableArrayList();
    private final ObservableList<KeySpec> keySpecsView = FXCollections.unmodifiableObservableList(keySpecs);
    private final ObjectProperty<KeySpec> keySpec = new SimpleObjectProperty<>(this, "keySpec");
    private final ObservableList<KeyUsage> keyUsages = FXCollections.observableArrayList();
    private final ObservableList<KeyUsage> keyUsagesView = FXCollections.unmodifiableObservableList(keyUsages);
    private final ObjectProperty<KeyUsage> keyUsage = new SimpleObjectProperty<>(this, "keyUsage");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final StringProperty alias = new SimpleStringProperty(this, "alias", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final StringBinding aliasProblem;
    private final StringBinding descriptionProblem;
    private final StringBinding originExplanation;
    private final BooleanBinding valid;

    public CreateKeyViewModel(StudioSession session, TaskExecutor executor, DialogService dialogs) {
        this.kms = session.kms();
        this.chinaRegion = session.isChinaRegion();
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");

        aliasProblem = Bindings.createStringBinding(() -> aliasProblemOf(alias.get()), alias);
        descriptionProblem = Bindings.createStringBinding(() -> {
            String text = description.get();
            return text != null && text.length() > DESCRIPTION_MAX
                    ? "A description has at most " + DESCRIPTION_MAX + " characters; this one has " + text.length() + "."
                    : "";
        }, description);
        originExplanation = Bindings.createStringBinding(
                () -> origin.get() == Origin.EXTERNAL ? EXTERNAL_EXPLANATION : AWS_KMS_EXPLANATION, origin);
        valid = Bindings.createBooleanBinding(
                () -> origin.get() != null && keySpec.get() != null && keyUsage.get() != null
                        && keySpec.get().allowedUsages().contains(keyUsage.get())
                        && aliasProblem.get().isEmpty() && descriptionProblem.get().isEmpty(),
                origin, keySpec, keyUsage, aliasProblem, descriptionProblem);

        origin.addListener((obs, old, now) -> offerKeySpecs());
        keySpec.addListener((obs, old, now) -> offerKeyUsages());
        offerKeySpecs();
    }

    /**
     * The key specs CreateKey accepts for {@code origin} in a region: SM2 only in the China Regions,
     * ML-DSA only with material KMS generates. Symmetric first, then RSA, elliptic curve, HMAC, SM2, ML-DSA.
     */
    public static List<KeySpec> offeredKeySpecs(boolean chinaRegion, Origin origin) {
        List<KeySpec> specs = new ArrayList<>();
        for (KeySpec spec : KeySpec.values()) {
            if (spec.chinaRegionsOnly() && !chinaRegion) {
                continue;
            }
            if (origin == Origin.EXTERNAL && !spec.supportsExternalOrigin()) {
                continue;
            }
            specs.add(spec);
        }
        specs.sort(Comparator.comparingInt((KeySpec s) -> FAMILY_ORDER.indexOf(s.family())).thenComparing(Enum::ordinal));
        return specs;
    }

    /** The key usages CreateKey accepts for {@code spec}, in {@link KeySpec#allowedUsages()} order. */
    public static List<KeyUsage> offeredKeyUsages(KeySpec spec) {
        return spec == null ? List.of() : List.copyOf(spec.allowedUsages());
    }

    private void offerKeySpecs() {
        KeySpec previous = keySpec.get();
        List<KeySpec> offered = offeredKeySpecs(chinaRegion, origin.get());
        keySpecs.setAll(offered);
        keySpec.set(previous != null && offered.contains(previous) ? previous : KeySpec.SYMMETRIC_DEFAULT);
        offerKeyUsages();
    }

    private void offerKeyUsages() {
        KeySpec spec = keySpec.get();
        if (spec == null) {
            // A combo box may clear its value for a moment while its items change; keep the usages.
            return;
        }
        KeyUsage previous = keyUsage.get();
        List<KeyUsage> offered = offeredKeyUsages(spec);
        if (!keyUsages.equals(offered)) {
            keyUsages.setAll(offered);
        }
        keyUsage.set(previous != null && offered.contains(previous) ? previous : offered.get(0));
    }

    private static String aliasProblemOf(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        return AliasNames.problem(text.strip()).orElse("");
    }

    /**
     * Creates the key, then its alias if one was given, in the background. On success calls
     * {@code onCreated} with the new key ID. A failure of CreateKey goes to the dialog service and leaves
     * the form as it was; a failure of CreateAlias after the key exists is shown too, and still counts as
     * a key created. Does nothing while the form is invalid or a creation is running.
     */
    public void create(Consumer<String> onCreated) {
        if (!valid.get() || busy.get()) {
            return;
        }
        String text = description.get();
        CreateKeyRequest request = CreateKeyRequest.builder()
                .origin(origin.get())
                .keySpec(keySpec.get())
                .keyUsage(keyUsage.get())
                .description(text == null || text.isBlank() ? null : text.strip())
                .build();
        String aliasName = alias.get() == null || alias.get().isBlank() ? null : alias.get().strip();
        busy.set(true);
        executor.execute(() -> createKeyAndAlias(kms, request, aliasName), outcome -> {
            busy.set(false);
            if (outcome.aliasFailure() != null) {
                dialogs.showError("The key " + outcome.keyId() + " was created, but not its alias " + aliasName,
                        outcome.aliasFailure());
            }
            onCreated.accept(outcome.keyId());
        }, failure -> {
            busy.set(false);
            dialogs.showError("Could not create the key", failure);
        });
    }

    private record Outcome(String keyId, RuntimeException aliasFailure) {
    }

    private static Outcome createKeyAndAlias(Kms kms, CreateKeyRequest request, String aliasName) {
        String keyId = kms.createKey(request).keyMetadata().keyId();
        if (aliasName == null) {
            return new Outcome(keyId, null);
        }
        try {
            kms.createAlias(new CreateAliasRequest(aliasName, keyId));
            return new Outcome(keyId, null);
        } catch (RuntimeException aliasFailure) {
            return new Outcome(keyId, aliasFailure);
        }
    }

    public ObservableList<Origin> origins() {
        return origins;
    }

    public ObjectProperty<Origin> originProperty() {
        return origin;
    }

    /** What the chosen origin means for the person. */
    public StringBinding originExplanation() {
        return originExplanation;
    }

    /** The key specs offered for the chosen origin in this region. */
    public ObservableList<KeySpec> keySpecs() {
        return keySpecsView;
    }

    public ObjectProperty<KeySpec> keySpecProperty() {
        return keySpec;
    }

    /** The key usages offered for the chosen key spec. */
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

    /** Whether the form describes a request worth sending. */
    public BooleanBinding valid() {
        return valid;
    }

    /** Whether a creation is running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
