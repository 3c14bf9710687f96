package dev.byokstudio.ui.wizard.importing;

import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.ExpiredImportTokenException;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.IncorrectKeyMaterialException;
import dev.byokstudio.kms.InvalidCiphertextException;
import dev.byokstudio.kms.InvalidImportTokenException;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.material.KeyWrapping;
import dev.byokstudio.material.MaterialFormatException;
import dev.byokstudio.material.OpenSslCommands;
import dev.byokstudio.material.WrappingKeys;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Import step's state and command: when the material expires (never, or at a UTC date and time at most
 * 365 days ahead), the OpenSSL and AWS CLI commands that do the same import by hand, and the import itself:
 * wrap the workbench's material with the wrapping public key, ImportKeyMaterial, then DescribeKey. A failure
 * is kept here, with AWS's error, BYOK Studio's explanation and the step that can fix it.
 */
public final class ImportViewModel {

    /** The longest ValidTo KMS accepts, counted from the model's current time. */
    static final Duration MAX_VALID_TO = Duration.ofDays(365);
    /** The wizard's steps a failure can send the person back to (0-based). */
    static final int WRAPPING_PARAMETERS_STEP = 1;
    static final int MATERIAL_STEP = 2;
    static final int VALIDATE_STEP = 3;

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("H:mm");

    private final ImportWizardModel model;

    private final BooleanProperty expires = new SimpleBooleanProperty(this, "expires");
    private final ObjectProperty<LocalDate> expiryDate = new SimpleObjectProperty<>(this, "expiryDate");
    private final StringProperty expiryTime = new SimpleStringProperty(this, "expiryTime", "00:00");
    private final ReadOnlyStringWrapper expiryLimit = new ReadOnlyStringWrapper(this, "expiryLimit", "");
    private final ReadOnlyStringWrapper expiryProblem = new ReadOnlyStringWrapper(this, "expiryProblem", "");
    private final ReadOnlyStringWrapper tokenValidity = new ReadOnlyStringWrapper(this, "tokenValidity", "");
    private final ReadOnlyStringWrapper opensslCommands = new ReadOnlyStringWrapper(this, "opensslCommands", "");
    private final ObservableList<String> opensslNotes = FXCollections.observableArrayList();
    private final ObservableList<String> opensslNotesView = FXCollections.unmodifiableObservableList(opensslNotes);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper(this, "resultText", "");
    private final ReadOnlyObjectWrapper<Instant> importedValidTo = new ReadOnlyObjectWrapper<>(this, "importedValidTo");

    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyStringWrapper errorCode = new ReadOnlyStringWrapper(this, "errorCode", "");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private final ReadOnlyStringWrapper whatHappened = new ReadOnlyStringWrapper(this, "whatHappened", "");
    private final ObservableList<String> likelyCauses = FXCollections.observableArrayList();
    private final ObservableList<String> likelyCausesView = FXCollections.unmodifiableObservableList(likelyCauses);
    private final ReadOnlyStringWrapper whatToDo = new ReadOnlyStringWrapper(this, "whatToDo", "");
    private final ReadOnlyIntegerWrapper fixStep = new ReadOnlyIntegerWrapper(this, "fixStep", -1);
    private final ReadOnlyStringWrapper fixLabel = new ReadOnlyStringWrapper(this, "fixLabel", "");

    private final BooleanBinding canImport;
    private final BooleanBinding valid;

    public ImportViewModel(ImportWizardModel model) {
        this.model = Objects.requireNonNull(model, "model");
        expires.addListener((obs, old, now) -> {
            if (now && expiryDate.get() == null) {
                expiryDate.set(LocalDate.ofInstant(model.clock().now(), ZoneOffset.UTC).plusDays(30));
            }
            checkExpiry();
        });
        expiryDate.addListener((obs, old, now) -> checkExpiry());
        expiryTime.addListener((obs, old, now) -> checkExpiry());
        model.parametersProperty().addListener((obs, old, now) -> refresh());
        model.wrappingAlgorithmProperty().addListener((obs, old, now) -> refresh());
        model.keySpecProperty().addListener((obs, old, now) -> refresh());

        valid = Bindings.createBooleanBinding(() -> model.keyStateProperty().get() == KeyState.Enabled,
                model.keyStateProperty());
        canImport = Bindings.createBooleanBinding(
                () -> !busy.get() && !valid.get() && expiryProblem.get().isEmpty() && model.parametersProperty().get() != null,
                busy, valid, expiryProblem, model.parametersProperty());
        refresh();
    }

