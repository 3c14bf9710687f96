package dev.byokstudio.ui.dialog;

import dev.byokstudio.ui.keys.create.CreateKeyViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A {@link DialogService} for view-model tests: answers as told, and records what it was asked to show. */
public final class FakeDialogService implements DialogService {

    /** One error shown. */
    public record ShownError(String whatFailed, Throwable error) {
    }

    public final List<ShownError> errors = new ArrayList<>();
    public final List<String> confirmations = new ArrayList<>();
    public final List<String> informations = new ArrayList<>();
    public boolean confirmAnswer = true;
    public Optional<Integer> deletionWindowAnswer = Optional.of(30);
    public Optional<String> aliasNameAnswer = Optional.empty();
    public Optional<char[]> passwordAnswer = Optional.empty();
    /** Plays the person in the import wizard; by default, closes it at once. */
    public java.util.function.BiConsumer<dev.byokstudio.ui.wizard.ImportWizardModel, Integer> importWizard = (model, step) -> { };
    public final List<Integer> importWizardsShown = new ArrayList<>();
    public final List<String> passwordQuestions = new ArrayList<>();
    /** Plays the person in the Create key dialog; by default, cancels. */
    public Function<CreateKeyViewModel, Optional<String>> createKeyDialog = form -> Optional.empty();

    @Override
    public void showError(String whatFailed, Throwable error) {
        errors.add(new ShownError(whatFailed, error));
    }

    @Override
    public void showInformation(String title, String text) {
        informations.add(title + ": " + text);
    }

    @Override
    public boolean confirm(String title, String text) {
        confirmations.add(title);
        return confirmAnswer;
    }

    @Override
    public Optional<Integer> askDeletionWindow(String keyLabel, int minDays, int maxDays, int defaultDays) {
        return deletionWindowAnswer;
    }

    @Override
    public Optional<String> askAliasName(String keyLabel) {
        return aliasNameAnswer;
    }

    @Override
    public Optional<String> showCreateKeyDialog(CreateKeyViewModel viewModel) {
        return createKeyDialog.apply(viewModel);
    }

    @Override
    public Optional<char[]> askPassword(String title, String text) {
        passwordQuestions.add(title);
        return passwordAnswer.map(char[]::clone);
    }

    @Override
    public void showImportWizard(dev.byokstudio.ui.wizard.ImportWizardModel model, int firstStep) {
        importWizardsShown.add(firstStep);
        importWizard.accept(model, firstStep);
    }

    /** Plays the person in the key policy editor; by default, closes it at once. */
    public java.util.function.Consumer<dev.byokstudio.ui.access.KeyPolicyEditorViewModel> keyPolicyEditor = editor -> { };
    public final List<String> keyPolicyEditorsShown = new ArrayList<>();

    @Override
    public void showKeyPolicyEditor(dev.byokstudio.ui.access.KeyPolicyEditorViewModel editor) {
        keyPolicyEditorsShown.add(editor.keyId());
        keyPolicyEditor.accept(editor);
    }
}
