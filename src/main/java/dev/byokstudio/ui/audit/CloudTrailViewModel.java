package dev.byokstudio.ui.audit;

import dev.byokstudio.kms.AuditTrail;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.ui.dialog.DialogService;
import dev.byokstudio.ui.task.TaskExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
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
 * The CloudTrail tab: every event the backend recorded, newest first, filtered by event name, key, principal and
 * time (UTC); the selected event's record; and the export of the filtered events as a CloudTrail log file.
 *
 * <p>Reading and parsing the events, and writing the export, run through the {@link TaskExecutor}. Refreshes asked
 * for while one runs are folded into one more. Use on the FX thread only; needs no running toolkit.
 */
public final class CloudTrailViewModel {

    /** The filter choice that shows every event name, or every principal. */
    public static final String ALL = "All";
    /** How the time filters are typed: UTC, to the minute; a date alone means the whole day. */
    public static final String TIME_PATTERN = "yyyy-MM-dd HH:mm";

    private static final DateTimeFormatter FILTER_TIME = DateTimeFormatter.ofPattern(TIME_PATTERN, Locale.ROOT);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final AuditTrail audit;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final String accountId;
    private final String region;

    private final ObservableList<TrailRow> rows = FXCollections.observableArrayList();
    private final FilteredList<TrailRow> visibleRows = new FilteredList<>(rows);
    private final ObservableList<String> eventNames = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> principalNames = FXCollections.observableArrayList(ALL);
    private final StringProperty eventNameFilter = new SimpleStringProperty(this, "eventNameFilter", ALL);
    private final StringProperty keyFilter = new SimpleStringProperty(this, "keyFilter", "");
    private final StringProperty principalFilter = new SimpleStringProperty(this, "principalFilter", ALL);
    private final StringProperty fromText = new SimpleStringProperty(this, "fromText", "");
    private final StringProperty toText = new SimpleStringProperty(this, "toText", "");
    private final ReadOnlyStringWrapper timeProblem = new ReadOnlyStringWrapper(this, "timeProblem", "");
    private final ObjectProperty<TrailRow> selectedEvent = new SimpleObjectProperty<>(this, "selectedEvent");
    private final ReadOnlyStringWrapper selectedJson = new ReadOnlyStringWrapper(this, "selectedJson", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper loadedOnce = new ReadOnlyBooleanWrapper(this, "loadedOnce");
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(this, "exporting");
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    private final ReadOnlyStringWrapper loadProblem = new ReadOnlyStringWrapper(this, "loadProblem", "");
    private final StringBinding countText;
    private final StringBinding placeholderText;

    private boolean refreshAgain;
    private boolean showNextFailure;

    /**
     * @param audit     the recorded events; null when the backend records none (the tab then says so)
     * @param accountId the account, for the export's CloudTrail-style file name
     * @param region    the region, for the same
     */
    public CloudTrailViewModel(AuditTrail audit, TaskExecutor executor, DialogService dialogs, String accountId,
            String region) {
        this.audit = audit;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.region = Objects.requireNonNull(region, "region");
        countText = Bindings.createStringBinding(() -> {
            int all = rows.size();
            int shown = visibleRows.size();
            String noun = all == 1 ? " event" : " events";
            return shown == all ? all + noun : shown + " of " + all + noun;
        }, rows, visibleRows);
        placeholderText = Bindings.createStringBinding(() -> {
            if (!loadProblem.get().isEmpty()) {
                return loadProblem.get();
            }
            if (!loadedOnce.get()) {
                return "Loading the CloudTrail events\u2026";
            }
            if (rows.isEmpty()) {
                return "No events yet: every call to KMS, from BYOK Studio or through the endpoint, is recorded here.";
            }
            return "No event matches the filters.";
        }, loadProblem, loadedOnce, rows);
        for (StringProperty filter : List.of(eventNameFilter, keyFilter, principalFilter, fromText, toText)) {
            filter.addListener((obs, old, value) -> applyFilters());
        }
        selectedEvent.addListener((obs, old, row) -> selectedJson.set(row == null ? "" : row.json()));
    }

    /** Whether the backend records CloudTrail events. */
    public boolean available() {
        return audit != null;
    }

    /** Why the tab has nothing to show when the backend records no events. */
    public String unavailableText() {
        return "This KMS records no CloudTrail events that BYOK Studio can read. The embedded KMS records every call; "
                + "on AWS, look the events up in the CloudTrail console or with \u201caws cloudtrail lookup-events\u201d.";
    }

    // ---------------------------------------------------------------- loading

    /** Reloads the events and shows a failure in a dialog: the person asked. */
    public void refresh() {
        showNextFailure = true;
        load();
    }

    /**
     * Reloads the events after something that may have recorded one (a KMS call, the clock moving); a failure is
     * only noted, in the status line and the table's placeholder.
     */
    public void refreshQuietly() {
        load();
    }

    private void load() {
        if (audit == null) {
            return;
        }
        if (loading.get()) {
            refreshAgain = true;
            return;
        }
        loading.set(true);
        executor.execute(() -> readRows(audit), loaded -> {
            loading.set(false);
            loadedOnce.set(true);
            loadProblem.set("");
            showNextFailure = false;
            show(loaded);
            loadAgainIfAsked();
        }, failure -> {
            loading.set(false);
            loadedOnce.set(true);
            loadProblem.set("Could not read the CloudTrail events: " + describe(failure));
            statusMessage.set(loadProblem.get());
            if (showNextFailure) {
                showNextFailure = false;
                dialogs.showError("Could not read the CloudTrail events", failure);
            }
            loadAgainIfAsked();
        });
    }

    private void loadAgainIfAsked() {
        if (refreshAgain) {
            refreshAgain = false;
            load();
        }
    }

    /** The events, newest first, with their columns read from their records. Runs in the background. */
    static List<TrailRow> readRows(AuditTrail audit) {
        return audit.events().stream().map(TrailRow::of).collect(Collectors.toList());
    }

    private void show(List<TrailRow> loaded) {
        TrailRow selected = selectedEvent.get();
        String selectedId = selected == null ? null : selected.eventId();
        rows.setAll(loaded);
        sync(eventNames, choices(loaded.stream().map(TrailRow::eventName).collect(Collectors.toList()),
                eventNameFilter.get()));
        sync(principalNames, choices(loaded.stream().map(TrailRow::principalName).collect(Collectors.toList()),
                principalFilter.get()));
        TrailRow again = selectedId == null ? null : visibleRows.stream()
                .filter(row -> selectedId.equals(row.eventId())).findFirst().orElse(null);
        selectedEvent.set(again);
    }

    /**
     * Makes {@code list} equal to {@code wanted} without removing what stays: a combo box whose chosen item is
     * removed, even for a moment, drops its value.
     */
    static void sync(ObservableList<String> list, List<String> wanted) {
        if (list.equals(wanted)) {
            return;
        }
        list.retainAll(wanted);
        for (int i = 0; i < wanted.size(); i++) {
            if (i >= list.size() || !list.get(i).equals(wanted.get(i))) {
                list.add(i, wanted.get(i));
            }
        }
    }

    /** "All", then the distinct names sorted; the current choice stays offered even when no event has it now. */
    private static List<String> choices(List<String> names, String current) {
        TreeSet<String> distinct = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.stream().filter(name -> name != null && !name.isEmpty()).forEach(distinct::add);
        if (current != null && !current.isEmpty() && !ALL.equals(current)) {
            distinct.add(current);
        }
        List<String> choices = new ArrayList<>();
        choices.add(ALL);
        choices.addAll(distinct);
        return choices;
    }

    // ---------------------------------------------------------------- filters

    private void applyFilters() {
        String problem = "";
        Instant from = null;
        Instant to = null;
        try {
            from = parseTime(fromText.get(), false);
        } catch (DateTimeParseException e) {
            problem = "From: type a UTC time as " + TIME_PATTERN + ", or a date as yyyy-MM-dd.";
        }
        try {
            to = parseTime(toText.get(), true);
        } catch (DateTimeParseException e) {
            problem = problem.isEmpty() ? "To: type a UTC time as " + TIME_PATTERN + ", or a date as yyyy-MM-dd."
                    : "From and To: type UTC times as " + TIME_PATTERN + ", or dates as yyyy-MM-dd.";
        }
        if (problem.isEmpty() && from != null && to != null && !from.isBefore(to)) {
            problem = "From is after To: no event can match.";
        }
        timeProblem.set(problem);
        visibleRows.setPredicate(filter(eventNameFilter.get(), keyFilter.get(), principalFilter.get(), from, to));
        TrailRow selected = selectedEvent.get();
        if (selected != null && !visibleRows.contains(selected)) {
            selectedEvent.set(null);
        }
    }

    static Predicate<TrailRow> filter(String eventName, String key, String principal, Instant from, Instant to) {
        String keyNeedle = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        return row -> (eventName == null || ALL.equals(eventName) || eventName.equals(row.eventName()))
                && (principal == null || ALL.equals(principal) || principal.equals(row.principalName())
                        || principal.equals(row.userName()))
                && (keyNeedle.isEmpty() || row.keyRefs().stream().anyMatch(ref -> ref.contains(keyNeedle)))
                && (from == null || !row.eventTime().isBefore(from))
                && (to == null || row.eventTime().isBefore(to));
    }

    /**
     * A time filter, UTC: {@code yyyy-MM-dd HH:mm}, or a date alone. An end bound takes in the whole minute (or
     * day) it names, so the instant returned is exclusive. Blank means no bound.
     *
     * @throws DateTimeParseException when the text is neither
     */
    static Instant parseTime(String text, boolean endBound) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        if (value.length() == "yyyy-MM-dd".length()) {
            LocalDate day = LocalDate.parse(value);
            return (endBound ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        LocalDateTime minute = LocalDateTime.parse(value.replace('T', ' '), FILTER_TIME);
        return (endBound ? minute.plusMinutes(1) : minute).toInstant(ZoneOffset.UTC);
    }

    /** Shows every event again. */
    public void clearFilters() {
        eventNameFilter.set(ALL);
        keyFilter.set("");
        principalFilter.set(ALL);
        fromText.set("");
        toText.set("");
    }

    // ---------------------------------------------------------------- export

    /** The events the filters show, in the table's order (newest first). */
    public List<TrailEvent> visibleEvents() {
        return visibleRows.stream().map(TrailRow::event).collect(Collectors.toList());
    }

    /** A CloudTrail-style name: {@code 111122223333_CloudTrail_us-east-1_20260101T1200Z_byok-studio.json.gz}. */
    public String suggestedFileName(Instant now) {
        return accountId + "_CloudTrail_" + region + "_" + FILE_TIME.format(now) + "_byok-studio.json.gz";
    }

    /**
     * The file to write: {@code chosen}, with {@code .json.gz} or {@code .json} added when it has neither, as the
     * chooser's filter asked ({@code gzipFilter}).
     */
    public static Path exportPath(Path chosen, boolean gzipFilter) {
        String name = chosen.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".json.gz") || name.endsWith(".gz")) {
            return chosen;
        }
        return chosen.resolveSibling(chosen.getFileName() + (gzipFilter ? ".json.gz" : ".json"));
    }

