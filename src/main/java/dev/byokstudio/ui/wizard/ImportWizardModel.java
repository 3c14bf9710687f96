package dev.byokstudio.ui.wizard;

import dev.byokstudio.kms.ClockControl;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.DialogService;
import dev.byokstudio.ui.material.MaterialWorkbenchViewModel;
import dev.byokstudio.ui.task.TaskExecutor;
import java.security.SecureRandom;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the import wizard's steps share, typed: the KMS key (created in step 1, or chosen before the wizard
 * opened), the wrapping choice and the parameters GetParametersForImport returned, the material and its
 * report (one {@link MaterialWorkbenchViewModel}), and the key's state after the import. The session's
 * services come along so that each step can reach the KMS off the JavaFX thread.
 */
public final class ImportWizardModel {

    private final StudioSession session;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final SecureRandom random;
    private final MaterialWorkbenchViewModel workbench;

    private final StringProperty keyId = new SimpleStringProperty(this, "keyId");
    private final StringProperty keyArn = new SimpleStringProperty(this, "keyArn");
    private final ObjectProperty<KeySpec> keySpec = new SimpleObjectProperty<>(this, "keySpec", KeySpec.SYMMETRIC_DEFAULT);
    private final ObjectProperty<KeyUsage> keyUsage = new SimpleObjectProperty<>(this, "keyUsage", KeyUsage.ENCRYPT_DECRYPT);
    private final ObjectProperty<WrappingAlgorithm> wrappingAlgorithm = new SimpleObjectProperty<>(this, "wrappingAlgorithm");
    private final ObjectProperty<WrappingKeySpec> wrappingKeySpec = new SimpleObjectProperty<>(this, "wrappingKeySpec");
    private final ObjectProperty<GetParametersForImportResponse> parameters = new SimpleObjectProperty<>(this, "parameters");
    private final ObjectProperty<KeyState> keyState = new SimpleObjectProperty<>(this, "keyState");
    /** Set by a step that sends the person back to another (e.g. after a failed import); -1 when none. */
    private final IntegerProperty requestedStep = new SimpleIntegerProperty(this, "requestedStep", -1);

    public ImportWizardModel(StudioSession session, TaskExecutor executor, DialogService dialogs, SecureRandom random) {
        this.session = Objects.requireNonNull(session, "session");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.random = Objects.requireNonNull(random, "random");
        this.workbench = new MaterialWorkbenchViewModel(executor, dialogs, session.isChinaRegion(), random);
        keySpec.addListener((obs, old, spec) -> workbench.keySpecProperty().set(spec));
        workbench.keySpecProperty().set(keySpec.get());
        // Parameters belong to one key and one wrapping choice: a new choice needs new ones.
        wrappingAlgorithm.addListener((obs, old, value) -> parameters.set(null));
        wrappingKeySpec.addListener((obs, old, value) -> parameters.set(null));
        keyId.addListener((obs, old, value) -> parameters.set(null));
    }

    public Kms kms() {
        return session.kms();
    }

    public ClockControl clock() {
        return session.clock();
    }

    public StudioSession session() {
        return session;
    }

    public boolean chinaRegion() {
        return session.isChinaRegion();
    }

    public TaskExecutor executor() {
        return executor;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public SecureRandom random() {
        return random;
    }

    /** The material and its report, shared by the material and validation steps. */
    public MaterialWorkbenchViewModel workbench() {
        return workbench;
    }

    /** The key's ID: null until step 1 created it (or the wizard was opened for an existing key). */
    public StringProperty keyIdProperty() {
        return keyId;
    }

    public StringProperty keyArnProperty() {
        return keyArn;
    }

    public ObjectProperty<KeySpec> keySpecProperty() {
        return keySpec;
    }

    public ObjectProperty<KeyUsage> keyUsageProperty() {
        return keyUsage;
    }

    public ObjectProperty<WrappingAlgorithm> wrappingAlgorithmProperty() {
        return wrappingAlgorithm;
    }

    public ObjectProperty<WrappingKeySpec> wrappingKeySpecProperty() {
        return wrappingKeySpec;
    }

    /** The public key and import token of the last GetParametersForImport; null when none is current. */
    public ObjectProperty<GetParametersForImportResponse> parametersProperty() {
        return parameters;
    }

    /** The key's state after the import; null before. */
    public ObjectProperty<KeyState> keyStateProperty() {
        return keyState;
    }

    public IntegerProperty requestedStepProperty() {
        return requestedStep;
    }

    /** Forgets the material and parameters (the wizard closed). */
    public void clear() {
        workbench.clear();
        parameters.set(null);
    }
}
