package dev.byokstudio.ui.keys;

import dev.byokstudio.kms.AccessDeniedException;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.security.SecureRandom;
import dev.byokstudio.kms.AliasListEntry;
import dev.byokstudio.kms.CancelKeyDeletionRequest;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.EnableKeyRequest;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.KeyListEntry;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.ListAliasesRequest;
import dev.byokstudio.kms.ListAliasesResponse;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.ListKeysResponse;
import dev.byokstudio.kms.ListResourceTagsRequest;
import dev.byokstudio.kms.ListResourceTagsResponse;
import dev.byokstudio.kms.MultiRegionConfiguration;
import dev.byokstudio.kms.MultiRegionKey;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.DialogService;
import dev.byokstudio.ui.keys.create.CreateKeyViewModel;
import dev.byokstudio.ui.task.TaskExecutor;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
import javafx.collections.transformation.FilteredList;

/**
 * The key list: the keys of the session's account and region, a search over them, the selected key's
 * details, and the lifecycle commands (create, enable, disable, schedule and cancel deletion, add alias,
 * copy ARN, refresh), each available only when KMS would accept it for the selected key's state.
 *
 * <p>Every KMS call runs through the {@link TaskExecutor}; every failure goes to the
 * {@link DialogService}. After each command the list is reloaded and the selection kept. Use on the FX
 * thread only; needs no running toolkit.
 */
public final class KeysViewModel {

    /** The shortest deletion waiting period KMS accepts, in days. */
    public static final int MIN_DELETION_WINDOW_DAYS = 7;
    /** The longest deletion waiting period KMS accepts, in days. */
    public static final int MAX_DELETION_WINDOW_DAYS = 30;
    /** KMS's default deletion waiting period, in days. */
    public static final int DEFAULT_DELETION_WINDOW_DAYS = 30;

    private static final String DEFAULT_POLICY_NAME = "default";
    /** How long typing in the key policy editor pauses before the policy is checked. */
    static final long POLICY_CHECK_DELAY_MILLIS = 300;
    private static final Set<KeyState> DELETABLE = Set.of(KeyState.Enabled, KeyState.Disabled, KeyState.PendingImport);

    /** One line of the details pane: a label and its value; {@code code} marks identifiers shown in monospace. */
    public record DetailField(String label, String value, boolean code) {
    }

    private final StudioSession session;
    private final Kms kms;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Consumer<String> clipboard;
    private final java.util.function.Supplier<dev.byokstudio.ui.task.Debouncer> debouncers;
    private final DateTimeFormatter dateTimes;
    private final DateTimeFormatter shortDateTimes;

    private final ObservableList<KeyRow> keys = FXCollections.observableArrayList();
    private final FilteredList<KeyRow> visibleKeys = new FilteredList<>(keys);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ObjectProperty<KeyRow> selectedKey = new SimpleObjectProperty<>(this, "selectedKey");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper loadedOnce = new ReadOnlyBooleanWrapper(this, "loadedOnce");
    private final ReadOnlyBooleanWrapper actionRunning = new ReadOnlyBooleanWrapper(this, "actionRunning");
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    /** AWS's message when the last reload was refused (AccessDeniedException), or empty. */
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper(this, "refusal", "");

    private final ObservableList<DetailField> details = FXCollections.observableArrayList();
    private final ObservableList<String> selectedAliases = FXCollections.observableArrayList();
    private final ObservableList<Tag> selectedTags = FXCollections.observableArrayList();
    private final ObservableList<String> selectedTimeline = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selectedPolicy = new ReadOnlyStringWrapper(this, "selectedPolicy", "");

    private final BooleanBinding canEnable;
    private final BooleanBinding canDisable;
    private final BooleanBinding canScheduleDeletion;
    private final BooleanBinding canCancelDeletion;
    private final BooleanBinding canAddAlias;
    private final BooleanBinding canCopyArn;
    private final BooleanBinding canEditPolicy;
    private final BooleanBinding canImport;
    private final BooleanBinding canDeleteImportedMaterial;
    private final BooleanBinding busy;
    private final StringBinding keyCountText;
    private final StringBinding placeholderText;

