package dev.byokstudio.ui;

import dev.byokstudio.kms.ClockControl;
import dev.byokstudio.ui.audit.CloudTrailViewModel;
import dev.byokstudio.ui.dialog.DialogService;
import dev.byokstudio.ui.keys.KeysViewModel;
import dev.byokstudio.ui.task.TaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;

/**
 * The main window: the session it shows, the key list, and the simulated clock. The clock line is
 * recomputed by {@link #tick()}, which the view calls every second; moving the clock reloads the keys,
 * because keys whose deletion date passed are gone. The model's clock is read only in the background,
 * after each move; in between, the line runs with real time.
 */
public final class MainViewModel {

    static final int TICKS_PER_CLOCK_READ = 5;

    private final StudioSession session;
    private final ClockControl clock;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Clock realTime;
    private final DateTimeFormatter clockFormat;
    private final KeysViewModel keys;

    private final ReadOnlyStringWrapper clockText = new ReadOnlyStringWrapper(this, "clockText", "");
    private final ReadOnlyStringWrapper clockLead = new ReadOnlyStringWrapper(this, "clockLead", "");
    private final ReadOnlyStringWrapper clockExplanation = new ReadOnlyStringWrapper(this, "clockExplanation", "");
    private final ReadOnlyBooleanWrapper clockSimulated = new ReadOnlyBooleanWrapper(this, "clockSimulated");
    private final ReadOnlyBooleanWrapper clockMoving = new ReadOnlyBooleanWrapper(this, "clockMoving");
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    private final dev.byokstudio.ui.activity.ActivityLog activity;
    private final CloudTrailViewModel cloudTrail;
    private final dev.byokstudio.ui.access.ActingAsViewModel actingAs;
    private final ZoneId zone;
    private Duration lead = Duration.ZERO;
    private boolean readingClock;
    private long ticks;

    /**
     * @param clipboard puts text on the system clipboard
     * @param realTime  real time, against which the simulated clock's lead is measured
     * @param zone      the zone dates and times are shown in
     */
    public MainViewModel(StudioSession session, TaskExecutor executor, DialogService dialogs,
            Consumer<String> clipboard, Clock realTime, ZoneId zone) {
        this(session, executor, dialogs, clipboard, realTime, zone, dev.byokstudio.ui.activity.ActivityLog.fxDispatcher());
    }

    /** @param uiThread runs the Activity list's updates on the UI thread (tests: at once) */
    MainViewModel(StudioSession session, TaskExecutor executor, DialogService dialogs,
            Consumer<String> clipboard, Clock realTime, ZoneId zone, Consumer<Runnable> uiThread) {
        Objects.requireNonNull(session, "session");
        this.zone = zone;
        this.activity = new dev.byokstudio.ui.activity.ActivityLog(session.clock(), uiThread);
        // Every view reaches the KMS through the recording wrapper, so the Activity list sees every call.
        session = session.withKms(activity.recording(session.kms()));
        this.session = session;
        this.clock = session.clock();
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.realTime = Objects.requireNonNull(realTime, "realTime");
        this.clockFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(zone);
        this.keys = new KeysViewModel(session, executor, dialogs, clipboard, zone);
        keys.statusMessageProperty().addListener((obs, old, message) -> statusMessage.set(message));
        this.actingAs = new dev.byokstudio.ui.access.ActingAsViewModel(session.access(), executor, dialogs,
                keys::refresh);
        actingAs.statusMessageProperty().addListener((obs, old, message) -> statusMessage.set(message));
        this.cloudTrail = new CloudTrailViewModel(session.audit(), executor, dialogs, session.accountId(),
                session.region());
        // Each KMS call the application makes may have recorded an event: the Activity list sees every one.
        activity.entries().addListener((ListChangeListener<dev.byokstudio.ui.activity.ActivityEntry>) change ->
                cloudTrail.refreshQuietly());
    }

    /** Reads the model's clock and loads the keys; call once the window is up. */
    public void start() {
        tick();
        readClock();
        actingAs.load();
        keys.refresh();
        cloudTrail.refreshQuietly();
    }

    /** Reads the model's clock in the background: after a move, and now and then in case another client moved it. */
    private void readClock() {
        if (readingClock) {
            return;
        }
        readingClock = true;
        executor.execute(() -> ClockSample.of(clock, realTime), sample -> {
            readingClock = false;
            apply(sample);
        }, failure -> {
            readingClock = false;
            dialogs.showError("Could not read the clock", failure);
        });
    }

