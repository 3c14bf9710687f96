package dev.byokstudio.ui.dialog;

import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.ui.AppIcons;
import dev.byokstudio.ui.keys.AliasNames;
import dev.byokstudio.ui.keys.create.CreateKeyDialog;
import dev.byokstudio.ui.keys.create.CreateKeyViewModel;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * The {@link DialogService} that shows JavaFX dialogs, owned by the main window and styled with its
 * stylesheets.
 */
public final class FxDialogService implements DialogService {

    private static final System.Logger LOG = System.getLogger(FxDialogService.class.getName());
    private static final String APP_TITLE = "BYOK Studio";
    private static final double TEXT_WIDTH = 520;

    private final Window owner;

    /** @param owner the window that owns every dialog; null for none */
    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    // ---------------------------------------------------------------- errors

    @Override
    public void showError(String whatFailed, Throwable error) {
        // The technical record goes to the log; the person sees the explanation, never the stack trace.
        LOG.log(System.Logger.Level.DEBUG, whatFailed, error);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        prepare(alert);
        alert.setTitle(APP_TITLE + " \u2014 error");
        alert.setHeaderText(whatFailed);
        alert.getDialogPane().setContent(errorContent(error));
        alert.getDialogPane().getStyleClass().add("error-dialog");
        alert.showAndWait();
    }

    private static Node errorContent(Throwable error) {
        KmsException kms = kmsExceptionIn(error);
        VBox content = new VBox();
        content.getStyleClass().add("explanation");
        String code;
        String message;
        Explanation explanation;
        if (kms != null) {
            code = kms.errorCode();
            message = kms.awsMessage().isEmpty() ? "(AWS sends no message with this error.)" : kms.awsMessage();
            explanation = kms.explanation() == null ? fallbackExplanation(kms) : kms.explanation();
        } else {
            code = error.getClass().getSimpleName();
            message = error.getMessage() == null ? "(no message)" : error.getMessage();
            explanation = null;
        }
        Label codeLabel = wrapped(code, "error-code");
        Label messageLabel = wrapped(message, "error-message");
        VBox awsBox = new VBox(codeLabel, messageLabel);
        awsBox.getStyleClass().add("aws-error");
        content.getChildren().add(awsBox);
        if (explanation != null) {
            content.getChildren().addAll(heading("What happened"), wrapped(explanation.whatHappened(), "explanation-text"));
            List<String> causes = explanation.likelyCauses();
            if (!causes.isEmpty()) {
                content.getChildren().add(heading(causes.size() == 1 ? "Likely cause" : "Likely causes"));
                VBox list = new VBox();
                list.getStyleClass().add("cause-list");
                for (String cause : causes) {
                    list.getChildren().add(wrapped("\u2022  " + cause, "cause"));
                }
                content.getChildren().add(list);
            }
            content.getChildren().addAll(heading("What to do"), wrapped(explanation.whatToDo(), "explanation-text"));
        } else {
            content.getChildren().addAll(heading("What happened"),
                    wrapped("BYOK Studio met an error it did not expect. This is not an error that AWS KMS would "
                            + "return.", "explanation-text"),
                    heading("What to do"),
                    wrapped("Try again. If it happens again, report it with the steps that led to it.",
                            "explanation-text"));
        }
        return content;
    }

    /**
     * What to tell a person about an AWS error that came without BYOK Studio's explanation (another KMS, a newer
     * error): it is still AWS's answer, not an unexpected failure.
     */
    static Explanation fallbackExplanation(KmsException error) {
        if (error instanceof dev.byokstudio.kms.AccessDeniedException) {
            return Explanation.of("KMS refused the call: no policy allows the principal the action on this resource, "
                            + "or a policy denies it.",
                    "Act as a principal that is allowed (Acting as, in the status bar), or change the key policy "
                            + "(Keys \u2192 Edit key policy\u2026). Policies \u2192 Simulate access\u2026 shows "
                            + "which statement decides.",
                    "The key policy does not name the principal, nor delegate to the account's IAM policies.",
                    "No IAM policy of the principal allows the action, or one denies it.");
        }
        return Explanation.of("AWS KMS answered with " + error.errorCode() + ".",
                "Read AWS's message above; the AWS KMS API reference describes this error for the operation.");
    }

