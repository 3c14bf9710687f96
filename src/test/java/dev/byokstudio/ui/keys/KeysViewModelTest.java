package dev.byokstudio.ui.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.KmsInternalException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.StudioSession;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.keys.KeysViewModel.DetailField;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key list's view model over an embedded KMS, with a same-thread executor and a fake dialog service. */
class KeysViewModelTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private EmbeddedKms kms;
    private FakeDialogService dialogs;
    private List<String> clipboard;
    private KeysViewModel viewModel;

    @BeforeEach
    void setUp() {
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
                new SimulatedClock(Clock.fixed(START, ZoneOffset.UTC)), new SecureRandom());
        dialogs = new FakeDialogService();
        clipboard = new ArrayList<>();
        viewModel = viewModelOver(kms);
    }

    private KeysViewModel viewModelOver(Kms anyKms) {
        StudioSession session = new StudioSession(anyKms, kms, "111122223333", "us-east-1", "test workspace");
        return new KeysViewModel(session, new SameThreadTaskExecutor(), dialogs, clipboard::add, ZoneOffset.UTC);
    }

    private KeyMetadata createKey(Origin origin, String description) {
        return kms.createKey(CreateKeyRequest.builder().origin(origin).description(description).build()).keyMetadata();
    }

    private KeyRow row(String keyId) {
        return viewModel.allKeys().stream().filter(r -> r.keyId().equals(keyId)).findFirst().orElseThrow();
    }

    private void select(String keyId) {
        viewModel.selectedKeyProperty().set(row(keyId));
    }

    private void createExternalKeyThroughTheDialog(String alias) {
        dialogs.createKeyDialog = form -> {
            form.originProperty().set(Origin.EXTERNAL);
            form.descriptionProperty().set("imported later");
            form.aliasProperty().set(alias);
            AtomicReference<String> created = new AtomicReference<>();
            form.create(created::set);
            return Optional.ofNullable(created.get());
        };
        viewModel.createKey();
    }

    // ---------------------------------------------------------------- loading

    @Test
    void refresh_listsEveryKeyWithItsAliases() {
        KeyMetadata named = createKey(Origin.AWS_KMS, "with aliases");
        KeyMetadata unnamed = createKey(Origin.EXTERNAL, "without alias");
        kms.createAlias(new CreateAliasRequest("alias/zeta", named.keyId()));
        kms.createAlias(new CreateAliasRequest("alias/alpha", named.keyId()));

        viewModel.refresh();

        assertThat(viewModel.visibleKeys()).hasSize(2);
        assertThat(row(named.keyId()).aliases()).containsExactly("alias/alpha", "alias/zeta");
        assertThat(row(named.keyId()).firstAlias()).isEqualTo("alias/alpha");
        assertThat(row(unnamed.keyId()).firstAlias()).isEqualTo(KeyRow.NO_ALIAS);
        assertThat(row(unnamed.keyId()).state()).isEqualTo(KeyState.PendingImport);
        assertThat(viewModel.keyCountText().get()).isEqualTo("2 keys");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void refresh_pagesThroughListKeysBeyondOnePage() {
        for (int i = 0; i < 130; i++) {
            createKey(Origin.EXTERNAL, "key " + i);
        }

        viewModel.refresh();

        assertThat(viewModel.allKeys()).hasSize(130);
    }

    @Test
    void refresh_whenKmsFails_showsTheAwsErrorCode() {
        Kms failing = (Kms) Proxy.newProxyInstance(Kms.class.getClassLoader(), new Class<?>[] {Kms.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("listKeys")) {
                        throw new KmsInternalException("boom");
                    }
                    try {
                        return method.invoke(kms, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        KeysViewModel overFailingKms = viewModelOver(failing);

        overFailingKms.refresh();

        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).error()).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.errorCode()).isEqualTo("KMSInternalException"));
        assertThat(overFailingKms.loadingProperty().get()).isFalse();
    }

    /** {@code kms}, refusing the named operations as AWS refuses a principal no policy allows. */
    private Kms refusing(String... operations) {
        java.util.Set<String> refused = java.util.Set.of(operations);
        return (Kms) Proxy.newProxyInstance(Kms.class.getClassLoader(), new Class<?>[] {Kms.class},
                (proxy, method, args) -> {
                    if (refused.contains(method.getName())) {
                        String action = Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
                        throw new dev.byokstudio.kms.AccessDeniedException("User: arn:aws:sts::111122223333:assumed-role/"
                                + "KeyUserRole/byok-studio is not authorized to perform: kms:" + action
                                + " on resource: * because no identity-based policy allows the kms:" + action + " action",
                                dev.byokstudio.kms.Explanation.of("No policy allows it.", "Act as another principal."));
                    }
                    try {
                        return method.invoke(kms, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void refresh_refusedToThePrincipalActedAs_showsNoKeys_andSaysWhyInTheTable() {
        createKey(Origin.AWS_KMS, "someone else's");
        KeysViewModel refused = viewModelOver(refusing("listKeys"));

        refused.refresh();

        assertThat(refused.allKeys()).isEmpty();
        assertThat(refused.placeholderText().get()).startsWith("KMS refused to list the keys.")
                .contains("AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/KeyUserRole/byok-studio");
        assertThat(dialogs.errors).singleElement().satisfies(e -> {
            assertThat(e.whatFailed()).isEqualTo("Could not list the keys");
            assertThat(e.error()).isInstanceOf(dev.byokstudio.kms.AccessDeniedException.class);
        });
    }

    @Test
    void details_thatThePrincipalMayNotRead_sayItWasRefused_withoutAnErrorDialog() {
        KeyMetadata key = createKey(Origin.AWS_KMS, "use only");
        KeysViewModel refused = viewModelOver(refusing("getKeyPolicy", "listResourceTags", "listKeyRotations"));
        refused.refresh();

        refused.selectedKeyProperty().set(refused.allKeys().get(0));

        assertThat(refused.selectedPolicyProperty().get()).startsWith("Not shown: GetKeyPolicy was refused.")
                .contains("not authorized to perform: kms:GetKeyPolicy");
        assertThat(refused.selectedTags()).isEmpty();
        assertThat(refused.selectedTimeline()).singleElement().asString().contains("Created");
        assertThat(refused.details()).extracting(DetailField::value).contains(key.keyId());
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void editPolicy_opensTheEditorOnTheSelectedKey_andShowsTheSavedPolicy() {
        KeyMetadata key = createKey(Origin.EXTERNAL, "policy to edit");
        dev.byokstudio.ui.task.ManualDebouncer debouncer = new dev.byokstudio.ui.task.ManualDebouncer();
        KeysViewModel withEditor = new KeysViewModel(new StudioSession(kms, kms, "111122223333", "us-east-1", "test"),
                new SameThreadTaskExecutor(), dialogs, clipboard::add, ZoneOffset.UTC, () -> debouncer);
        withEditor.refresh();
        assertThat(withEditor.canEditPolicy().get()).isFalse();
        withEditor.selectedKeyProperty().set(withEditor.allKeys().get(0));
        String edited = withEditor.selectedPolicyProperty().get().replace("key-default-1", "edited-in-the-editor");
        dialogs.keyPolicyEditor = editor -> {
            editor.start();
            editor.textProperty().set(edited);
            debouncer.elapse();
            editor.save();
        };

        withEditor.editPolicyOfSelected();

        assertThat(dialogs.keyPolicyEditorsShown).containsExactly(key.keyId());
        assertThat(withEditor.selectedPolicyProperty().get()).contains("edited-in-the-editor");
        assertThat(withEditor.statusMessageProperty().get()).startsWith("Saved the key policy of");
        assertThat(dialogs.errors).isEmpty();
    }

    // ---------------------------------------------------------------- create

    @Test
    void createKey_withExternalOrigin_appearsPendingImportAndSelected() {
        createExternalKeyThroughTheDialog("alias/imported");

        assertThat(viewModel.allKeys()).hasSize(1);
        KeyRow created = viewModel.allKeys().get(0);
        assertThat(created.state()).isEqualTo(KeyState.PendingImport);
        assertThat(created.origin()).isEqualTo(Origin.EXTERNAL);
        assertThat(created.aliases()).containsExactly("alias/imported");
        assertThat(viewModel.selectedKeyProperty().get()).isEqualTo(created);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void createKey_cancelled_changesNothing() {
        viewModel.refresh();

        viewModel.createKey();

        assertThat(viewModel.allKeys()).isEmpty();
        assertThat(dialogs.errors).isEmpty();
    }

    // ---------------------------------------------------------------- which actions are offered

    @Test
    void pendingImportKey_canBeDeletedOrAliasedButNotEnabledOrDisabled() {
        createExternalKeyThroughTheDialog("");

        assertThat(viewModel.canEnable().get()).isFalse();
        assertThat(viewModel.canDisable().get()).isFalse();
        assertThat(viewModel.canScheduleDeletion().get()).isTrue();
        assertThat(viewModel.canCancelDeletion().get()).isFalse();
        assertThat(viewModel.canAddAlias().get()).isTrue();
        assertThat(viewModel.canCopyArn().get()).isTrue();
    }

    @Test
    void enabledKey_canBeDisabledButNotEnabled() {
        KeyMetadata key = createKey(Origin.AWS_KMS, null);
        viewModel.refresh();
        select(key.keyId());

        assertThat(viewModel.canEnable().get()).isFalse();
        assertThat(viewModel.canDisable().get()).isTrue();
        assertThat(viewModel.canCancelDeletion().get()).isFalse();
    }

    @Test
    void withoutSelection_onlyCreateAndRefreshAreOffered() {
        createKey(Origin.AWS_KMS, null);
        viewModel.refresh();

        assertThat(viewModel.canEnable().get()).isFalse();
        assertThat(viewModel.canDisable().get()).isFalse();
        assertThat(viewModel.canScheduleDeletion().get()).isFalse();
        assertThat(viewModel.canCancelDeletion().get()).isFalse();
        assertThat(viewModel.canAddAlias().get()).isFalse();
        assertThat(viewModel.canCopyArn().get()).isFalse();
    }

    // ---------------------------------------------------------------- lifecycle commands

    @Test
    void disableThenEnable_changesTheStateAndKeepsTheSelection() {
        KeyMetadata key = createKey(Origin.AWS_KMS, null);
        viewModel.refresh();
        select(key.keyId());

        viewModel.disableSelected();

        assertThat(dialogs.confirmations).containsExactly("Disable key");
        assertThat(viewModel.selectedKeyProperty().get().keyId()).isEqualTo(key.keyId());
        assertThat(viewModel.selectedKeyProperty().get().state()).isEqualTo(KeyState.Disabled);
        assertThat(viewModel.canEnable().get()).isTrue();

        viewModel.enableSelected();

        assertThat(viewModel.selectedKeyProperty().get().state()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void disable_notConfirmed_leavesTheKeyEnabled() {
        KeyMetadata key = createKey(Origin.AWS_KMS, null);
        viewModel.refresh();
        select(key.keyId());
        dialogs.confirmAnswer = false;

        viewModel.disableSelected();

        assertThat(row(key.keyId()).state()).isEqualTo(KeyState.Enabled);
    }

    @Test
    void scheduleDeletion_thenClockPassesTheWaitingPeriod_keyIsGoneAfterRefresh() {
        createExternalKeyThroughTheDialog("alias/doomed");
        String keyId = viewModel.selectedKeyProperty().get().keyId();
        dialogs.deletionWindowAnswer = Optional.of(30);

        viewModel.scheduleDeletionOfSelected();

        KeyRow pending = viewModel.selectedKeyProperty().get();
        assertThat(pending.keyId()).isEqualTo(keyId);
        assertThat(pending.state()).isEqualTo(KeyState.PendingDeletion);
        assertThat(pending.deletionDate()).isEqualTo(START.plus(Duration.ofDays(30)));
        assertThat(viewModel.stateNote(pending)).isEqualTo("deletion 2026-01-31 00:00");
        assertThat(viewModel.canCancelDeletion().get()).isTrue();
        assertThat(viewModel.canAddAlias().get()).isFalse();

        kms.advance(Duration.ofDays(31));
        viewModel.refresh();

        assertThat(viewModel.allKeys()).isEmpty();
        assertThat(viewModel.selectedKeyProperty().get()).isNull();
        assertThat(viewModel.details()).isEmpty();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void cancelDeletion_ofKeyWithoutMaterial_returnsItToPendingImport() {
        createExternalKeyThroughTheDialog("");
        viewModel.scheduleDeletionOfSelected();

        viewModel.cancelDeletionOfSelected();

        assertThat(viewModel.selectedKeyProperty().get().state()).isEqualTo(KeyState.PendingImport);
    }

    @Test
    void addAlias_addsTheAliasAndKeepsTheSelection() {
        KeyMetadata key = createKey(Origin.AWS_KMS, null);
        viewModel.refresh();
        select(key.keyId());
        dialogs.aliasNameAnswer = Optional.of("alias/payments");

        viewModel.addAliasToSelected();

        assertThat(viewModel.selectedKeyProperty().get().aliases()).containsExactly("alias/payments");
        assertThat(viewModel.selectedAliases()).containsExactly("alias/payments");
    }

    @Test
    void addAlias_thatExists_showsAlreadyExistsException() {
        KeyMetadata first = createKey(Origin.AWS_KMS, null);
        KeyMetadata second = createKey(Origin.AWS_KMS, null);
        kms.createAlias(new CreateAliasRequest("alias/taken", first.keyId()));
        viewModel.refresh();
        select(second.keyId());
        dialogs.aliasNameAnswer = Optional.of("alias/taken");

        viewModel.addAliasToSelected();

        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).whatFailed()).contains("alias/taken");
        assertThat(dialogs.errors.get(0).error()).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.errorCode()).isEqualTo("AlreadyExistsException"));
        assertThat(viewModel.selectedKeyProperty().get().keyId()).isEqualTo(second.keyId());
    }

    @Test
    void enable_whenTheKeyChangedBehindTheView_showsKmsInvalidStateAndShowsTheNewState() {
        KeyMetadata key = createKey(Origin.AWS_KMS, null);
        kms.disableKey(new DisableKeyRequest(key.keyId()));
        viewModel.refresh();
        select(key.keyId());
        kms.scheduleKeyDeletion(new ScheduleKeyDeletionRequest(key.keyId(), 7));

        viewModel.enableSelected();

        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).error()).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.errorCode()).isEqualTo("KMSInvalidStateException"));
        assertThat(viewModel.selectedKeyProperty().get().state()).isEqualTo(KeyState.PendingDeletion);
    }

    @Test
    void copyArn_putsTheSelectedKeysArnOnTheClipboard() {
        KeyMetadata key = createKey(Origin.AWS_KMS, null);
        viewModel.refresh();
        select(key.keyId());

        viewModel.copyArnOfSelected();

        assertThat(clipboard).containsExactly("arn:aws:kms:us-east-1:111122223333:key/" + key.keyId());
    }

    // ---------------------------------------------------------------- search and details

    @Test
    void search_filtersByAliasKeyIdDescriptionAndKeySpec() {
        KeyMetadata payments = createKey(Origin.AWS_KMS, "Payments ledger");
        KeyMetadata hmac = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsage.GENERATE_VERIFY_MAC).build()).keyMetadata();
        KeyMetadata imported = createKey(Origin.EXTERNAL, null);
        kms.createAlias(new CreateAliasRequest("alias/backup", imported.keyId()));
        viewModel.refresh();

        viewModel.searchTextProperty().set("LEDGER");
        assertThat(viewModel.visibleKeys()).extracting(KeyRow::keyId).containsExactly(payments.keyId());

        viewModel.searchTextProperty().set("hmac_256");
        assertThat(viewModel.visibleKeys()).extracting(KeyRow::keyId).containsExactly(hmac.keyId());

        viewModel.searchTextProperty().set("backup");
        assertThat(viewModel.visibleKeys()).extracting(KeyRow::keyId).containsExactly(imported.keyId());

        viewModel.searchTextProperty().set(imported.keyId().substring(0, 8));
        assertThat(viewModel.visibleKeys()).extracting(KeyRow::keyId).contains(imported.keyId());

        viewModel.searchTextProperty().set("no such key");
        assertThat(viewModel.visibleKeys()).isEmpty();
        assertThat(viewModel.keyCountText().get()).isEqualTo("0 of 3 keys");
        assertThat(viewModel.placeholderText().get()).contains("no such key");

        viewModel.searchTextProperty().set("  ");
        assertThat(viewModel.visibleKeys()).hasSize(3);
    }

    @Test
    void search_thatHidesTheSelectedKey_clearsTheSelection() {
        KeyMetadata key = createKey(Origin.AWS_KMS, "visible");
        viewModel.refresh();
        select(key.keyId());

        viewModel.searchTextProperty().set("something else");

        assertThat(viewModel.selectedKeyProperty().get()).isNull();
    }

    @Test
    void selectingAKey_showsItsPresentFieldsTagsAndPolicy() {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).description("tagged")
                .tags(List.of(new Tag("team", "payments"))).build()).keyMetadata();
        viewModel.refresh();

        select(key.keyId());

        assertThat(viewModel.details()).extracting(DetailField::label)
                .contains("Key ID", "ARN", "Description", "Key state", "Created", "Key spec", "Key usage", "Origin")
                .doesNotContain("Deletion date", "Material valid to");
        assertThat(viewModel.details()).contains(new DetailField("ARN", key.arn(), true),
                new DetailField("Created", "2026-01-01 00:00:00 Z", false));
        assertThat(viewModel.selectedTags()).containsExactly(new Tag("team", "payments"));
        assertThat(viewModel.selectedPolicyProperty().get()).contains("\"Version\"");
    }

    @Test
    void emptyAccount_saysHowToCreateAKey() {
        assertThat(viewModel.placeholderText().get()).isEqualTo("Loading keys…");

        viewModel.refresh();

        assertThat(viewModel.placeholderText().get()).contains("No keys").contains("Create key");
    }

    // ---------------------------------------------------------------- import wizard

    @Test
    void importWizard_startsAtCreatingTheKeyAndSelectsWhatItCreated() {
        dialogs.importWizard = (model, step) -> model.keyIdProperty().set(createKey(Origin.EXTERNAL, "from the wizard").keyId());

        viewModel.startImportWizard();

        assertThat(dialogs.importWizardsShown).containsExactly(0);
        assertThat(viewModel.selectedKeyProperty().get().metadata().description()).isEqualTo("from the wizard");
    }

    @Test
    void importIntoSelected_opensTheWizardAtTheWrappingParametersForThatKey() {
        KeyMetadata external = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL)
                .keySpec(dev.byokstudio.kms.KeySpec.RSA_2048).keyUsage(dev.byokstudio.kms.KeyUsage.SIGN_VERIFY).build())
                .keyMetadata();
        viewModel.refresh();
        select(external.keyId());
        AtomicReference<dev.byokstudio.ui.wizard.ImportWizardModel> seen = new AtomicReference<>();
        dialogs.importWizard = (model, step) -> seen.set(model);

        assertThat(viewModel.canImport().get()).isTrue();
        viewModel.importIntoSelected();

        assertThat(dialogs.importWizardsShown).containsExactly(1);
        assertThat(seen.get().keyIdProperty().get()).isEqualTo(external.keyId());
        assertThat(seen.get().keySpecProperty().get()).isEqualTo(dev.byokstudio.kms.KeySpec.RSA_2048);
        assertThat(seen.get().keyUsageProperty().get()).isEqualTo(dev.byokstudio.kms.KeyUsage.SIGN_VERIFY);
    }

    @Test
    void importIsOfferedOnlyForExternalKeys() {
        KeyMetadata generated = createKey(Origin.AWS_KMS, "generated");
        viewModel.refresh();
        select(generated.keyId());

        assertThat(viewModel.canImport().get()).isFalse();
        assertThat(viewModel.canDeleteImportedMaterial().get()).isFalse();
    }

    @Test
    void deleteImportedMaterial_afterConfirmation_leavesTheKeyPendingImport() {
        KeyMetadata external = createKey(Origin.EXTERNAL, "imported");
        importMaterial(external.keyId(), null, dev.byokstudio.kms.ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE);
        viewModel.refresh();
        select(external.keyId());
        assertThat(viewModel.canDeleteImportedMaterial().get()).isTrue();

        viewModel.deleteImportedMaterialOfSelected();

        assertThat(dialogs.confirmations).containsExactly("Delete imported key material");
        assertThat(row(external.keyId()).state()).isEqualTo(KeyState.PendingImport);
    }

    @Test
    void expiryText_saysWhatIsLeftOnTheKmsClock() {
        KeyMetadata generated = createKey(Origin.AWS_KMS, "generated");
        KeyMetadata pending = createKey(Origin.EXTERNAL, "pending");
        viewModel.refresh();

        assertThat(viewModel.expiryText(row(generated.keyId()))).isEqualTo("\u2014");
        assertThat(viewModel.expiryText(row(pending.keyId()))).isEqualTo("no material");
    }

    @Test
    void timeline_showsCreationAndTheMaterialsExpiryAhead() {
        KeyMetadata external = createKey(Origin.EXTERNAL, "expiring");
        importMaterial(external.keyId(), START.plus(java.time.Duration.ofDays(10)),
                dev.byokstudio.kms.ExpirationModel.KEY_MATERIAL_EXPIRES);
        viewModel.refresh();

        select(external.keyId());

        assertThat(viewModel.selectedTimeline()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(viewModel.selectedTimeline().get(0)).startsWith("2026-01-01 00:00").endsWith("Created (EXTERNAL)");
        assertThat(viewModel.selectedTimeline()).anyMatch(line -> line.startsWith("2026-01-11 00:00  (ahead)")
                && line.contains("expires"));
        assertThat(viewModel.expiryText(row(external.keyId()))).isEqualTo("2026-01-11 00:00 (in 10 d 0 h)");
    }

    /** Imports 32 random bytes into an EXTERNAL symmetric key, as AWS documents it. */
    private void importMaterial(String keyId, Instant validTo, dev.byokstudio.kms.ExpirationModel model) {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        dev.byokstudio.kms.GetParametersForImportResponse parameters = kms.getParametersForImport(
                new dev.byokstudio.kms.GetParametersForImportRequest(keyId,
                        dev.byokstudio.kms.WrappingAlgorithm.RSAES_OAEP_SHA_256, dev.byokstudio.kms.WrappingKeySpec.RSA_2048));
        byte[] wrapped;
        try {
            wrapped = dev.byokstudio.material.KeyWrapping.wrap(dev.byokstudio.kms.SecretBytes.copyOf(material),
                    dev.byokstudio.material.WrappingKeys.publicKey(parameters.publicKey()),
                    dev.byokstudio.kms.WrappingAlgorithm.RSAES_OAEP_SHA_256, new SecureRandom());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        kms.importKeyMaterial(new dev.byokstudio.kms.ImportKeyMaterialRequest(keyId, parameters.importToken(), wrapped,
                validTo, model, null, null, null));
    }
}