    private long loadGeneration;
    private long detailsGeneration;
    private String detailsKeyId;
    private boolean replacingKeys;

    public KeysViewModel(StudioSession session, TaskExecutor executor, DialogService dialogs,
            Consumer<String> clipboard, ZoneId zone) {
        this(session, executor, dialogs, clipboard, zone,
                () -> new dev.byokstudio.ui.task.FxDebouncer(java.time.Duration.ofMillis(POLICY_CHECK_DELAY_MILLIS)));
    }

    /** @param debouncers make the key policy editor's wait for typing to pause (tests: one they control) */
    KeysViewModel(StudioSession session, TaskExecutor executor, DialogService dialogs, Consumer<String> clipboard,
            ZoneId zone, java.util.function.Supplier<dev.byokstudio.ui.task.Debouncer> debouncers) {
        this.debouncers = Objects.requireNonNull(debouncers, "debouncers");
        this.session = Objects.requireNonNull(session, "session");
        this.kms = session.kms();
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.clipboard = Objects.requireNonNull(clipboard, "clipboard");
        this.dateTimes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(zone);
        this.shortDateTimes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);

        canEnable = whenSelected(row -> row.customerManaged() && row.state() == KeyState.Disabled);
        canDisable = whenSelected(row -> row.customerManaged() && row.state() == KeyState.Enabled);
        canScheduleDeletion = whenSelected(row -> row.customerManaged() && DELETABLE.contains(row.state()));
        canCancelDeletion = whenSelected(row -> row.customerManaged() && row.state() == KeyState.PendingDeletion);
        canAddAlias = whenSelected(row -> row.customerManaged() && row.state() != KeyState.PendingDeletion);
        canCopyArn = Bindings.createBooleanBinding(() -> selectedKey.get() != null, selectedKey);
        canEditPolicy = whenSelected(row -> true);
        canImport = whenSelected(row -> row.customerManaged() && row.metadata().origin() == Origin.EXTERNAL
                && row.state() != KeyState.PendingDeletion && row.metadata().keySpec().supportsExternalOrigin());
        canDeleteImportedMaterial = whenSelected(row -> row.customerManaged() && row.metadata().origin() == Origin.EXTERNAL
                && (row.state() == KeyState.Enabled || row.state() == KeyState.Disabled));
        busy = loading.or(actionRunning);
        keyCountText = Bindings.createStringBinding(() -> {
            int all = keys.size();
            int shown = visibleKeys.size();
            String noun = all == 1 ? " key" : " keys";
            return shown == all ? all + noun : shown + " of " + all + noun;
        }, keys, visibleKeys);
        placeholderText = Bindings.createStringBinding(() -> {
            if (!loadedOnce.get()) {
                return "Loading keys…";
            }
            if (!refusal.get().isEmpty()) {
                return "KMS refused to list the keys.\n" + refusal.get();
            }
            if (keys.isEmpty()) {
                return "No keys in account " + session.accountId() + ", " + session.region()
                        + ". Use Create key… to make one.";
            }
            return "No key matches \u201c" + searchText.get().strip() + "\u201d.";
        }, loadedOnce, keys, searchText, refusal);