    /** Whether an export to {@code file} is gzipped: its name ends with {@code .gz}. */
    public static boolean gzipped(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** Writes the filtered events to {@code file} as one CloudTrail log file, in the background. */
    public void exportTo(Path file) {
        if (audit == null || exporting.get()) {
            return;
        }
        List<TrailEvent> events = List.copyOf(visibleEvents());
        boolean gzip = gzipped(file);
        exporting.set(true);
        executor.execute(() -> {
            write(audit, events, file, gzip);
            return null;
        }, ignored -> {
            exporting.set(false);
            statusMessage.set("Exported " + events.size() + (events.size() == 1 ? " event to " : " events to ")
                    + file.getFileName() + (gzip ? " (gzipped)" : ""));
        }, failure -> {
            exporting.set(false);
            dialogs.showError("Could not export the CloudTrail events to " + file, failure);
        });
    }

    private static void write(AuditTrail audit, List<TrailEvent> events, Path file, boolean gzip) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            audit.writeLogFile(events, out, gzip);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof dev.byokstudio.kms.KmsException kms) {
                return kms.getMessage();
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    // ---------------------------------------------------------------- properties

    /** The events the filters let through, newest first. */
    public ObservableList<TrailRow> visibleRows() {
        return visibleRows;
    }

    /** Every event read, newest first. */
    public ObservableList<TrailRow> allRows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** "All", then the event names present. */
    public ObservableList<String> eventNames() {
        return eventNames;
    }

    /** "All", then the principals present: IAM users, roles, and services such as AWS Internal. */
    public ObservableList<String> principalNames() {
        return principalNames;
    }

    public StringProperty eventNameFilterProperty() {
        return eventNameFilter;
    }

    /** Part of a key ID or key ARN. */
    public StringProperty keyFilterProperty() {
        return keyFilter;
    }

    public StringProperty principalFilterProperty() {
        return principalFilter;
    }

    /** The earliest event time shown, UTC, as {@value #TIME_PATTERN} or a date; blank for none. */
    public StringProperty fromTextProperty() {
        return fromText;
    }

    /** The latest event time shown, UTC, the minute (or day) included; blank for none. */
    public StringProperty toTextProperty() {
        return toText;
    }

    /** What is wrong with the time filters, or empty. */
    public ReadOnlyStringProperty timeProblemProperty() {
        return timeProblem.getReadOnlyProperty();
    }

    public ObjectProperty<TrailRow> selectedEventProperty() {
        return selectedEvent;
    }

    /** The selected event's record, pretty-printed; empty when none is selected. */
    public ReadOnlyStringProperty selectedJsonProperty() {
        return selectedJson.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    /** The outcome of the last export, or why the events could not be read. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    /** "12 events", or "3 of 12 events" while filters hide some. */
    public StringBinding countText() {
        return countText;
    }

    /** What the empty table says. */
    public StringBinding placeholderText() {
        return placeholderText;
    }
}