    private final javafx.beans.property.ReadOnlyStringWrapper endpointUrl =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "endpointUrl", "");
    private final javafx.beans.property.ReadOnlyBooleanWrapper endpointBusy =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "endpointBusy");

    /** Whether this session can serve the KMS protocol from inside the application. */
    public boolean endpointAvailable() {
        return session.endpoint().available();
    }

    /** The endpoint's URL while it serves; empty otherwise. */
    public javafx.beans.property.ReadOnlyStringProperty endpointUrlProperty() {
        return endpointUrl.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty endpointBusyProperty() {
        return endpointBusy.getReadOnlyProperty();
    }

    /** Starts serving KMS's wire protocol on 127.0.0.1, or stops it when it serves. */
    public void toggleEndpoint() {
        EndpointControl endpoint = session.endpoint();
        if (!endpoint.available() || endpointBusy.get()) {
            return;
        }
        endpointBusy.set(true);
        boolean serving = !endpointUrl.get().isEmpty();
        executor.execute(() -> {
            if (serving) {
                endpoint.stop();
                return "";
            }
            return endpoint.start();
        }, url -> {
            endpointBusy.set(false);
            endpointUrl.set(url);
            statusMessage.set(url.isEmpty() ? "Stopped serving the KMS protocol"
                    : "Serving the KMS protocol on " + url + ": aws --endpoint-url " + url + " kms list-keys");
        }, error -> {
            endpointBusy.set(false);
            dialogs.showError("Could not serve the KMS protocol", error);
        });
    }

    /** Stops the endpoint if it serves (the window is closing). */
    public void stopEndpoint() {
        session.endpoint().stop();
    }

    /** Every operation performed on the KMS, newest first. */
    public dev.byokstudio.ui.activity.ActivityLog activity() {
        return activity;
    }

    /** The zone the application shows dates and times in. */
    public ZoneId zone() {
        return zone;
    }

    /** A new key material workbench for the session's region. */
    public dev.byokstudio.ui.material.MaterialWorkbenchViewModel newMaterialWorkbench() {
        return new dev.byokstudio.ui.material.MaterialWorkbenchViewModel(executor, dialogs, session.isChinaRegion(),
                new java.security.SecureRandom());
    }

    /**
     * A policy simulator over the session's access control, offering the key list's keys and starting at the
     * selected one; empty, once the person has been told why, when the backend has no simulator.
     */
    public java.util.Optional<dev.byokstudio.ui.access.PolicySimulatorViewModel> newPolicySimulator() {
        if (session.access() == null) {
            dialogs.showInformation("No policy simulator", "This KMS has no policy simulator: it is part of BYOK "
                    + "Studio's embedded KMS. On AWS, use the IAM policy simulator, or try the call as the principal.");
            return java.util.Optional.empty();
        }
        java.util.List<dev.byokstudio.ui.access.PolicySimulatorViewModel.KeyChoice> choices = keys.allKeys().stream()
                .map(row -> new dev.byokstudio.ui.access.PolicySimulatorViewModel.KeyChoice(row.keyId(), row.label()))
                .collect(java.util.stream.Collectors.toList());
        dev.byokstudio.ui.keys.KeyRow selected = keys.selectedKeyProperty().get();
        return java.util.Optional.of(new dev.byokstudio.ui.access.PolicySimulatorViewModel(session.access(), executor,
                dialogs, choices, selected == null ? null : selected.keyId()));
    }

    /** The AWS region the session plays. */
    public String region() {
        return session.region();
    }

    public KeysViewModel keys() {
        return keys;
    }

    /** Who the application's calls act as, and the principals to choose from. */
    public dev.byokstudio.ui.access.ActingAsViewModel actingAs() {
        return actingAs;
    }

    /** The CloudTrail tab: the events the backend recorded. */
    public CloudTrailViewModel cloudTrail() {
        return cloudTrail;
    }

    public String windowTitle() {
        return "BYOK Studio \u2014 " + session.accountId() + " / " + session.region();
    }

    public String workspaceText() {
        return "Workspace: " + session.workspaceLabel();
    }

    /** The account and Region, as the status bar shows them: "111122223333 · us-east-1". */
    public String accountText() {
        return session.accountId() + " \u00b7 " + session.region();
    }

    /** The account and Region in words, for the status bar's tooltip. */
    public String accountDescription() {
        return accountText() + ": the AWS account and Region this workspace plays";
    }

    // ---------------------------------------------------------------- clock

    /** The model's clock read in the background, beside real time, so that ticks need not call it. */
    private record ClockSample(Duration lead, boolean simulated) {

        static ClockSample of(ClockControl clock, Clock realTime) {
            Instant model = clock.now();
            boolean simulated = clock.isSimulated();
            return new ClockSample(simulated ? Duration.between(realTime.instant(), model) : Duration.ZERO, simulated);
        }
    }

    private void apply(ClockSample sample) {
        lead = sample.lead();
        clockSimulated.set(sample.simulated());
        tick();
    }

    /**
     * Recomputes the clock line: real time plus the model clock's lead, as last read. The view calls it
     * every second on the FX thread; every {@value #TICKS_PER_CLOCK_READ} ticks it also reads the model's
     * clock again, in the background.
     */
    public void tick() {
        if (++ticks % TICKS_PER_CLOCK_READ == 0) {
            readClock();
        }
        Instant now = realTime.instant().plus(lead);
        clockText.set(clockFormat.format(now));
        boolean simulated = clockSimulated.get();
        clockLead.set(simulated ? lead(lead) + " ahead" : "");
        clockExplanation.set(simulated
                ? "Simulated: the KMS's clock is " + describe(roundedToHours(lead)) + " ahead of real time, "
                        + clockFormat.format(realTime.instant()) + ". Real time brings it back."
                : "The KMS's clock, at real time. +1 h and +1 d move it forward.");
    }

    /** {@code ahead} to the nearest hour, or to the minute under an hour, as {@link #lead} shows it. */
    private static Duration roundedToHours(Duration ahead) {
        long minutes = Math.max(0, Math.round(ahead.toSeconds() / 60.0));
        return minutes < 60 ? Duration.ofMinutes(minutes) : Duration.ofHours(Math.round(minutes / 60.0));
    }

    /** "+Nd Nh", rounded to the nearest hour; "+Nm" under an hour. */
    static String lead(Duration ahead) {
        Duration rounded = roundedToHours(ahead);
        return rounded.toMinutes() < 60 ? "+" + rounded.toMinutes() + "m"
                : "+" + rounded.toDays() + "d " + rounded.toHoursPart() + "h";
    }

    /** Moves the model's clock forward, then reloads the keys. */
    public void advanceClock(Duration amount) {
        moveClock(() -> clock.advance(amount), "Moved the clock forward by " + describe(amount));
    }

    /** Returns the model's clock to real time, then reloads the keys. */
    public void returnToRealTime() {
        moveClock(clock::returnToRealTime, "The clock is back at real time");
    }

    private void moveClock(Runnable move, String done) {
        if (clockMoving.get()) {
            return;
        }
        clockMoving.set(true);
        executor.execute(() -> {
            move.run();
            return ClockSample.of(clock, realTime);
        }, sample -> {
            clockMoving.set(false);
            apply(sample);
            statusMessage.set(done);
            // Keys whose deletion date passed are gone now, and expired material was deleted: CloudTrail says so.
            keys.refresh();
            cloudTrail.refreshQuietly();
        }, failure -> {
            clockMoving.set(false);
            dialogs.showError("Could not move the clock", failure);
        });
    }

    /** "1 day", "7 days 1 hour", "3 hours". */
    static String describe(Duration amount) {
        long days = amount.toDays();
        int hours = amount.toHoursPart();
        String dayText = days == 0 ? "" : days == 1 ? "1 day" : days + " days";
        String hourText = hours == 0 ? "" : hours == 1 ? "1 hour" : hours + " hours";
        if (dayText.isEmpty()) {
            long minutes = amount.toMinutes();
            return hourText.isEmpty() ? (minutes == 1 ? "1 minute" : minutes + " minutes") : hourText;
        }
        return hourText.isEmpty() ? dayText : dayText + " " + hourText;
    }

    /** The model's time, for the status bar. */
    public ReadOnlyStringProperty clockTextProperty() {
        return clockText.getReadOnlyProperty();
    }

    /** How far the model's clock is ahead of real time ("+7d 1h ahead"); empty at real time. */
    public ReadOnlyStringProperty clockLeadProperty() {
        return clockLead.getReadOnlyProperty();
    }

    /** The clock in words, for its tooltip: whether it is simulated, by how much, and real time. */
    public ReadOnlyStringProperty clockExplanationProperty() {
        return clockExplanation.getReadOnlyProperty();
    }

    /** Whether the model's clock is ahead of real time. */
    public ReadOnlyBooleanProperty clockSimulatedProperty() {
        return clockSimulated.getReadOnlyProperty();
    }

    /** The outcome of the last command, for the status bar. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    /** Whether a clock move is running. */
    public ReadOnlyBooleanProperty clockMovingProperty() {
        return clockMoving.getReadOnlyProperty();
    }

    // ---------------------------------------------------------------- help

    /** Shows the About dialog. */
    public void showAbout() {
        dialogs.showInformation("About BYOK Studio", aboutText());
    }

    String aboutText() {
        return "BYOK Studio " + manifestVersion() + "\n\n"
                + "Rehearse, check and demonstrate importing your own key material into AWS KMS, "
                + "against a faithful embedded KMS.\n\n"
                + "Java " + System.getProperty("java.version", "?")
                + " \u00b7 JavaFX " + System.getProperty("javafx.runtime.version", "?");
    }

    /** The version in the jar's manifest, or "development" when running from classes. */
    static String manifestVersion() {
        String v = MainViewModel.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "development" : v;
    }
}