    // ---------------------------------------------------------------- expiry and commands

    /** Recomputes what depends on the clock and the earlier steps: the limit, the token's validity, the commands. */
    public void refresh() {
        Instant now = model.clock().now();
        expiryLimit.set("At most 365 days ahead: no later than " + UTC_TIME.format(now.plus(MAX_VALID_TO)) + ".");
        GetParametersForImportResponse parameters = model.parametersProperty().get();
        tokenValidity.set(parameters == null
                ? "No wrapping parameters yet: download them in step 2, Wrapping parameters."
                : "The import token and wrapping public key are valid until "
                        + UTC_TIME.format(parameters.parametersValidTo()) + ".");
        checkExpiry();
        updateCommands();
    }

    private void checkExpiry() {
        expiryProblem.set(expiryProblemAt(model.clock().now()).orElse(""));
        updateCommands();
    }

    private Optional<String> expiryProblemAt(Instant now) {
        if (!expires.get()) {
            return Optional.empty();
        }
        if (expiryDate.get() == null) {
            return Optional.of("Choose the date the material expires.");
        }
        Optional<Instant> validTo = validTo();
        if (validTo.isEmpty()) {
            return Optional.of("Write the time as hours and minutes, e.g. 17:30 (UTC).");
        }
        if (!validTo.get().isAfter(now)) {
            return Optional.of(UTC_TIME.format(validTo.get()) + " has passed: choose a time in the future.");
        }
        if (validTo.get().isAfter(now.plus(MAX_VALID_TO))) {
            return Optional.of(UTC_TIME.format(validTo.get()) + " is more than 365 days ahead; KMS refuses it. "
                    + "Choose an earlier date, and reimport the same material later to extend it.");
        }
        return Optional.empty();
    }