        searchText.addListener((obs, old, query) -> {
            visibleKeys.setPredicate(row -> row.matches(query));
            KeyRow selected = selectedKey.get();
            if (selected != null && !visibleKeys.contains(selected)) {
                selectedKey.set(null);
            }
        });
        selectedKey.addListener((obs, old, row) -> {
            if (!replacingKeys) {
                showDetails(row);
            }
        });
    }

    public KeysViewModel(StudioSession session, TaskExecutor executor, DialogService dialogs, Consumer<String> clipboard) {
        this(session, executor, dialogs, clipboard, ZoneId.systemDefault());
    }

    private BooleanBinding whenSelected(Predicate<KeyRow> allowed) {
        return Bindings.createBooleanBinding(() -> {
            KeyRow row = selectedKey.get();
            return row != null && !actionRunning.get() && allowed.test(row);
        }, selectedKey, actionRunning);
    }

    // ---------------------------------------------------------------- loading

    /** Reloads every key, keeping the selected key selected if it still exists. */
    public void refresh() {
        KeyRow selected = selectedKey.get();
        refresh(selected == null ? null : selected.keyId());
    }

    private void refresh(String keyIdToSelect) {
        long generation = ++loadGeneration;
        loading.set(true);
        executor.execute(() -> loadKeys(kms), rows -> {
            if (generation != loadGeneration) {
                return;
            }
            loading.set(false);
            loadedOnce.set(true);
            refusal.set("");
            showKeys(rows, keyIdToSelect);
        }, failure -> {
            if (generation != loadGeneration) {
                return;
            }
            loading.set(false);
            loadedOnce.set(true);
            AccessDeniedException refused = refusalIn(failure);
            if (refused != null) {
                // The principal acted as may not list the keys: the keys of another principal are not its to see.
                refusal.set(refused.getMessage());
                showKeys(List.of(), null);
            }
            dialogs.showError("Could not list the keys", failure);
        });
    }

    private void showKeys(List<KeyRow> rows, String keyIdToSelect) {
        KeyRow toSelect = keyIdToSelect == null ? null
                : rows.stream().filter(row -> row.keyId().equals(keyIdToSelect)).findFirst().orElse(null);
        if (toSelect != null && !toSelect.matches(searchText.get())) {
            // A key created or changed while a search hides it: show it rather than lose it.
            searchText.set("");
        }
        // While the rows are replaced, a table bound to them drops its selection for a moment; show the
        // details once, for the key selected in the end, instead of clearing and reloading them.
        replacingKeys = true;
        try {
            keys.setAll(rows);
            selectedKey.set(toSelect);
        } finally {
            replacingKeys = false;
        }
        showDetails(toSelect);
    }

    /**
     * Every key of the account and region, in ListKeys order: ListKeys page by page, one DescribeKey per
     * key, and ListAliases page by page. A key deleted between ListKeys and DescribeKey is left out. Runs
     * in the background.
     */
    static List<KeyRow> loadKeys(Kms kms) {
        List<String> keyIds = new ArrayList<>();
        String marker = null;
        do {
            ListKeysResponse page = kms.listKeys(new ListKeysRequest(null, marker));
            page.keys().stream().map(KeyListEntry::keyId).forEach(keyIds::add);
            marker = nextMarker(page.truncated(), page.nextMarker(), marker);
        } while (marker != null);

        Map<String, List<String>> aliasesByKey = new HashMap<>();
        marker = null;
        do {
            ListAliasesResponse page = kms.listAliases(new ListAliasesRequest(null, 100, marker));
            for (AliasListEntry alias : page.aliases()) {
                if (alias.targetKeyId() != null) {
                    aliasesByKey.computeIfAbsent(alias.targetKeyId(), id -> new ArrayList<>()).add(alias.aliasName());
                }
            }
            marker = nextMarker(page.truncated(), page.nextMarker(), marker);
        } while (marker != null);

        List<KeyRow> rows = new ArrayList<>();
        for (String keyId : keyIds) {
            KeyMetadata metadata;
            try {
                metadata = kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata();
            } catch (NotFoundException deletedMeanwhile) {
                continue;
            }
            List<String> aliases = aliasesByKey.getOrDefault(keyId, List.of()).stream().sorted().collect(Collectors.toList());
            rows.add(new KeyRow(metadata, aliases));
        }
        return rows;
    }

    /** The first {@link AccessDeniedException} in the cause chain of {@code failure}, or null. */
    static AccessDeniedException refusalIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AccessDeniedException refused) {
                return refused;
            }
        }
        return null;
    }

    private static String nextMarker(boolean truncated, String next, String current) {
        if (!truncated || next == null || next.equals(current)) {
            return null;
        }
        return next;
    }

    // ---------------------------------------------------------------- details

    private void showDetails(KeyRow row) {
        long generation = ++detailsGeneration;
        if (row == null) {
            details.clear();
            selectedAliases.clear();
            selectedTags.clear();
            selectedTimeline.clear();
            selectedPolicy.set("");
            detailsKeyId = null;
            return;
        }
        details.setAll(describe(row.metadata()));
        selectedAliases.setAll(row.aliases());
        if (!row.keyId().equals(detailsKeyId)) {
            // Another key: clear what belonged to the previous one while this one's loads.
            selectedTags.clear();
            selectedTimeline.clear();
            selectedPolicy.set("");
        }
        detailsKeyId = row.keyId();
        String keyId = row.keyId();
        KeyMetadata metadata = row.metadata();
        // A principal may be allowed DescribeKey but not these: its refusal is shown in place, not as a failure.
        executor.execute(() -> new TagsAndPolicy(unlessRefused(() -> loadTags(kms, keyId), refused -> List.of()),
                unlessRefused(() -> kms.getKeyPolicy(new GetKeyPolicyRequest(keyId, DEFAULT_POLICY_NAME)).policy(),
                        refused -> "Not shown: GetKeyPolicy was refused.\n" + refused.getMessage()),
                timeline(metadata, unlessRefused(() -> loadMaterials(kms, metadata), refused -> List.of()))), loaded -> {
                    if (generation == detailsGeneration) {
                        selectedTags.setAll(loaded.tags());
                        selectedPolicy.set(loaded.policy() == null ? "" : loaded.policy());
                        selectedTimeline.setAll(loaded.timeline());
                    }
                }, failure -> {
                    if (generation == detailsGeneration) {
                        dialogs.showError("Could not read the tags and key policy of " + row.label(), failure);
                    }
                });
    }

    /** What {@code read} returns; when KMS refuses the caller, what {@code whenRefused} makes of the refusal. */
    private static <T> T unlessRefused(java.util.function.Supplier<T> read,
            java.util.function.Function<AccessDeniedException, T> whenRefused) {
        try {
            return read.get();
        } catch (AccessDeniedException refused) {
            return whenRefused.apply(refused);
        }
    }

    private record TagsAndPolicy(List<Tag> tags, String policy, List<String> timeline) {
    }

    /** Every key material of a symmetric key (ListKeyRotations lists only those); empty for other keys. */
    private static List<dev.byokstudio.kms.RotationsListEntry> loadMaterials(Kms kms, KeyMetadata m) {
        if (!m.keySpec().isSymmetric() || m.keyState() == KeyState.PendingDeletion) {
            return List.of();
        }
        List<dev.byokstudio.kms.RotationsListEntry> all = new ArrayList<>();
        String marker = null;
        do {
            dev.byokstudio.kms.ListKeyRotationsResponse page = kms.listKeyRotations(new dev.byokstudio.kms.ListKeyRotationsRequest(
                    m.keyId(), m.origin() == Origin.EXTERNAL ? dev.byokstudio.kms.IncludeKeyMaterial.ALL_KEY_MATERIAL : null,
                    null, marker));
            all.addAll(page.rotations());
            marker = nextMarker(page.truncated(), page.nextMarker(), marker);
        } while (marker != null);
        return all;
    }

    /**
     * The key's life so far and what is due, oldest first: created, each key material's rotation and
     * expiry, the end of a deletion waiting period. Times are the KMS's; what is still ahead says so.
     */
    List<String> timeline(KeyMetadata m, List<dev.byokstudio.kms.RotationsListEntry> materials) {
        java.time.Instant now = session.clock().now();
        List<java.util.Map.Entry<java.time.Instant, String>> events = new ArrayList<>();
        events.add(java.util.Map.entry(m.creationDate(), "Created (" + m.origin() + ")"));
        for (dev.byokstudio.kms.RotationsListEntry r : materials) {
            String id = r.keyMaterialId() == null ? "" : " " + r.keyMaterialId().substring(0, Math.min(8, r.keyMaterialId().length())) + "…";
            if (r.rotationDate() != null) {
                events.add(java.util.Map.entry(r.rotationDate(), "Material" + id + " became current ("
                        + (r.rotationType() == null ? "rotation" : r.rotationType()) + ")"));
            }
            if (r.validTo() != null) {
                events.add(java.util.Map.entry(r.validTo(), "Material" + id + " expires; the key needs it"));
            }
        }
        if (materials.isEmpty() && m.validTo() != null) {
            events.add(java.util.Map.entry(m.validTo(), "Material expires: the key becomes PendingImport"));
        }
        if (m.deletionDate() != null) {
            events.add(java.util.Map.entry(m.deletionDate(), "Deleted, when the waiting period ends"));
        }
        events.sort(java.util.Map.Entry.comparingByKey());
        List<String> lines = new ArrayList<>();
        for (java.util.Map.Entry<java.time.Instant, String> e : events) {
            lines.add(shortDateTimes.format(e.getKey()) + (e.getKey().isAfter(now) ? "  (ahead)  " : "  ") + e.getValue());
        }
        return lines;
    }

    private static List<Tag> loadTags(Kms kms, String keyId) {
        List<Tag> tags = new ArrayList<>();
        String marker = null;
        do {
            ListResourceTagsResponse page = kms.listResourceTags(new ListResourceTagsRequest(keyId, null, marker));
            tags.addAll(page.tags());
            marker = nextMarker(page.truncated(), page.nextMarker(), marker);
        } while (marker != null);
        return tags;
    }

    /** The fields of {@code m} that are present, in the order a person reads them. */
    List<DetailField> describe(KeyMetadata m) {
        List<DetailField> fields = new ArrayList<>();
        add(fields, "Key ID", m.keyId(), true);
        add(fields, "ARN", m.arn(), true);
        add(fields, "Description", m.description(), false);
        add(fields, "Key state", m.keyState(), false);
        add(fields, "Deletion date", format(m.deletionDate()), false);
        if (m.pendingDeletionWindowInDays() != null) {
            add(fields, "Deletion waiting period", m.pendingDeletionWindowInDays() + " days", false);
        }
        add(fields, "Enabled", m.enabled() ? "Yes" : "No", false);
        add(fields, "Created", format(m.creationDate()), false);
        add(fields, "Key spec", m.keySpec(), false);
        add(fields, "Key usage", m.keyUsage(), false);
        add(fields, "Origin", m.origin(), false);
        add(fields, "Key manager", m.keyManager(), false);
        add(fields, "Encryption algorithms", joined(m.encryptionAlgorithms()), false);
        add(fields, "Signing algorithms", joined(m.signingAlgorithms()), false);
        add(fields, "MAC algorithms", joined(m.macAlgorithms()), false);
        add(fields, "Key agreement algorithms", joined(m.keyAgreementAlgorithms()), false);
        add(fields, "Encapsulation algorithms", joined(m.encapsulationAlgorithms()), false);
        add(fields, "Material valid to", format(m.validTo()), false);
        add(fields, "Expiration model", m.expirationModel(), false);
        add(fields, "Current key material ID", m.currentKeyMaterialId(), true);
        add(fields, "Multi-Region", m.multiRegion() ? "Yes" : "No", false);
        MultiRegionConfiguration mr = m.multiRegionConfiguration();
        if (mr != null) {
            add(fields, "Multi-Region key type", mr.multiRegionKeyType(), false);
            if (mr.primaryKey() != null) {
                add(fields, "Primary key", regionAndArn(mr.primaryKey()), true);
            }
            for (MultiRegionKey replica : mr.replicaKeys()) {
                add(fields, "Replica key", regionAndArn(replica), true);
            }
        }
        add(fields, "Customer master key spec", m.customerMasterKeySpec(), false);
        add(fields, "AWS account", m.awsAccountId(), true);
        return fields;
    }

    private static void add(List<DetailField> fields, String label, Object value, boolean code) {
        if (value == null) {
            return;
        }
        String text = value.toString();
        if (!text.isEmpty()) {
            fields.add(new DetailField(label, text, code));
        }
    }

    private static String joined(List<?> values) {
        return values.isEmpty() ? null : values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String regionAndArn(MultiRegionKey key) {
        return key.arn() + " (" + key.region() + ")";
    }

    /** A date and time as the details pane shows it, in the person's time zone; null for null. */
    public String format(Instant instant) {
        return instant == null ? null : dateTimes.format(instant);
    }

    /**
     * When the key's imported material expires, with the time left on the KMS's clock: "2026-03-01 12:00
     * (in 4 d 3 h)", "does not expire", "expired" — or "—" for keys whose material does not expire by design.
     */
    public String expiryText(KeyRow row) {
        KeyMetadata m = row.metadata();
        if (m.origin() != Origin.EXTERNAL) {
            return "\u2014";
        }
        if (m.keyState() == KeyState.PendingImport) {
            return "no material";
        }
        if (m.validTo() == null) {
            return m.expirationModel() == null ? "\u2014" : "does not expire";
        }
        java.time.Duration left = java.time.Duration.between(session.clock().now(), m.validTo());
        if (left.isNegative() || left.isZero()) {
            return shortDateTimes.format(m.validTo()) + " (expired)";
        }
        long days = left.toDays();
        long hours = left.minusDays(days).toHours();
        long minutes = left.minusDays(days).minusHours(hours).toMinutes();
        String remaining = days > 0 ? days + " d " + hours + " h" : hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
        return shortDateTimes.format(m.validTo()) + " (in " + remaining + ")";
    }

    /** What the key list says beside a state badge: the deletion date of a key pending deletion, or empty. */
    public String stateNote(KeyRow row) {
        if (row.state() == KeyState.PendingDeletion && row.deletionDate() != null) {
            return "deletion " + shortDateTimes.format(row.deletionDate());
        }
        return "";
    }

    // ---------------------------------------------------------------- commands

    /** Opens the Create key dialog; selects the new key once it exists. */
    public void createKey() {
        CreateKeyViewModel form = new CreateKeyViewModel(session, executor, dialogs);
        dialogs.showCreateKeyDialog(form).ifPresent(keyId -> {
            statusMessage.set("Created key " + keyId);
            refresh(keyId);
        });
    }

    /** Opens the import wizard at its first step: a new EXTERNAL key, then its material. */
    public void startImportWizard() {
        ImportWizardModel model = new ImportWizardModel(session, executor, dialogs, new SecureRandom());
        dialogs.showImportWizard(model, 0);
        afterWizard(model);
    }

    /**
     * Opens the import wizard for the selected EXTERNAL key, at the wrapping parameters: a first import for a
     * key pending import, a reimport (the same material, for a new expiry, or after deletion) otherwise.
     */
    public void importIntoSelected() {
        KeyRow row = selectedKey.get();
        if (!canImport.get()) {
            return;
        }
        ImportWizardModel model = new ImportWizardModel(session, executor, dialogs, new SecureRandom());
        model.keySpecProperty().set(row.metadata().keySpec());
        model.keyUsageProperty().set(row.metadata().keyUsage());
        model.keyArnProperty().set(row.arn());
        model.keyIdProperty().set(row.keyId());
        dialogs.showImportWizard(model, 1);
        afterWizard(model);
    }

    private void afterWizard(ImportWizardModel model) {
        String keyId = model.keyIdProperty().get();
        if (keyId != null) {
            if (model.keyStateProperty().get() != null) {
                statusMessage.set("Imported key material into " + keyId + "; the key is " + model.keyStateProperty().get());
            }
            refresh(keyId);
        }
    }

    /** DeleteImportedKeyMaterial on the selected key, after the person confirms. */
    public void deleteImportedMaterialOfSelected() {
        KeyRow row = selectedKey.get();
        if (!canDeleteImportedMaterial.get()) {
            return;
        }
        boolean confirmed = dialogs.confirm("Delete imported key material",
                "Delete the key material of " + row.label() + "?\n\nThe key becomes PendingImport at once and KMS refuses"
                        + " every cryptographic operation with it. Only the same material can be imported again: without"
                        + " your own copy of it, whatever it encrypted is lost.");
        if (confirmed) {
            run("Could not delete the key material of " + row.label(),
                    () -> kms.deleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest(row.keyId(), null)),
                    row.keyId(), "Deleted the key material of " + row.label() + "; it is pending import");
        }
    }

    /** EnableKey on the selected key. */
    public void enableSelected() {
        KeyRow row = selectedKey.get();
        if (!canEnable.get()) {
            return;
        }
        run("Could not enable " + row.label(), () -> kms.enableKey(new EnableKeyRequest(row.keyId())),
                row.keyId(), "Enabled " + row.label());
    }

    /** DisableKey on the selected key, after the person confirms. */
    public void disableSelected() {
        KeyRow row = selectedKey.get();
        if (!canDisable.get()) {
            return;
        }
        boolean confirmed = dialogs.confirm("Disable key",
                "Disable " + row.label() + "?\n\nWhile it is disabled, KMS refuses every cryptographic operation "
                        + "with the key. You can enable it again at any time.");
        if (confirmed) {
            run("Could not disable " + row.label(), () -> kms.disableKey(new DisableKeyRequest(row.keyId())),
                    row.keyId(), "Disabled " + row.label());
        }
    }

    /** ScheduleKeyDeletion on the selected key, with a waiting period the person chooses. */
    public void scheduleDeletionOfSelected() {
        KeyRow row = selectedKey.get();
        if (!canScheduleDeletion.get()) {
            return;
        }
        dialogs.askDeletionWindow(row.label(), MIN_DELETION_WINDOW_DAYS, MAX_DELETION_WINDOW_DAYS,
                DEFAULT_DELETION_WINDOW_DAYS).ifPresent(days -> run("Could not schedule the deletion of " + row.label(),
                        () -> kms.scheduleKeyDeletion(new ScheduleKeyDeletionRequest(row.keyId(), days)),
                        row.keyId(), "Scheduled the deletion of " + row.label() + " in " + days + " days"));
    }

    /** CancelKeyDeletion on the selected key. */
    public void cancelDeletionOfSelected() {
        KeyRow row = selectedKey.get();
        if (!canCancelDeletion.get()) {
            return;
        }
        run("Could not cancel the deletion of " + row.label(),
                () -> kms.cancelKeyDeletion(new CancelKeyDeletionRequest(row.keyId())),
                row.keyId(), "Cancelled the deletion of " + row.label() + "; the key is not enabled until you enable it");
    }

    /** CreateAlias for the selected key, with a name the person gives. */
    public void addAliasToSelected() {
        KeyRow row = selectedKey.get();
        if (!canAddAlias.get()) {
            return;
        }
        dialogs.askAliasName(row.label()).ifPresent(aliasName -> run("Could not add alias " + aliasName,
                () -> kms.createAlias(new CreateAliasRequest(aliasName, row.keyId())),
                row.keyId(), "Added alias " + aliasName + " to " + row.keyId()));
    }

    /**
     * Opens the key policy editor on the selected key; once a new policy was saved, reloads the key to show it.
     */
    public void editPolicyOfSelected() {
        KeyRow row = selectedKey.get();
        if (!canEditPolicy.get()) {
            return;
        }
        dev.byokstudio.ui.access.KeyPolicyEditorViewModel editor = new dev.byokstudio.ui.access.KeyPolicyEditorViewModel(
                kms, session.access(), executor, dialogs, debouncers.get(), row.keyId(), row.label());
        dialogs.showKeyPolicyEditor(editor);
        if (editor.savedProperty().get()) {
            statusMessage.set("Saved the key policy of " + row.label());
            refresh(row.keyId());
        }
    }

    /** Puts the selected key's ARN on the clipboard. */
    public void copyArnOfSelected() {
        KeyRow row = selectedKey.get();
        if (row == null) {
            return;
        }
        clipboard.accept(row.arn());
        statusMessage.set("Copied " + row.arn());
    }

    private void run(String whatFailed, Runnable call, String keyId, String done) {
        actionRunning.set(true);
        executor.execute(() -> {
            call.run();
            return null;
        }, ignored -> {
            actionRunning.set(false);
            statusMessage.set(done);
            refresh(keyId);
        }, failure -> {
            actionRunning.set(false);
            // The key may have changed under us (the clock, another client): show what is true now, behind
            // the error dialog.
            refresh(keyId);
            dialogs.showError(whatFailed, failure);
        });
    }

    // ---------------------------------------------------------------- properties

    /** The keys that match the search, in ListKeys order. */
    public ObservableList<KeyRow> visibleKeys() {
        return visibleKeys;
    }

    /** Every key, whether the search shows it or not. */
    public ObservableList<KeyRow> allKeys() {
        return FXCollections.unmodifiableObservableList(keys);
    }

    /** Text to search aliases, key IDs, ARNs, descriptions and key specs for. */
    public StringProperty searchTextProperty() {
        return searchText;
    }

    /** The key the commands act on; the view keeps it in step with the table's selection. */
    public ObjectProperty<KeyRow> selectedKeyProperty() {
        return selectedKey;
    }

    /** The selected key's fields that are present. */
    public ObservableList<DetailField> details() {
        return details;
    }

    public ObservableList<String> selectedAliases() {
        return selectedAliases;
    }

    /** The selected key's timeline: created, material rotations and expiries, deletion. */
    public ObservableList<String> selectedTimeline() {
        return selectedTimeline;
    }

    public ObservableList<Tag> selectedTags() {
        return selectedTags;
    }

    /** The selected key's policy document, or empty. */
    public ReadOnlyStringProperty selectedPolicyProperty() {
        return selectedPolicy.getReadOnlyProperty();
    }

    public BooleanBinding canEnable() {
        return canEnable;
    }

    public BooleanBinding canDisable() {
        return canDisable;
    }

    public BooleanBinding canScheduleDeletion() {
        return canScheduleDeletion;
    }

    public BooleanBinding canCancelDeletion() {
        return canCancelDeletion;
    }

    public BooleanBinding canAddAlias() {
        return canAddAlias;
    }

    public BooleanBinding canImport() {
        return canImport;
    }

    public BooleanBinding canDeleteImportedMaterial() {
        return canDeleteImportedMaterial;
    }

    public BooleanBinding canCopyArn() {
        return canCopyArn;
    }

    /** Whether a key is selected whose policy can be opened (KMS decides whether it may be changed). */
    public BooleanBinding canEditPolicy() {
        return canEditPolicy;
    }

    /** Whether keys are loading or a command is running. */
    public BooleanBinding busy() {
        return busy;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The outcome of the last command, for the status bar. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    /** "5 keys", or "2 of 5 keys" while a search hides some. */
    public StringBinding keyCountText() {
        return keyCountText;
    }

    /** What the empty table says. */
    public StringBinding placeholderText() {
        return placeholderText;
    }
}
