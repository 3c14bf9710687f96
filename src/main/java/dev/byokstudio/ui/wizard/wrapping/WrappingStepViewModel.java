package dev.byokstudio.ui.wizard.wrapping;

import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.OpenSslCommands;
import dev.byokstudio.material.WrappingCompatibility;
import dev.byokstudio.material.WrappingCompatibility.Combination;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 2 of the import wizard: the wrapping key spec and algorithm (only those KMS accepts for the key's
 * material, the recommended one first), and the wrapping public key and import token GetParametersForImport
 * returns for them, with the public key's fingerprint, the 24 hours they are valid counted down against
 * the KMS's clock, and the files AWS's OpenSSL commands read.
 */
public final class WrappingStepViewModel {

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ImportWizardModel model;

    private final ObservableList<Combination> choices = FXCollections.observableArrayList();
    private final ObservableList<Combination> choicesView = FXCollections.unmodifiableObservableList(choices);
    private final ObjectProperty<Combination> choice = new SimpleObjectProperty<>(this, "choice");
    private final ReadOnlyStringWrapper recommendation = new ReadOnlyStringWrapper(this, "recommendation", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper expired = new ReadOnlyBooleanWrapper(this, "expired");
    private final ReadOnlyStringWrapper validity = new ReadOnlyStringWrapper(this, "validity", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final StringBinding fingerprint;
    private final BooleanBinding hasParameters;
    private final BooleanBinding hasKey;
    private final BooleanBinding valid;

    /** Whether parameters were asked for at least once (the first entry asks by itself). */
    private boolean fetchedOnce;
    /** Counts GetParametersForImport calls, so that only the latest answer is kept. */
    private long generation;

    public WrappingStepViewModel(ImportWizardModel model) {
        this.model = Objects.requireNonNull(model, "model");
        hasParameters = model.parametersProperty().isNotNull();
        hasKey = model.keyIdProperty().isNotNull();
        fingerprint = Bindings.createStringBinding(() -> {
            GetParametersForImportResponse p = model.parametersProperty().get();
            return p == null ? "" : fingerprint(p.publicKey());
        }, model.parametersProperty());
        valid = Bindings.createBooleanBinding(() -> hasParameters.get() && !expired.get() && !busy.get(),
                hasParameters, expired, busy);

        choice.addListener((obs, old, now) -> {
            if (now != null) {
                model.wrappingAlgorithmProperty().set(now.algorithm());
                model.wrappingKeySpecProperty().set(now.wrappingKeySpec());
            }
        });
        offerChoices();
        model.keySpecProperty().addListener((obs, old, spec) -> offerChoices());
        model.parametersProperty().addListener((obs, old, now) -> {
            refreshValidity();
            describeStatus();
        });
        refreshValidity();
        describeStatus();
    }

    /** The combinations KMS accepts for {@code keySpec} material in the region, the recommended one first. */
    public static List<Combination> choicesFor(KeySpec keySpec, boolean chinaRegion) {
        return keySpec == null ? List.of() : WrappingCompatibility.choices(keySpec, chinaRegion);
    }

    private void offerChoices() {
        KeySpec spec = model.keySpecProperty().get();
        List<Combination> offered = choicesFor(spec, model.chinaRegion());
        if (!choices.equals(offered)) {
            choices.setAll(offered);
        }
        recommendation.set(offered.isEmpty() ? "No wrapping can carry " + spec + " material."
                : "Recommended: " + label(offered.get(0)) + ". " + reason(offered.get(0), spec));
        Combination current = choice.get();
        Combination inModel = new Combination(model.wrappingAlgorithmProperty().get(),
                model.wrappingKeySpecProperty().get());
        boolean newSpec = spec != offeredFor;
        offeredFor = spec;
        if (newSpec) {
            // A choice made for another key spec is no recommendation for this one: start from the recommended
            // one, unless parameters were already fetched for this key with another choice.
            boolean fetched = model.parametersProperty().get() != null && offered.contains(inModel);
            choice.set(fetched ? inModel : offered.isEmpty() ? null : offered.get(0));
        } else if (current == null || !offered.contains(current)) {
            choice.set(offered.contains(inModel) ? inModel : offered.isEmpty() ? null : offered.get(0));
        }
    }

    /** The key spec the current choices were offered for. */
    private KeySpec offeredFor;

    /** How a combination reads in the list. */
    public static String label(Combination c) {
        return c.algorithm() + " with an " + c.wrappingKeySpec() + " wrapping key";
    }

    /** Why the first choice is recommended, in one sentence. */
    static String reason(Combination recommended, KeySpec keySpec) {
        String strongest = recommended.wrappingKeySpec() == WrappingKeySpec.RSA_4096
                ? ", and RSA_4096 is the strongest wrapping key" : "";
        switch (recommended.algorithm()) {
            case RSA_AES_KEY_WRAP_SHA_256:
            case RSA_AES_KEY_WRAP_SHA_1:
                return "RSA-AES key wrap seals the material with a fresh AES key, so it carries private keys of any "
                        + "size where plain RSA-OAEP carries only short material" + strongest + ".";
            case RSAES_OAEP_SHA_256:
            case RSAES_OAEP_SHA_1:
                return keySpec + " material is short enough for one RSA-OAEP block, SHA-256 is preferred to SHA-1"
                        + strongest + ".";
            case SM2PKE:
                return "SM2PKE with an SM2 wrapping key is the China Regions' own wrapping for asymmetric material.";
            default:
                return "It is the first combination KMS accepts for " + keySpec + " material.";
        }
    }

    private void describeStatus() {
        if (busy.get()) {
            status.set("Getting wrapping parameters from KMS…");
        } else if (model.parametersProperty().get() != null) {
            GetParametersForImportResponse p = model.parametersProperty().get();
            status.set("Parameters for key " + model.keyIdProperty().get() + ": a " + p.publicKey().length
                    + "-byte wrapping public key and an import token.");
        } else if (model.keyIdProperty().get() == null) {
            status.set("There is no key yet: go back to create it.");
        } else if (fetchedOnce) {
            status.set("No current parameters for this wrapping choice: press Get wrapping parameters.");
        } else {
            status.set("Press Get wrapping parameters.");
        }
    }

    // ---------------------------------------------------------------- commands

    /** On showing the step: refreshes the choices and, the first time, gets the parameters. */
    public void enter() {
        offerChoices();
        if (!fetchedOnce && model.parametersProperty().get() == null) {
            fetchParameters();
        }
        refreshValidity();
        describeStatus();
    }

    /** Calls GetParametersForImport for the key and the chosen wrapping, in the background. */
    public void fetchParameters() {
        String keyId = model.keyIdProperty().get();
        Combination chosen = choice.get();
        if (keyId == null || chosen == null) {
            describeStatus();
            return;
        }
        fetchedOnce = true;
        long mine = ++generation;
        Kms kms = model.kms();
        GetParametersForImportRequest request =
                new GetParametersForImportRequest(keyId, chosen.algorithm(), chosen.wrappingKeySpec());
        busy.set(true);
        describeStatus();
        model.executor().execute(() -> kms.getParametersForImport(request), response -> {
            if (mine != generation) {
                return;
            }
            busy.set(false);
            // Parameters belong to one key and one choice: drop an answer for a choice no longer current.
            if (keyId.equals(model.keyIdProperty().get()) && chosen.equals(choice.get())) {
                model.parametersProperty().set(response);
            }
            describeStatus();
        }, failure -> {
            if (mine != generation) {
                return;
            }
            busy.set(false);
            describeStatus();
            // A refusal of a choice no longer current (the key's spec arrived meanwhile) is of no interest.
            if (keyId.equals(model.keyIdProperty().get()) && chosen.equals(choice.get())) {
                model.dialogs().showError("Could not get the wrapping parameters", failure);
            }
        });
    }

    /** Recomputes the countdown from the KMS's clock (the view calls this every second). */
    public void refreshValidity() {
        GetParametersForImportResponse p = model.parametersProperty().get();
        if (p == null) {
            expired.set(false);
            validity.set("");
            return;
        }
        Instant now = model.clock().now();
        Duration left = Duration.between(now, p.parametersValidTo());
        expired.set(left.isNegative() || left.isZero());
        validity.set(validityText(left, p.parametersValidTo()));
    }

    /** "Valid for 23:59:58 more, until …" or "Expired at …". */
    static String validityText(Duration left, Instant validTo) {
        if (left.isNegative() || left.isZero()) {
            return "Expired at " + UNTIL.format(validTo) + ": get new parameters.";
        }
        long seconds = left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
        return String.format("Valid for %02d:%02d:%02d more, until %s.", seconds / 3600, seconds / 60 % 60,
                seconds % 60, UNTIL.format(validTo));
    }

    /** The SHA-256 of {@code publicKey} (DER SubjectPublicKeyInfo), as colon-separated lower-case hex (as openssl dgst -sha256 -c prints it). */
    public static String fingerprint(byte[] publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
            StringBuilder out = new StringBuilder(digest.length * 3);
            for (byte b : digest) {
                if (out.length() > 0) {
                    out.append(':');
                }
                out.append(String.format("%02x", b & 0xff));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Writes the wrapping public key and the import token to {@code directory}, raw
     * ({@value OpenSslCommands#WRAPPING_PUBLIC_KEY}, {@value OpenSslCommands#IMPORT_TOKEN}) and in Base64
     * ({@value OpenSslCommands#PUBLIC_KEY_B64}, {@value OpenSslCommands#IMPORT_TOKEN_B64}), in the background.
     * Existing files of those names are replaced.
     */
    public void saveFiles(Path directory) {
        GetParametersForImportResponse p = model.parametersProperty().get();
        if (p == null || directory == null) {
            return;
        }
        byte[] publicKey = p.publicKey().clone();
        byte[] token = p.importToken().clone();
        busy.set(true);
        model.executor().execute(() -> {
            try {
                write(directory.resolve(OpenSslCommands.WRAPPING_PUBLIC_KEY), publicKey, false);
                write(directory.resolve(OpenSslCommands.IMPORT_TOKEN), token, true);
                write(directory.resolve(OpenSslCommands.PUBLIC_KEY_B64),
                        Base64.getEncoder().encodeToString(publicKey).getBytes(StandardCharsets.US_ASCII), false);
                write(directory.resolve(OpenSslCommands.IMPORT_TOKEN_B64),
                        Base64.getEncoder().encodeToString(token).getBytes(StandardCharsets.US_ASCII), true);
                return directory;
            } finally {
                Arrays.fill(token, (byte) 0);
            }
        }, saved -> {
            busy.set(false);
            describeStatus();
            status.set("Saved " + String.join(", ", OpenSslCommands.WRAPPING_PUBLIC_KEY, OpenSslCommands.IMPORT_TOKEN,
                    OpenSslCommands.PUBLIC_KEY_B64, OpenSslCommands.IMPORT_TOKEN_B64) + " in " + saved + ".");
        }, failure -> {
            busy.set(false);
            describeStatus();
            model.dialogs().showError("Could not save the wrapping parameters", failure);
        });
    }

    private static void write(Path file, byte[] bytes, boolean ownerOnly) throws IOException {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        if (ownerOnly) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException | FileSystemException e) {
                // Not a POSIX file system: the platform's defaults apply.
            }
        }
    }

    // ---------------------------------------------------------------- state

    /** The combinations offered, the recommended one first. */
    public ObservableList<Combination> choices() {
        return choicesView;
    }

    /** The chosen combination; changing it clears the parameters (they belong to one choice). */
    public ObjectProperty<Combination> choiceProperty() {
        return choice;
    }

    /** Which combination is recommended, and why. */
    public ReadOnlyStringProperty recommendationProperty() {
        return recommendation.getReadOnlyProperty();
    }

    /** The wrapping public key's SHA-256 fingerprint; empty without parameters. */
    public StringBinding fingerprint() {
        return fingerprint;
    }

    /** The countdown to the parameters' expiry; empty without parameters. */
    public ReadOnlyStringProperty validityProperty() {
        return validity.getReadOnlyProperty();
    }

    /** Whether the current parameters are past their 24 hours. */
    public ReadOnlyBooleanProperty expiredProperty() {
        return expired.getReadOnlyProperty();
    }

    /** What the step is doing or waiting for. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanBinding hasParameters() {
        return hasParameters;
    }

    /** Whether a call or a save is running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether there is a key to get parameters for. */
    public BooleanBinding hasKey() {
        return hasKey;
    }

    public BooleanBinding valid() {
        return valid;
    }
}