    /** The chosen ValidTo, if the date and time make one. */
    Optional<Instant> validTo() {
        LocalDate date = expiryDate.get();
        String text = expiryTime.get() == null ? "" : expiryTime.get().strip();
        if (date == null) {
            return Optional.empty();
        }
        LocalTime time;
        try {
            time = text.isEmpty() ? LocalTime.MIDNIGHT : LocalTime.parse(text, TIME_OF_DAY);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.of(LocalDateTime.of(date, time).toInstant(ZoneOffset.UTC));
    }

    private void updateCommands() {
        KeySpec spec = model.keySpecProperty().get();
        WrappingAlgorithm algorithm = model.wrappingAlgorithmProperty().get();
        if (spec == null || algorithm == null) {
            opensslCommands.set("# Choose the wrapping algorithm in step 2 to see the commands.");
            opensslNotes.clear();
            return;
        }
        String materialFile = OpenSslCommands.defaultMaterialFile(spec);
        List<String> lines = new ArrayList<>();
        try {
            lines.add("# Your key material is in " + materialFile + "; " + OpenSslCommands.PUBLIC_KEY_B64 + " and "
                    + OpenSslCommands.IMPORT_TOKEN_B64 + " hold the Base64 parameters of step 2.");
            lines.addAll(OpenSslCommands.forImport(spec, model.chinaRegion(), algorithm, materialFile));
            opensslNotes.setAll(OpenSslCommands.notes(algorithm));
        } catch (IllegalArgumentException e) {
            opensslCommands.set("# " + e.getMessage());
            opensslNotes.clear();
            return;
        }
        String keyId = model.keyIdProperty().get() == null ? "<key-id>" : model.keyIdProperty().get();
        StringBuilder importCommand = new StringBuilder("aws kms import-key-material --key-id ").append(keyId)
                .append(" --encrypted-key-material fileb://").append(OpenSslCommands.ENCRYPTED_KEY_MATERIAL)
                .append(" --import-token fileb://").append(OpenSslCommands.IMPORT_TOKEN);
        Optional<Instant> validTo = expires.get() ? validTo() : Optional.empty();
        if (expires.get()) {
            importCommand.append(" --expiration-model KEY_MATERIAL_EXPIRES --valid-to ")
                    .append(validTo.map(Instant::toString).orElse("<YYYY-MM-DDThh:mm:ssZ>"));
        } else {
            importCommand.append(" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE");
        }
        lines.add(importCommand.toString());
        opensslCommands.set(String.join("\n", lines));
    }

    // ---------------------------------------------------------------- importing

    /**
     * Wraps the material and imports it, in the background, then reads the key's new state. Refuses an
     * expiry KMS would refuse before calling it. A failure is shown in the step, with the way back.
     */
    public void importMaterial() {
        if (busy.get()) {
            return;
        }
        clearFailure();
        Instant now = model.clock().now();
        Optional<String> problem = expiryProblemAt(now);
        expiryProblem.set(problem.orElse(""));
        if (problem.isPresent()) {
            return;
        }
        String keyId = model.keyIdProperty().get();
        GetParametersForImportResponse parameters = model.parametersProperty().get();
        WrappingAlgorithm algorithm = model.wrappingAlgorithmProperty().get();
        if (keyId == null || parameters == null || algorithm == null) {
            showFailure("NoWrappingParameters", "", new Explanation(
                    "There are no current wrapping parameters for this key.", List.of(
                            "The wrapping choice changed after the parameters were downloaded."),
                    "Go back to Wrapping parameters and download them."), WRAPPING_PARAMETERS_STEP);
            return;
        }
        Optional<SecretBytes> material = model.workbench().material();
        if (material.isEmpty()) {
            showFailure("NoKeyMaterial", "", new Explanation("There is no key material to import.", List.of(
                    "The material was cleared, or none was opened or generated."),
                    "Go back to Key material and open or generate it."), MATERIAL_STEP);
            return;
        }
        boolean expiring = expires.get();
        Instant validTo = expiring ? validTo().orElseThrow() : null;
        ExpirationModel expirationModel = expiring ? ExpirationModel.KEY_MATERIAL_EXPIRES
                : ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE;
        Kms kms = model.kms();
        SecureRandom random = model.random();
        SecretBytes plaintext = material.get();
        busy.set(true);
        model.executor().execute(() -> {
            byte[] encrypted;
            try {
                encrypted = KeyWrapping.wrap(plaintext, WrappingKeys.publicKey(parameters.publicKey()), algorithm, random);
            } finally {
                plaintext.destroy();
            }
            kms.importKeyMaterial(new ImportKeyMaterialRequest(keyId, parameters.importToken(), encrypted, validTo,
                    expirationModel, null, null, null));
            return kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata();
        }, this::imported, this::importFailed);
    }

    private void imported(KeyMetadata metadata) {
        busy.set(false);
        importedValidTo.set(metadata.validTo());
        resultText.set("Imported. The key is now " + metadata.keyState()
                + (metadata.validTo() == null ? "; its key material does not expire."
                        : "; its key material expires at " + UTC_TIME.format(metadata.validTo())
                                + " (ValidTo), when the key becomes PendingImport again."));
        model.keyStateProperty().set(metadata.keyState());
    }

    private void importFailed(Throwable error) {
        busy.set(false);
        KmsException kms = kmsExceptionIn(error);
        if (kms != null) {
            showFailure(kms.errorCode(), kms.awsMessage(), kms.explanation(), fixStepFor(kms));
        } else if (error instanceof IllegalArgumentException || error instanceof MaterialFormatException) {
            // KeyWrapping and WrappingKeys say what is wrong in words meant for a person, without the material.
            showFailure("Could not wrap the key material", error.getMessage() == null ? "" : error.getMessage(),
                    new Explanation("BYOK Studio could not wrap the material with the wrapping public key; "
                            + "nothing was sent to KMS.", List.of(),
                            "Check the material against this wrapping choice in Validate, or choose another wrapping."),
                    VALIDATE_STEP);
        } else {
            showFailure(error.getClass().getSimpleName(), error.getMessage() == null ? "" : error.getMessage(),
                    new Explanation("BYOK Studio met an error it did not expect.", List.of(),
                            "Try again. If it happens again, report it with the steps that led to it."), -1);
            model.dialogs().showError("Could not import the key material", error);
        }
    }

    /** The step that can fix a KMS error: the material for a bad ciphertext, new parameters for a bad token. */
    static int fixStepFor(KmsException error) {
        if (error instanceof InvalidCiphertextException || error instanceof IncorrectKeyMaterialException) {
            return VALIDATE_STEP;
        }
        if (error instanceof ExpiredImportTokenException || error instanceof InvalidImportTokenException) {
            return WRAPPING_PARAMETERS_STEP;
        }
        return -1;
    }

    private static KmsException kmsExceptionIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KmsException) {
                return (KmsException) t;
            }
        }
        return null;
    }

    private void showFailure(String code, String message, Explanation explanation, int step) {
        errorCode.set(code);
        errorMessage.set(message == null || message.isEmpty() ? "(AWS sends no message with this error.)" : message);
        whatHappened.set(explanation == null ? "" : explanation.whatHappened());
        likelyCauses.setAll(explanation == null ? List.of() : explanation.likelyCauses());
        whatToDo.set(explanation == null ? "" : explanation.whatToDo());
        fixStep.set(step);
        fixLabel.set(step == VALIDATE_STEP ? "Back to Validate the material"
                : step == WRAPPING_PARAMETERS_STEP ? "Back to Wrapping parameters (new token and public key)"
                : step == MATERIAL_STEP ? "Back to Key material" : "");
        failed.set(true);
    }

    private void clearFailure() {
        failed.set(false);
        errorCode.set("");
        errorMessage.set("");
        whatHappened.set("");
        likelyCauses.clear();
        whatToDo.set("");
        fixStep.set(-1);
        fixLabel.set("");
        resultText.set("");
    }

    /** Sends the wizard back to the step that can fix the last failure. */
    public void goToFix() {
        int step = fixStep.get();
        if (step >= 0) {
            model.requestedStepProperty().set(step);
        }
    }

    // ---------------------------------------------------------------- state

    /** Whether the material expires (KEY_MATERIAL_EXPIRES) or not (KEY_MATERIAL_DOES_NOT_EXPIRE, the default). */
    public BooleanProperty expiresProperty() {
        return expires;
    }

    /** The UTC date the material expires. */
    public ObjectProperty<LocalDate> expiryDateProperty() {
        return expiryDate;
    }

    /** The UTC time of day it expires, as H:mm. */
    public StringProperty expiryTimeProperty() {
        return expiryTime;
    }

    public ReadOnlyStringProperty expiryLimitProperty() {
        return expiryLimit.getReadOnlyProperty();
    }

    /** What is wrong with the expiry, or empty. */
    public ReadOnlyStringProperty expiryProblemProperty() {
        return expiryProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokenValidityProperty() {
        return tokenValidity.getReadOnlyProperty();
    }

    /** The commands that wrap and import the material by hand, one a line. */
    public ReadOnlyStringProperty opensslCommandsProperty() {
        return opensslCommands.getReadOnlyProperty();
    }

    public ObservableList<String> opensslNotes() {
        return opensslNotesView;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the import did, or empty. */
    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    /** The material's ValidTo after an import, or null. */
    public ReadOnlyObjectProperty<Instant> importedValidToProperty() {
        return importedValidTo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** AWS's error code of the last failure (or what failed, when KMS was not reached). */
    public ReadOnlyStringProperty errorCodeProperty() {
        return errorCode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty whatHappenedProperty() {
        return whatHappened.getReadOnlyProperty();
    }

    public ObservableList<String> likelyCauses() {
        return likelyCausesView;
    }

    public ReadOnlyStringProperty whatToDoProperty() {
        return whatToDo.getReadOnlyProperty();
    }

    /** The step (0-based) that can fix the last failure; -1 for none. */
    public ReadOnlyIntegerProperty fixStepProperty() {
        return fixStep.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fixLabelProperty() {
        return fixLabel.getReadOnlyProperty();
    }

    /** Whether Wrap and import may be pressed. */
    public BooleanBinding canImport() {
        return canImport;
    }

    /** Whether the import succeeded: the key is Enabled. */
    public BooleanBinding valid() {
        return valid;
    }
}
