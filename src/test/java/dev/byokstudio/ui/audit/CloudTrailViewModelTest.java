package dev.byokstudio.ui.audit;

import static dev.byokstudio.ui.audit.SampleTrail.KEY_ARN;
import static dev.byokstudio.ui.audit.SampleTrail.KEY_ID;
import static dev.byokstudio.ui.audit.SampleTrail.OTHER_KEY_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.kms.AccessDeniedException;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.ManualTaskExecutor;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import dev.byokstudio.ui.task.TaskExecutor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CloudTrail tab's view model over a fake audit trail holding AWS-shaped records of an import. */
class CloudTrailViewModelTest {

    private final FakeAuditTrail audit = new FakeAuditTrail(SampleTrail.events());
    private final FakeDialogService dialogs = new FakeDialogService();
    private CloudTrailViewModel viewModel = viewModel(new SameThreadTaskExecutor());

    @TempDir
    Path dir;

    private CloudTrailViewModel viewModel(TaskExecutor executor) {
        return new CloudTrailViewModel(audit, executor, dialogs, SampleTrail.ACCOUNT, SampleTrail.REGION);
    }

    private TrailRow row(String eventName, boolean failed) {
        return viewModel.allRows().stream().filter(r -> r.eventName().equals(eventName) && r.failed() == failed)
                .findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- reading

    @Test
    void refresh_showsTheEventsNewestFirst_withTheColumnsReadFromTheRecords() {
        viewModel.refresh();

        assertThat(viewModel.visibleRows()).extracting(TrailRow::eventName).containsExactly(
                "DeleteExpiredKeyMaterial", "ImportKeyMaterial", "GetParametersForImport", "GetParametersForImport",
                "CreateKey");
        TrailRow created = row("CreateKey", false);
        assertThat(created.userText()).isEqualTo("Administrator");
        assertThat(created.resource()).isEqualTo(KEY_ID);
        assertThat(created.resourceArn()).isEqualTo(KEY_ARN);
        assertThat(created.readOnly()).isEqualTo("false");
        assertThat(created.errorCode()).isEmpty();
        TrailRow denied = row("GetParametersForImport", true);
        assertThat(denied.errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.errorMessage()).isEqualTo(SampleTrail.DENIED_MESSAGE);
        assertThat(denied.readOnly()).isEqualTo("true");
        assertThat(denied.userText()).as("the role's session name, then the role").isEqualTo("byok-studio (KeyUserRole)");
        assertThat(denied.principalName()).isEqualTo("KeyUserRole");
        TrailRow expired = row("DeleteExpiredKeyMaterial", false);
        assertThat(expired.principalName()).isEqualTo("AWS Internal");
        assertThat(expired.resource()).isEqualTo(OTHER_KEY_ID);
        assertThat(viewModel.countText().get()).isEqualTo("5 events");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void filterChoices_areAllThenTheDistinctNamesPresent() {
        viewModel.refresh();

        assertThat(viewModel.eventNames()).containsExactly(CloudTrailViewModel.ALL, "CreateKey",
                "DeleteExpiredKeyMaterial", "GetParametersForImport", "ImportKeyMaterial");
        assertThat(viewModel.principalNames()).containsExactly(CloudTrailViewModel.ALL, "Administrator",
                "AWS Internal", "KeyUserRole");
    }

    @Test
    void aRefresh_neverTakesTheChosenFilterOutOfTheChoices_evenForAMoment() {
        viewModel.refresh();
        viewModel.eventNameFilterProperty().set("CreateKey");
        java.util.List<String> removed = new java.util.ArrayList<>();
        viewModel.eventNames().addListener((javafx.collections.ListChangeListener<String>) change -> {
            while (change.next()) {
                removed.addAll(change.getRemoved());
            }
        });
        audit.record(SampleTrail.deleteExpiredKeyMaterial(SampleTrail.START.plusSeconds(999_999),
                "e0000010-0000-4000-8000-000000000010", KEY_ARN));
        audit.record(new TrailEvent("x-2", "Encrypt", "true", null, SampleTrail.START.plusSeconds(1_000_000),
                "kms.amazonaws.com", "Administrator", java.util.List.of(), "{}"));

        viewModel.refresh();

        assertThat(removed).as("a combo box drops a value removed from its items").isEmpty();
        assertThat(viewModel.eventNames()).containsExactly(CloudTrailViewModel.ALL, "CreateKey",
                "DeleteExpiredKeyMaterial", "Encrypt", "GetParametersForImport", "ImportKeyMaterial");
        assertThat(viewModel.eventNameFilterProperty().get()).isEqualTo("CreateKey");
    }

    @Test
    void aRecordThatIsNotJson_isShownAsItIs() {
        TrailEvent broken = new TrailEvent("x-1", "Encrypt", "true", null, SampleTrail.START, "kms.amazonaws.com",
                "Administrator", java.util.List.of(), "not json {");

        TrailRow row = TrailRow.of(broken);

        assertThat(row.json()).isEqualTo("not json {");
        assertThat(row.userText()).isEqualTo("Administrator");
        assertThat(row.errorCode()).isEmpty();
    }

    // ---------------------------------------------------------------- filters

    @Test
    void eventNameFilter_showsOnlyThatEvent() {
        viewModel.refresh();

        viewModel.eventNameFilterProperty().set("GetParametersForImport");

        assertThat(viewModel.visibleRows()).extracting(TrailRow::eventName).containsOnly("GetParametersForImport")
                .hasSize(2);
        assertThat(viewModel.countText().get()).isEqualTo("2 of 5 events");
    }

    @Test
    void keyFilter_matchesPartOfTheKeyIdOrTheArn_ignoringCase() {
        viewModel.refresh();

        viewModel.keyFilterProperty().set(OTHER_KEY_ID.substring(0, 8).toUpperCase());
        assertThat(viewModel.visibleRows()).extracting(TrailRow::eventName).containsExactly("DeleteExpiredKeyMaterial");

        viewModel.keyFilterProperty().set("  " + KEY_ARN + " ");
        assertThat(viewModel.visibleRows()).hasSize(4).noneMatch(r -> r.eventName().equals("DeleteExpiredKeyMaterial"));

        viewModel.keyFilterProperty().set("no-such-key");
        assertThat(viewModel.visibleRows()).isEmpty();
        assertThat(viewModel.placeholderText().get()).isEqualTo("No event matches the filters.");
    }

    @Test
    void principalFilter_matchesTheRoleOrItsSessionName() {
        viewModel.refresh();

        viewModel.principalFilterProperty().set("KeyUserRole");
        assertThat(viewModel.visibleRows()).singleElement().satisfies(r -> assertThat(r.failed()).isTrue());

        viewModel.principalFilterProperty().set("byok-studio");
        assertThat(viewModel.visibleRows()).singleElement().satisfies(r -> assertThat(r.failed()).isTrue());

        viewModel.principalFilterProperty().set("Administrator");
        assertThat(viewModel.visibleRows()).extracting(TrailRow::eventName)
                .containsExactly("ImportKeyMaterial", "GetParametersForImport", "CreateKey");
    }

    @Test
    void timeFilters_areUtc_theEndMinuteIncluded_andADateMeansTheWholeDay() {
        viewModel.refresh();

        // Events at 09:15:00, 09:16:35, 09:17:20, 09:20:00 on 2 March, and 09:15:00 on 4 March.
        viewModel.fromTextProperty().set("2026-03-02 09:16");
        viewModel.toTextProperty().set("2026-03-02 09:17");
        assertThat(viewModel.visibleRows()).extracting(TrailRow::eventTime).containsExactly(
                SampleTrail.START.plusSeconds(140), SampleTrail.START.plusSeconds(95));

        viewModel.fromTextProperty().set("2026-03-04");
        viewModel.toTextProperty().set("2026-03-04");
        assertThat(viewModel.visibleRows()).extracting(TrailRow::eventName).containsExactly("DeleteExpiredKeyMaterial");
        assertThat(viewModel.timeProblemProperty().get()).isEmpty();
    }

    @Test
    void aTimeThatCannotBeRead_isNamed_andLeftOutOfTheFilter() {
        viewModel.refresh();

        viewModel.fromTextProperty().set("yesterday");

        assertThat(viewModel.timeProblemProperty().get()).startsWith("From:").contains("yyyy-MM-dd HH:mm");
        assertThat(viewModel.visibleRows()).hasSize(5);

        viewModel.fromTextProperty().set("2026-03-03 00:00");
        viewModel.toTextProperty().set("2026-03-02 23:59");
        assertThat(viewModel.timeProblemProperty().get()).isEqualTo("From is after To: no event can match.");
        assertThat(viewModel.visibleRows()).isEmpty();

        viewModel.clearFilters();
        assertThat(viewModel.timeProblemProperty().get()).isEmpty();
        assertThat(viewModel.visibleRows()).hasSize(5);
    }

    @Test
    void parseTime_acceptsMinutesOrDates_andMakesEndBoundsExclusive() {
        assertThat(CloudTrailViewModel.parseTime("2026-03-02 09:16", false)).isEqualTo(Instant.parse("2026-03-02T09:16:00Z"));
        assertThat(CloudTrailViewModel.parseTime("2026-03-02 09:16", true)).isEqualTo(Instant.parse("2026-03-02T09:17:00Z"));
        assertThat(CloudTrailViewModel.parseTime("2026-03-02", true)).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(CloudTrailViewModel.parseTime(" ", true)).isNull();
    }

    // ---------------------------------------------------------------- selection

    @Test
    void selectingAnEvent_showsItsRecordPrettyPrinted() throws Exception {
        viewModel.refresh();

        viewModel.selectedEventProperty().set(row("GetParametersForImport", true));

        String json = viewModel.selectedJsonProperty().get();
        assertThat(json).contains("\n  \"eventName\": \"GetParametersForImport\"")
                .contains("\"errorCode\": \"AccessDenied\"");
        JsonNode parsed = new ObjectMapper().readTree(json);
        assertThat(parsed.path("userIdentity").path("sessionContext").path("sessionIssuer").path("userName").asText())
                .isEqualTo("KeyUserRole");
    }

    @Test
    void filteringOutTheSelectedEvent_clearsTheRecord_andARefreshKeepsTheSelection() {
        viewModel.refresh();
        viewModel.selectedEventProperty().set(row("CreateKey", false));

        viewModel.refresh();
        assertThat(viewModel.selectedEventProperty().get().eventName()).isEqualTo("CreateKey");

        viewModel.eventNameFilterProperty().set("ImportKeyMaterial");
        assertThat(viewModel.selectedEventProperty().get()).isNull();
        assertThat(viewModel.selectedJsonProperty().get()).isEmpty();
    }

    // ---------------------------------------------------------------- refreshing

    @Test
    void refreshesAskedForWhileOneRuns_areFoldedIntoOneMore() {
        ManualTaskExecutor executor = new ManualTaskExecutor();
        viewModel = viewModel(executor);

        viewModel.refreshQuietly();
        viewModel.refreshQuietly();
        viewModel.refreshQuietly();
        assertThat(executor.pending()).isEqualTo(1);
        audit.record(SampleTrail.createKey(SampleTrail.START.plusSeconds(999_999), "e0000009-0000-4000-8000-000000000009"));
        executor.runAll();

        assertThat(audit.reads.get()).isEqualTo(2);
        assertThat(viewModel.visibleRows()).hasSize(6);
        assertThat(viewModel.loadingProperty().get()).isFalse();
    }

    @Test
    void aFailedAutomaticRefresh_isNotedQuietly_butARefreshAskedForShowsTheError() {
        audit.failure = new AccessDeniedException("User: arn:aws:iam::111122223333:user/Auditor is not authorized",
                Explanation.of("Refused.", "Act as a principal allowed to read CloudTrail."));

        viewModel.refreshQuietly();
        assertThat(dialogs.errors).isEmpty();
        assertThat(viewModel.placeholderText().get()).startsWith("Could not read the CloudTrail events: AccessDeniedException");

        viewModel.refresh();
        assertThat(dialogs.errors).singleElement().satisfies(e -> {
            assertThat(e.whatFailed()).isEqualTo("Could not read the CloudTrail events");
            assertThat(e.error()).isSameAs(audit.failure);
        });
    }

    @Test
    void withoutAnAuditTrail_theTabSaysWhy_andReadsNothing() {
        viewModel = new CloudTrailViewModel(null, new SameThreadTaskExecutor(), dialogs, "111122223333", "us-east-1");

        viewModel.refresh();

        assertThat(viewModel.available()).isFalse();
        assertThat(viewModel.unavailableText()).contains("records no CloudTrail events").contains("lookup-events");
        assertThat(viewModel.visibleRows()).isEmpty();
        assertThat(dialogs.errors).isEmpty();
    }

    // ---------------------------------------------------------------- export

    @Test
    void export_writesTheFilteredEvents_asGivenToWriteLogFile() throws Exception {
        viewModel.refresh();
        viewModel.principalFilterProperty().set("Administrator");
        Path file = dir.resolve("events.json");

        viewModel.exportTo(file);

        assertThat(audit.written).singleElement().satisfies(w -> {
            assertThat(w.gzip()).isFalse();
            assertThat(w.events()).extracting(TrailEvent::eventName)
                    .containsExactly("ImportKeyMaterial", "GetParametersForImport", "CreateKey");
            assertThat(w.events()).isEqualTo(viewModel.visibleEvents());
        });
        JsonNode written = new ObjectMapper().readTree(Files.readString(file));
        assertThat(written.path("Records")).hasSize(3);
        assertThat(viewModel.statusMessageProperty().get()).isEqualTo("Exported 3 events to events.json");
        assertThat(viewModel.exportingProperty().get()).isFalse();
    }

    @Test
    void export_toAJsonGzFile_isGzipped() throws Exception {
        viewModel.refresh();
        Path file = dir.resolve("trail.json.gz");

        viewModel.exportTo(file);

        assertThat(audit.written).singleElement().satisfies(w -> assertThat(w.gzip()).isTrue());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new ObjectMapper().readTree(in).path("Records")).hasSize(5);
        }
        assertThat(viewModel.statusMessageProperty().get()).endsWith("(gzipped)");
    }

    @Test
    void export_thatCannotWrite_showsTheErrorAndLeavesNoFile() {
        viewModel.refresh();
        Path file = dir.resolve("missing-folder").resolve("trail.json");

        viewModel.exportTo(file);

        assertThat(dialogs.errors).singleElement()
                .satisfies(e -> assertThat(e.whatFailed()).startsWith("Could not export the CloudTrail events"));
        assertThat(file).doesNotExist();
    }

    @Test
    void exportPath_addsTheExtensionTheChoosersFilterAskedFor() {
        assertThat(CloudTrailViewModel.exportPath(Path.of("/tmp/trail"), true)).isEqualTo(Path.of("/tmp/trail.json.gz"));
        assertThat(CloudTrailViewModel.exportPath(Path.of("/tmp/trail"), false)).isEqualTo(Path.of("/tmp/trail.json"));
        assertThat(CloudTrailViewModel.exportPath(Path.of("/tmp/trail.json"), true)).isEqualTo(Path.of("/tmp/trail.json"));
        assertThat(viewModel.suggestedFileName(Instant.parse("2026-03-02T09:15:30Z")))
                .isEqualTo("111122223333_CloudTrail_us-east-1_20260302T0915Z_byok-studio.json.gz");
    }
}
