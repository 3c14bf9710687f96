package dev.byokstudio.ui.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.AccessDeniedException;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.MalformedPolicyDocumentException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.access.KeyPolicyEditorViewModel.Validity;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.ManualDebouncer;
import dev.byokstudio.ui.task.ManualTaskExecutor;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import dev.byokstudio.ui.task.TaskExecutor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key policy editor's view model over an embedded KMS, a fake access control and a debouncer the test times. */
class KeyPolicyEditorViewModelTest {

    private static final String EDITED = FakeAccessControl.consolePolicy();

    private final FakeAccessControl access = new FakeAccessControl();
    private final FakeDialogService dialogs = new FakeDialogService();
    private final ManualDebouncer debouncer = new ManualDebouncer();
    private EmbeddedKms kms;
    private String keyId;
    private String original;

    @BeforeEach
    void setUp() {
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
                new SimulatedClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)), new SecureRandom());
        keyId = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build()).keyMetadata().keyId();
        original = policyInKms();
    }

    private String policyInKms() {
        return kms.getKeyPolicy(new GetKeyPolicyRequest(keyId, "default")).policy();
    }

    private KeyPolicyEditorViewModel editor(Kms over, TaskExecutor executor) {
        KeyPolicyEditorViewModel editor = new KeyPolicyEditorViewModel(over, access, executor, dialogs, debouncer, keyId,
                "alias/payments (" + keyId + ")");
        editor.start();
        return editor;
    }

    private KeyPolicyEditorViewModel editor() {
        return editor(kms, new SameThreadTaskExecutor());
    }

    /** {@code kms}, with PutKeyPolicy failing as {@code refusal}. */
    private Kms refusingPut(KmsException refusal) {
        return (Kms) Proxy.newProxyInstance(Kms.class.getClassLoader(), new Class<?>[] {Kms.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("putKeyPolicy")) {
                        throw refusal;
                    }
                    try {
                        return method.invoke(kms, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void start_readsThePolicy_andChecksIt_withSaveOffUntilItChanges() {
        KeyPolicyEditorViewModel editor = editor();

        assertThat(editor.textProperty().get()).isEqualTo(original);
        assertThat(access.checked).containsExactly(original);
        assertThat(editor.validityProperty().get()).isEqualTo(Validity.VALID);
        assertThat(editor.validityText().get()).isEqualTo("Valid key policy");
        assertThat(editor.templates()).extracting(t -> t.name())
                .containsExactly("Default (account root)", "Key administrators and key users");
        assertThat(editor.canSave().get()).as("nothing changed").isFalse();
        assertThat(debouncer.waiting()).isFalse();
    }

    @Test
    void typing_waitsForAPause_thenChecksOnlyTheLastText() {
        KeyPolicyEditorViewModel editor = editor();

        editor.textProperty().set(EDITED + " ");
        editor.textProperty().set(EDITED + "  ");
        editor.textProperty().set(EDITED);

        assertThat(editor.validityProperty().get()).isEqualTo(Validity.CHECKING);
        assertThat(editor.validityText().get()).isEqualTo("Checking\u2026");
        assertThat(editor.canSave().get()).as("not checked yet").isFalse();
        assertThat(access.checked).hasSize(1);

        debouncer.elapse();

        assertThat(access.checked).hasSize(2).last().isEqualTo(EDITED);
        assertThat(editor.validityProperty().get()).isEqualTo(Validity.VALID);
        assertThat(editor.canSave().get()).isTrue();
    }

    @Test
    void anInvalidDocument_listsItsProblems_andCannotBeSaved() {
        KeyPolicyEditorViewModel editor = editor();

        editor.textProperty().set("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\"}]}");
        debouncer.elapse();

        assertThat(editor.validityProperty().get()).isEqualTo(Validity.INVALID);
        assertThat(editor.problems()).containsExactly("Statement 1 has no Principal.", "Statement 1 has no Action.",
                "Statement 1 has no Resource.");
        assertThat(editor.validityText().get()).isEqualTo("3 problems");
        assertThat(editor.canSave().get()).isFalse();
        editor.save();
        assertThat(policyInKms()).isEqualTo(original);
    }

    @Test
    void aCheckThatReturnsAfterMoreTyping_isDropped() {
        ManualTaskExecutor executor = new ManualTaskExecutor();
        KeyPolicyEditorViewModel editor = editor(kms, executor);
        executor.runAll();

        editor.textProperty().set("{ not json");
        debouncer.elapse();
        editor.textProperty().set(EDITED);
        executor.runAll();

        assertThat(editor.validityProperty().get()).as("the result for the old text is dropped")
                .isEqualTo(Validity.CHECKING);
        assertThat(editor.problems()).isEmpty();

        debouncer.elapse();
        executor.runAll();
        assertThat(editor.validityProperty().get()).isEqualTo(Validity.VALID);
    }

    @Test
    void save_putsThePolicyNamedDefault() {
        KeyPolicyEditorViewModel editor = editor();
        editor.textProperty().set(EDITED);
        debouncer.elapse();

        editor.save();

        assertThat(policyInKms()).isEqualTo(EDITED);
        assertThat(editor.savedProperty().get()).isTrue();
        assertThat(editor.changed().get()).isFalse();
        assertThat(editor.canSave().get()).isFalse();
        assertThat(editor.statusMessageProperty().get()).startsWith("Saved the key policy of alias/payments");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aRefusedSave_showsAwsErrorAndExplanation_andKeepsTheText() {
        AccessDeniedException refused = new AccessDeniedException("User: arn:aws:sts::111122223333:assumed-role/"
                + "KeyUserRole/byok-studio is not authorized to perform: kms:PutKeyPolicy on resource: "
                + FakeAccessControl.keyArn(keyId) + " because no resource-based policy allows the kms:PutKeyPolicy action",
                Explanation.of("The key policy does not let KeyUserRole change it.", "Act as a key administrator."));
        KeyPolicyEditorViewModel editor = editor(refusingPut(refused), new SameThreadTaskExecutor());
        editor.textProperty().set(EDITED);
        debouncer.elapse();

        editor.save();

        assertThat(dialogs.errors).singleElement().satisfies(e -> {
            assertThat(e.whatFailed()).startsWith("Could not save the key policy of alias/payments");
            assertThat(e.error()).isSameAs(refused);
        });
        assertThat(editor.saveErrorProperty().get()).startsWith("Not saved: AccessDeniedException: User: arn:aws:sts::");
        assertThat(editor.savedProperty().get()).isFalse();
        assertThat(editor.textProperty().get()).isEqualTo(EDITED);
        assertThat(editor.canSave().get()).as("the person may try again, as another principal").isTrue();
        assertThat(policyInKms()).isEqualTo(original);
    }

    @Test
    void aPolicyKmsCallsMalformed_isShownWithItsError() {
        KeyPolicyEditorViewModel editor = editor(refusingPut(new MalformedPolicyDocumentException(
                "Policy contains a statement with one or more invalid principals.")), new SameThreadTaskExecutor());
        editor.textProperty().set(EDITED);
        debouncer.elapse();

        editor.save();

        assertThat(dialogs.errors).singleElement().satisfies(e ->
                assertThat(e.error()).isInstanceOf(MalformedPolicyDocumentException.class));
        assertThat(editor.saveErrorProperty().get())
                .isEqualTo("Not saved: MalformedPolicyDocumentException: Policy contains a statement with one or more invalid principals.");
    }

    @Test
    void aTemplate_replacesUneditedTextAtOnce() {
        KeyPolicyEditorViewModel editor = editor();

        boolean replaced = editor.applyTemplate(editor.templates().get(1));

        assertThat(replaced).isTrue();
        assertThat(dialogs.confirmations).isEmpty();
        assertThat(editor.textProperty().get()).isEqualTo(FakeAccessControl.consolePolicy());
        assertThat(editor.edited()).isFalse();
        assertThat(editor.changed().get()).as("not saved yet").isTrue();
        debouncer.elapse();
        assertThat(editor.canSave().get()).isTrue();
    }

    @Test
    void aTemplate_overEditedText_asksFirst_andKeepsTheTextWhenDeclined() {
        KeyPolicyEditorViewModel editor = editor();
        editor.textProperty().set(original.replace("key-default-1", "my-policy"));
        dialogs.confirmAnswer = false;

        boolean replaced = editor.applyTemplate(editor.templates().get(1));

        assertThat(replaced).isFalse();
        assertThat(dialogs.confirmations).containsExactly("Replace the key policy");
        assertThat(editor.textProperty().get()).contains("my-policy");

        dialogs.confirmAnswer = true;
        assertThat(editor.applyTemplate(editor.templates().get(1))).isTrue();
        assertThat(editor.textProperty().get()).isEqualTo(FakeAccessControl.consolePolicy());
    }

    @Test
    void closing_withUnsavedChanges_asks() {
        KeyPolicyEditorViewModel editor = editor();
        assertThat(editor.confirmClose()).isTrue();
        assertThat(dialogs.confirmations).isEmpty();

        editor.textProperty().set(EDITED);
        dialogs.confirmAnswer = false;

        assertThat(editor.confirmClose()).isFalse();
        assertThat(dialogs.confirmations).containsExactly("Discard the changes");
    }

    @Test
    void withoutAccessControl_thereAreNoTemplates_andOnlyJsonIsChecked() {
        KeyPolicyEditorViewModel editor = new KeyPolicyEditorViewModel(kms, null, new SameThreadTaskExecutor(), dialogs,
                debouncer, keyId, keyId);
        editor.start();
        assertThat(editor.templatesAvailable()).isFalse();
        assertThat(editor.templatesUnavailableText()).contains("KMS checks the rest when you save");
        assertThat(editor.templates()).isEmpty();
        assertThat(editor.validityProperty().get()).isEqualTo(Validity.VALID);

        editor.textProperty().set("{\"Statement\": [");
        debouncer.elapse();
        assertThat(editor.validityProperty().get()).isEqualTo(Validity.INVALID);
        assertThat(editor.problems()).singleElement().asString().startsWith("The key policy is not JSON:");

        editor.textProperty().set("  ");
        debouncer.elapse();
        assertThat(editor.problems()).containsExactly("The key policy is empty: KMS needs a policy document.");
        assertThat(access.checked).isEmpty();
    }
}
