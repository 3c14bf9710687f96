package dev.byokstudio.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.embedded.WrappingKeyPool;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.MaterialReport;
import dev.byokstudio.material.RuleResult;
import dev.byokstudio.material.WrappingCompatibility;
import dev.byokstudio.material.WrappingCompatibility.Combination;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.MainView;
import dev.byokstudio.ui.MainViewModel;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.DialogService;
import dev.byokstudio.ui.dialog.FxDialogService;
import dev.byokstudio.ui.keys.KeyRow;
import dev.byokstudio.ui.keys.create.CreateKeyViewModel;
import dev.byokstudio.ui.task.FxTaskExecutor;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The import wizard end to end, headless (Monocle, set up by the pom's surefire configuration): the six steps
 * in a window of their own, on a real {@link EmbeddedKms} with an in-memory store and a simulated clock that
 * runs with the system clock, driven with the robot (Next, the combo boxes, Wrap and import, the trial) where
 * that is simple.
 *
 * <p>The material is loaded through {@code model.workbench().open(Path)}: the step's "Choose file…" button
 * opens a native {@link javafx.stage.FileChooser}, which cannot be driven headless.
 */
@ExtendWith(ApplicationExtension.class)
class ImportWizardEndToEndTest {

    private static final Path FIXTURES = Path.of("src", "test", "fixtures", "material");
    /** RSA_4096 wrapping key pairs are generated on the spot (the pool keeps none): that can take seconds. */
    private static final long SLOW_SECONDS = 60;
    private static final long FAST_SECONDS = 15;

    private static final int KEY = 0;
    private static final int WRAPPING = 1;
    private static final int MATERIAL = 2;
    private static final int VALIDATE = 3;
    private static final int IMPORT = 4;
    private static final int TRY_IT = 5;

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private WrappingKeyPool pool;
    private EmbeddedKms kms;
    private FxTaskExecutor executor;
    private StudioSession session;
    private ImportWizardModel model;
    private ImportWizardViewModel viewModel;
    private Stage wizardStage;
    private Stage mainStage;
    private MainView mainView;

    @Start
    void start(Stage stage) {
        SecureRandom random = new SecureRandom();
        // No stock kept: no background thread competes for the two cores; pairs are generated when asked for.
        pool = new WrappingKeyPool(random, Map.of());
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(), SimulatedClock.systemUtc(),
                random, pool);
        session = new StudioSession(kms, kms, "111122223333", "us-east-1", "wizard end-to-end test");
        executor = new FxTaskExecutor();
        model = new ImportWizardModel(session, executor, new RecordingDialogs(new FxDialogService(stage)), random);
        viewModel = new ImportWizardViewModel(model, ImportWizards.steps(model), 0);
        // As ImportWizards.showAndWait does, without showAndWait (and without a modal owner).
        ImportWizardView view = new ImportWizardView(viewModel, stage::hide);
        Scene scene = new Scene(view, 1180, 760);
        scene.getStylesheets().add(MainView.stylesheet());
        stage.setScene(scene);
        stage.setTitle("Import key material — new EXTERNAL key");
        stage.show();
        viewModel.start();
        wizardStage = stage;
    }

    @AfterEach
    void closeMainWindow(FxRobot robot) {
        if (mainStage != null) {
            robot.interact(() -> {
                mainView.stop();
                mainStage.close();
            });
        }
    }

    @Stop
    void stop() {
        model.clear();
        executor.shutdown();
        pool.close();
    }

    // ---------------------------------------------------------------- 1. end to end

    @Test
    void symmetricDefault_endToEnd(FxRobot robot) throws Exception {
        endToEnd(robot, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, "aes256.bin",
                new Combination(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_4096));
    }

    @Test
    void hmac256_endToEnd(FxRobot robot) throws Exception {
        endToEnd(robot, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC, "hmac-256bit.bin",
                new Combination(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_4096));
    }

    @Test
    void rsa2048SignVerify_endToEnd(FxRobot robot) throws Exception {
        endToEnd(robot, KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY, "rsa2048.pkcs8.der",
                new Combination(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096));
    }

    @Test
    void eccNistP256KeyAgreement_endToEnd(FxRobot robot) throws Exception {
        endToEnd(robot, KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT, "p256.pkcs8.der",
                new Combination(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096));
    }

    /**
     * Goes through the six steps with the recommended wrapping. For ECC_NIST_P256 the wizard preselects another
     * (compatible) wrapping, see {@link #wrappingStep_preselectsTheRecommendation_forTheNewKeysSpec}: the
     * recommended one is then chosen with the robot and the parameters fetched again with the step's button.
     */
    private void endToEnd(FxRobot robot, KeySpec spec, KeyUsage usage, String fixture, Combination recommended)
            throws Exception {
        createKey(robot, spec, usage);
        String keyId = fx(() -> model.keyIdProperty().get());
        assertThat(kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata().keyState())
                .isEqualTo(KeyState.PendingImport);

        awaitParameters(robot);
        ComboBox<Combination> wrapping = robot.lookup("#wrapping").queryComboBox();
        assertThat(fx(() -> wrapping.getItems().get(0))).as("the first choice is the recommendation").isEqualTo(recommended);
        if (!recommended.equals(fx(wrapping::getValue))) {
            chooseWithRobot(robot, wrapping, recommended);
            assertThat(fx(() -> model.parametersProperty().get())).as("a new choice drops the parameters").isNull();
            robot.clickOn("#fetchButton");
            awaitParameters(robot);
        }
        assertThat(fx(() -> new Combination(model.wrappingAlgorithmProperty().get(), model.wrappingKeySpecProperty().get())))
                .isEqualTo(recommended);
        clickNext(robot, MATERIAL);

        loadMaterial(robot, fixture);
        clickNext(robot, VALIDATE);
        waitUntil(FAST_SECONDS, () -> !nextButton(robot).isDisabled());
        assertThat(fx(() -> model.workbench().reportProperty().get().willImport())).isTrue();
        assertThat(fx(() -> ((Label) robot.lookup("#wrappingCheckLabel").query()).getText())).contains("can carry");
        clickNext(robot, IMPORT);

        robot.clickOn("#importButton");
        waitUntil(SLOW_SECONDS, () -> model.keyStateProperty().get() == KeyState.Enabled
                || fx(() -> robot.lookup("#failureBox").query().isVisible()));
        assertThat(fx(() -> ((Label) robot.lookup("#errorCode").query()).getText())).as("import failure").isEmpty();
        assertThat(kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata().keyState())
                .isEqualTo(KeyState.Enabled);
        assertThat(fx(() -> ((Label) robot.lookup("#result").query()).getText())).startsWith("Imported. The key is now Enabled");
        clickNext(robot, TRY_IT);

        assertThat(nextButton(robot).isVisible()).as("Next is gone on the last step").isFalse();
        robot.clickOn("#runButton");
        waitUntil(SLOW_SECONDS, () -> {
            Label verdict = (Label) robot.lookup("#verdict").query();
            return verdict.isVisible() && !verdict.getText().isEmpty();
        });
        Label verdict = (Label) robot.lookup("#verdict").query();
        assertThat(fx(() -> verdict.getPseudoClassStates().toString())).contains("passed").doesNotContain("failed");
        assertThat(fx(verdict::getText)).isNotBlank();
        assertThat(errors).isEmpty();
    }

    @Test
    void wrappingStep_preselectsTheRecommendation_forTheNewKeysSpec(FxRobot robot) throws Exception {
        createKey(robot, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);
        awaitParameters(robot);
        ComboBox<Combination> wrapping = robot.lookup("#wrapping").queryComboBox();
        Combination recommended = fx(() -> wrapping.getItems().get(0));
        assertThat(recommended).isEqualTo(new Combination(WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256,
                WrappingKeySpec.RSA_4096));
        assertThat(fx(() -> ((Label) robot.lookup("#recommendationLabel").query()).getText()))
                .startsWith("Recommended: RSA_AES_KEY_WRAP_SHA_256");
        assertThat(fx(wrapping::getValue)).as("the preselected wrapping").isEqualTo(recommended);
    }

    // ---------------------------------------------------------------- 2. failure paths

    @Test
    void materialOfTheWrongSize_keepsValidateInvalid_andShowsTheFailedRule(FxRobot robot) throws Exception {
        createKey(robot, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        awaitParameters(robot);
        clickNext(robot, MATERIAL);
        loadMaterial(robot, "aes128.bin");
        clickNext(robot, VALIDATE);

        MaterialReport report = fx(() -> model.workbench().reportProperty().get());
        assertThat(report).isNotNull();
        assertThat(report.willImport()).isFalse();
        assertThat(report.failures()).isNotEmpty();
        // Give the step every chance to turn valid: it must not.
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(nextButton(robot).isDisabled()).as("#wizardNext on Validate with 16-byte material").isTrue();
        assertThat(fx(() -> viewModel.canGoNext().get())).isFalse();

        // The report table shows the failed rule, with a failed badge.
        TableView<?> table = robot.lookup(".validate-step .report-table").queryTableView();
        List<RuleResult> rows = fx(() -> table.getItems().stream().map(RuleResult.class::cast).toList());
        assertThat(rows).filteredOn(r -> r.status() == RuleResult.Status.FAILED).isNotEmpty()
                .containsAll(report.failures());
        assertThat(robot.lookup(".validate-step .report-table .rule-failed").tryQuery()).isPresent();
        String failedTitle = report.failures().get(0).title();
        assertThat(robot.lookup(".validate-step .report-table").lookup((Node n) -> n instanceof javafx.scene.text.Text t
                && failedTitle.equals(t.getText()) || n instanceof javafx.scene.control.Labeled l
                && failedTitle.equals(l.getText())).tryQuery()).as("a cell reads " + failedTitle).isPresent();
        assertThat(errors).isEmpty();
    }

    /**
     * WrappingCompatibility offers only the combinations KMS accepts, so RSAES_OAEP_SHA_256 with RSA_2048 cannot
     * be chosen for ECC_NIST_P521 material in the wizard at all. What is checked instead: it is not offered,
     * everything offered is allowed, KMS itself refuses it, and the recommended choice passes Validate's
     * wrapping line.
     */
    @Test
    void eccNistP521_isOfferedOnlyCompatibleWrappings_andTheWrappingLinePasses(FxRobot robot) throws Exception {
        createKey(robot, KeySpec.ECC_NIST_P521, KeyUsage.SIGN_VERIFY);
        String keyId = fx(() -> model.keyIdProperty().get());
        awaitParameters(robot);

        ComboBox<Combination> wrapping = robot.lookup("#wrapping").queryComboBox();
        List<Combination> offered = fx(() -> List.copyOf(wrapping.getItems()));
        Combination incompatible = new Combination(WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048);
        assertThat(offered).isNotEmpty().doesNotContain(incompatible)
                .allMatch(c -> WrappingCompatibility.allows(c.algorithm(), c.wrappingKeySpec(), KeySpec.ECC_NIST_P521, false));
        assertThatThrownBy(() -> kms.getParametersForImport(new GetParametersForImportRequest(keyId,
                WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048)))
                .isInstanceOf(KmsException.class).hasMessageContaining("RSAES_OAEP_SHA_256");

        clickNext(robot, MATERIAL);
        loadMaterial(robot, "p521.pkcs8.der");
        clickNext(robot, VALIDATE);
        waitUntil(FAST_SECONDS, () -> !nextButton(robot).isDisabled());
        MaterialReport report = fx(() -> model.workbench().reportProperty().get());
        assertThat(report.wrapping().status()).isEqualTo(RuleResult.Status.PASSED);
        Label line = (Label) robot.lookup("#wrappingCheckLabel").query();
        assertThat(fx(line::getText)).contains(fx(() -> model.wrappingAlgorithmProperty().get()).name())
                .contains("can carry ECC_NIST_P521");
        assertThat(fx(() -> line.getPseudoClassStates().toString())).contains("passed");
        assertThat(errors).isEmpty();
    }

    @Test
    void importTokenExpiredByTheClock_showsTheFailure_andLeadsBackToWrapping(FxRobot robot) throws Exception {
        createKey(robot, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT);
        String keyId = fx(() -> model.keyIdProperty().get());
        awaitParameters(robot);
        clickNext(robot, MATERIAL);
        loadMaterial(robot, "aes256.bin");
        clickNext(robot, VALIDATE);
        waitUntil(FAST_SECONDS, () -> !nextButton(robot).isDisabled());
        clickNext(robot, IMPORT);

        kms.advance(Duration.ofHours(25));
        robot.clickOn("#importButton");
        waitUntil(SLOW_SECONDS, () -> robot.lookup("#failureBox").query().isVisible());

        assertThat(fx(() -> ((Label) robot.lookup("#errorCode").query()).getText())).isEqualTo("ExpiredImportTokenException");
        assertThat(kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata().keyState())
                .isEqualTo(KeyState.PendingImport);
        assertThat(nextButton(robot).isDisabled()).isTrue();
        Button fix = robot.lookup("#fixButton").queryButton();
        assertThat(fix.isVisible()).isTrue();
        assertThat(fx(fix::getText)).startsWith("Back to Wrapping parameters");

        // The failure is at the foot of the step's scroll pane, below the window's edge: scroll down first.
        robot.interact(() -> ((javafx.scene.control.ScrollPane) robot.lookup(".import-step-scroll").query()).setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(fix);
        waitUntil(FAST_SECONDS, () -> viewModel.currentProperty().get() == WRAPPING);
        assertThat(robot.lookup(".wrapping-step").tryQuery()).isPresent();
        assertThat(fx(() -> ((Label) robot.lookup("#validityLabel").query()).getText())).startsWith("Expired at");
        assertThat(nextButton(robot).isDisabled()).as("expired parameters do not let the person on").isTrue();
        assertThat(errors).isEmpty();
    }

    // ---------------------------------------------------------------- 3. the key table's actions

    @Test
    void keyTableActions_offerImportForAPendingExternalKey_andNothingForAnAwsKmsKey(FxRobot robot) throws Exception {
        String external = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).description("pending")
                .build()).keyMetadata().keyId();
        String awsKms = kms.createKey(CreateKeyRequest.builder().description("from KMS").build()).keyMetadata().keyId();
        robot.interact(() -> {
            mainStage = new Stage();
            MainViewModel mainViewModel = new MainViewModel(session, executor, new FxDialogService(mainStage), text -> { },
                    Clock.systemUTC(), ZoneOffset.UTC);
            mainView = new MainView(mainViewModel);
            Scene scene = new Scene(mainView, 1200, 760);
            scene.getStylesheets().add(MainView.stylesheet());
            mainStage.setScene(scene);
            mainStage.show();
            mainView.start();
        });
        TableView<KeyRow> table = robot.from(mainView).lookup(".keys-table").queryTableView();
        waitUntil(FAST_SECONDS, () -> table.getItems().size() == 2);

        selectAndOpenContextMenu(robot, table, external);
        assertThat(fx(() -> menuItem(table, "Import key material\u2026").isDisable())).isFalse();
        assertThat(fx(() -> menuItem(table, "Delete imported material\u2026").isDisable())).isTrue();
        assertThat(fx(() -> robot.from(mainView).lookup("#importButton").queryButton().isDisabled())).isFalse();
        robot.type(KeyCode.ESCAPE);

        selectAndOpenContextMenu(robot, table, awsKms);
        assertThat(fx(() -> menuItem(table, "Import key material\u2026").isDisable())).isTrue();
        assertThat(fx(() -> menuItem(table, "Delete imported material\u2026").isDisable())).isTrue();
        assertThat(fx(() -> robot.from(mainView).lookup("#importButton").queryButton().isDisabled())).isTrue();
        robot.type(KeyCode.ESCAPE);
    }

    private void selectAndOpenContextMenu(FxRobot robot, TableView<KeyRow> table, String keyId) throws Exception {
        Node cell = robot.from(table).lookup((Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && keyId.equals(c.getItem())).query();
        robot.clickOn(cell);
        waitUntil(FAST_SECONDS, () -> table.getSelectionModel().getSelectedItem() != null
                && keyId.equals(table.getSelectionModel().getSelectedItem().keyId()));
        ContextMenu menu = table.getContextMenu();
        robot.rightClickOn(cell);
        try {
            waitUntil(1, menu::isShowing);
        } catch (TimeoutException e) {
            // Monocle's headless glass robot sends no CONTEXT_MENU_REQUESTED for a secondary click: send the
            // event a real one produces to the cell, and let the table show its own context menu.
            robot.interact(() -> {
                javafx.geometry.Bounds b = cell.localToScreen(cell.getBoundsInLocal());
                javafx.geometry.Point2D local = cell.screenToLocal(b.getCenterX(), b.getCenterY());
                javafx.event.Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
                        javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(), local.getY(),
                        b.getCenterX(), b.getCenterY(), false, null));
            });
            waitUntil(FAST_SECONDS, menu::isShowing);
        }
    }

    private static MenuItem menuItem(TableView<?> table, String text) {
        return table.getContextMenu().getItems().stream().filter(i -> text.equals(i.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no context menu item " + text));
    }

    // ---------------------------------------------------------------- driving the wizard

    /** Step 1: chooses the key spec (set on the FX thread: the list is long) and the usage (with the robot), then Next. */
    private void createKey(FxRobot robot, KeySpec spec, KeyUsage usage) throws Exception {
        assertThat(viewModel.currentProperty().get()).isEqualTo(KEY);
        ComboBox<KeySpec> specs = robot.lookup("#keySpec").queryComboBox();
        assertThat(fx(() -> specs.getItems())).contains(spec);
        robot.interact(() -> specs.setValue(spec));
        ComboBox<KeyUsage> usages = robot.lookup("#keyUsage").queryComboBox();
        if (!usage.equals(fx(usages::getValue))) {
            chooseWithRobot(robot, usages, usage);
        }
        clickNext(robot, WRAPPING);
        assertThat(fx(() -> model.keyIdProperty().get())).isNotNull();
        assertThat(fx(() -> model.keySpecProperty().get())).isEqualTo(spec);
        assertThat(fx(() -> model.keyUsageProperty().get())).isEqualTo(usage);
    }

    /** Opens {@code combo}'s list with the robot and clicks the cell of {@code value}. */
    private <T> void chooseWithRobot(FxRobot robot, ComboBox<T> combo, T value) throws Exception {
        robot.clickOn(combo);
        waitUntil(FAST_SECONDS, combo::isShowing);
        Node cell = robot.lookup((Node n) -> n instanceof ListCell<?> c && value.equals(c.getItem())
                && n.getScene() != combo.getScene()).query();
        robot.clickOn(cell);
        waitUntil(FAST_SECONDS, () -> value.equals(combo.getValue()) && !combo.isShowing());
    }

    /** Step 2 fetches the parameters by itself on entry; RSA_4096 wrapping keys can take seconds. */
    private void awaitParameters(FxRobot robot) throws Exception {
        waitUntil(SLOW_SECONDS, () -> model.parametersProperty().get() != null && !nextButton(robot).isDisabled());
    }

    /** Step 3: the FileChooser cannot be driven headless, so the file goes to the workbench directly. */
    private void loadMaterial(FxRobot robot, String fixture) throws Exception {
        Path file = FIXTURES.resolve(fixture);
        robot.interact(() -> model.workbench().open(file));
        waitUntil(FAST_SECONDS, () -> !model.workbench().sourceProperty().get().isEmpty()
                && model.workbench().reportProperty().get() != null && !nextButton(robot).isDisabled());
        assertThat(fx(() -> model.workbench().sourceProperty().get())).contains(fixture);
    }

    private void clickNext(FxRobot robot, int expectedStep) throws Exception {
        waitUntil(SLOW_SECONDS, () -> !nextButton(robot).isDisabled());
        robot.clickOn("#wizardNext");
        waitUntil(SLOW_SECONDS, () -> viewModel.currentProperty().get() == expectedStep
                && !viewModel.advancingProperty().get());
    }

    private static Button nextButton(FxRobot robot) {
        return robot.lookup("#wizardNext").queryButton();
    }

    /** Polls {@code condition} on the FX thread; stops at once if the wizard reported an error. */
    private void waitUntil(long seconds, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                if (!errors.isEmpty()) {
                    throw new AssertionError("the wizard reported: " + errors);
                }
                return fx(condition);
            });
        } catch (TimeoutException e) {
            TimeoutException described = new TimeoutException("waited " + seconds + " s; " + fx(this::state));
            described.initCause(e);
            throw described;
        }
    }

    /** Where the wizard is, for a timeout's message. */
    private String state() {
        return "step " + viewModel.currentProperty().get() + ", advancing " + viewModel.advancingProperty().get()
                + ", canGoNext " + viewModel.canGoNext().get() + ", key " + model.keyIdProperty().get() + " "
                + model.keyStateProperty().get() + ", parameters " + (model.parametersProperty().get() != null)
                + ", wrapping " + model.wrappingAlgorithmProperty().get() + "/" + model.wrappingKeySpecProperty().get()
                + ", material '" + model.workbench().sourceProperty().get() + "', import busy " + importStep().busyProperty().get()
                + " failed " + importStep().failedProperty().get() + " canImport " + importStep().canImport().get()
                + " result '" + importStep().resultTextProperty().get() + "', errors " + errors;
    }

    private dev.byokstudio.ui.wizard.importing.ImportViewModel importStep() {
        return ((dev.byokstudio.ui.wizard.importing.ImportStep) viewModel.steps().get(IMPORT)).viewModel();
    }

    private static <T> T fx(Callable<T> callable) throws InterruptedException, ExecutionException {
        return WaitForAsyncUtils.asyncFx(callable).get();
    }

    /** The real dialogs, except that an error is recorded instead of shown (a modal dialog would only make a test time out): waitUntil fails with it. */
    private final class RecordingDialogs implements DialogService {
        private final DialogService real;

        RecordingDialogs(DialogService real) {
            this.real = real;
        }

        @Override
        public void showError(String whatFailed, Throwable error) {
            errors.add(whatFailed + ": " + error);
        }

        @Override
        public void showInformation(String title, String text) {
            real.showInformation(title, text);
        }

        @Override
        public boolean confirm(String title, String text) {
            return real.confirm(title, text);
        }

        @Override
        public Optional<Integer> askDeletionWindow(String keyLabel, int minDays, int maxDays, int defaultDays) {
            return real.askDeletionWindow(keyLabel, minDays, maxDays, defaultDays);
        }

        @Override
        public Optional<String> askAliasName(String keyLabel) {
            return real.askAliasName(keyLabel);
        }

        @Override
        public Optional<String> showCreateKeyDialog(CreateKeyViewModel createKeyViewModel) {
            return real.showCreateKeyDialog(createKeyViewModel);
        }

        @Override
        public Optional<char[]> askPassword(String title, String text) {
            return real.askPassword(title, text);
        }

        @Override
        public void showImportWizard(ImportWizardModel wizardModel, int firstStep) {
            real.showImportWizard(wizardModel, firstStep);
        }

        @Override
        public void showKeyPolicyEditor(dev.byokstudio.ui.access.KeyPolicyEditorViewModel editor) {
            real.showKeyPolicyEditor(editor);
        }
    }
}