    /** The first {@link KmsException} in the cause chain of {@code error}, or null. */
    static KmsException kmsExceptionIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KmsException) {
                return (KmsException) t;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- simple dialogs

    @Override
    public void showInformation(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        prepare(alert);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setContent(wrapped(text, "explanation-text"));
        alert.showAndWait();
    }

    @Override
    public boolean confirm(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        prepare(alert);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setContent(wrapped(text, "explanation-text"));
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    // ---------------------------------------------------------------- input dialogs

    @Override
    public Optional<Integer> askDeletionWindow(String keyLabel, int minDays, int maxDays, int defaultDays) {
        Dialog<Integer> dialog = new Dialog<>();
        prepare(dialog);
        dialog.setTitle("Schedule key deletion");
        dialog.setHeaderText("Schedule the deletion of " + keyLabel);
        ButtonType schedule = new ButtonType("Schedule deletion", ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(schedule, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(schedule).getStyleClass().add("danger");

        Spinner<Integer> days = new Spinner<>(minDays, maxDays, defaultDays);
        days.setEditable(true);
        days.setPrefWidth(100);
        days.setId("deletionWindowDays");
        Label daysLabel = new Label("Waiting period (" + minDays + "\u2013" + maxDays + " days)");
        daysLabel.setLabelFor(days);
        GridPane form = form();
        form.addRow(0, daysLabel, days);

        Label warning = wrapped("When the waiting period ends, KMS deletes the key and its aliases for good, and "
                + "nothing encrypted under the key can be decrypted again. Until then the key cannot be used, "
                + "and you can cancel the deletion.", "warning-text");
        VBox content = new VBox(form, warning);
        content.getStyleClass().add("dialog-form");
        dialog.getDialogPane().setContent(content);
        dialog.setResultConverter(button -> {
            if (button != schedule) {
                return null;
            }
            commitSpinnerText(days);
            return days.getValue();
        });
        Platform.runLater(days::requestFocus);
        return dialog.showAndWait();
    }

    /** Takes what was typed in an editable spinner that was not yet committed with Enter; the range still holds. */
    private static void commitSpinnerText(Spinner<Integer> spinner) {
        try {
            Integer typed = spinner.getValueFactory().getConverter().fromString(spinner.getEditor().getText().strip());
            if (typed != null) {
                spinner.getValueFactory().setValue(typed);
            }
        } catch (RuntimeException notANumber) {
            // keep the spinner's value
        }
    }

    @Override
    public Optional<char[]> askPassword(String title, String text) {
        Dialog<char[]> dialog = new Dialog<>();
        prepare(dialog);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        ButtonType ok = new ButtonType("OK", ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        javafx.scene.control.PasswordField password = new javafx.scene.control.PasswordField();
        password.setId("password");
        password.setPrefColumnCount(28);
        Label passwordLabel = new Label("Password");
        passwordLabel.setLabelFor(password);
        GridPane form = form();
        form.addRow(0, passwordLabel, password);
        VBox content = new VBox(wrapped(text, "hint"), form);
        content.getStyleClass().add("dialog-form");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().lookupButton(ok).disableProperty().bind(password.textProperty().isEmpty());
        dialog.setResultConverter(button -> button == ok ? password.getText().toCharArray() : null);
        Platform.runLater(password::requestFocus);
        Optional<char[]> answer = dialog.showAndWait();
        password.clear();
        return answer;
    }

    @Override
    public Optional<String> askAliasName(String keyLabel) {
        Dialog<String> dialog = new Dialog<>();
        prepare(dialog);
        dialog.setTitle("Add alias");
        dialog.setHeaderText("Add an alias to " + keyLabel);
        ButtonType add = new ButtonType("Add alias", ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(add, ButtonType.CANCEL);

        TextField name = new TextField(AliasNames.PREFIX);
        name.setId("aliasName");
        name.setPrefColumnCount(28);
        Label nameLabel = new Label("Alias name");
        nameLabel.setLabelFor(name);
        StringBinding problem = Bindings.createStringBinding(
                () -> AliasNames.problem(name.getText().strip()).orElse(""), name.textProperty());
        Label problemLabel = wrapped("", "error-text");
        problemLabel.textProperty().bind(problem);
        problemLabel.visibleProperty().bind(problem.isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());

        GridPane form = form();
        form.addRow(0, nameLabel, name);
        form.add(problemLabel, 1, 1);
        Label hint = wrapped("An alias is a friendly name for the key. Applications can name the key by its alias, "
                + "and you can later point the alias at another key.", "hint");
        VBox content = new VBox(form, hint);
        content.getStyleClass().add("dialog-form");
        dialog.getDialogPane().setContent(content);

        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(name, false, (control, value) -> {
            Optional<String> p = AliasNames.problem(value == null ? "" : value.toString().strip());
            return ValidationResult.fromErrorIf(control, p.orElse(""), p.isPresent());
        });
        dialog.getDialogPane().lookupButton(add).disableProperty().bind(problem.isNotEmpty());
        dialog.setResultConverter(button -> button == add ? name.getText().strip() : null);
        Platform.runLater(() -> {
            name.requestFocus();
            name.end();
        });
        return dialog.showAndWait();
    }

    @Override
    public Optional<String> showCreateKeyDialog(CreateKeyViewModel viewModel) {
        CreateKeyDialog dialog = new CreateKeyDialog(viewModel);
        prepare(dialog);
        return dialog.showAndWait();
    }

    // ---------------------------------------------------------------- helpers

    /** Owner, icon, stylesheets and sizing shared by every dialog. */
    private void prepare(Dialog<?> dialog) {
        if (owner != null) {
            dialog.initOwner(owner);
            if (owner.getScene() != null) {
                dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
            }
        }
        AppIcons.apply(dialog);
        dialog.setResizable(true);
        dialog.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        return grid;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("explanation-heading");
        return label;
    }

    private static Label wrapped(String text, String styleClass) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMaxWidth(TEXT_WIDTH);
        label.setPrefWidth(TEXT_WIDTH);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().add(styleClass);
        return label;
    }

    @Override
    public void showImportWizard(dev.byokstudio.ui.wizard.ImportWizardModel model, int firstStep) {
        dev.byokstudio.ui.wizard.ImportWizards.showAndWait(model, firstStep, owner);
    }

    @Override
    public void showKeyPolicyEditor(dev.byokstudio.ui.access.KeyPolicyEditorViewModel editor) {
        dev.byokstudio.ui.access.KeyPolicyEditorView.showAndWait(editor, owner);
    }
}
