package dev.byokstudio.ui.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.AccessControl.SimulationRequest;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.ui.access.PolicySimulatorViewModel.ContextEntry;
import dev.byokstudio.ui.access.PolicySimulatorViewModel.Decision;
import dev.byokstudio.ui.access.PolicySimulatorViewModel.KeyChoice;
import dev.byokstudio.ui.access.PolicySimulatorViewModel.RequestValue;
import dev.byokstudio.ui.access.PolicySimulatorViewModel.StatementView;
import dev.byokstudio.ui.dialog.FakeDialogService;
import dev.byokstudio.ui.task.SameThreadTaskExecutor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The policy simulator's view model over a fake access control with a small rule-based simulator. */
class PolicySimulatorViewModelTest {

    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

    private final FakeAccessControl access = new FakeAccessControl();
    private final FakeDialogService dialogs = new FakeDialogService();
    private PolicySimulatorViewModel viewModel;

    @BeforeEach
    void setUp() {
        access.keyIds.add(KEY_ID);
        viewModel = new PolicySimulatorViewModel(access, new SameThreadTaskExecutor(), dialogs,
                List.of(new KeyChoice(KEY_ID, "alias/payments (" + KEY_ID + ")")), KEY_ID);
        viewModel.start();
    }

    private RequestValue requestValue(String conditionKey) {
        return viewModel.requestValues().stream().filter(r -> r.conditionKey().equals(conditionKey)).findFirst()
                .orElseThrow();
    }

    private SimulationRequest lastRequest() {
        return access.simulations.get(access.simulations.size() - 1);
    }

    @Test
    void start_asksForWhoIsActedAs_GetParametersForImport_andTheSelectedKey() {
        assertThat(viewModel.principalProperty().get()).isEqualTo(FakeAccessControl.ADMINISTRATOR);
        assertThat(viewModel.principals()).hasSize(4);
        assertThat(viewModel.actions()).contains("kms:CreateKey", "kms:ImportKeyMaterial");
        assertThat(viewModel.actionProperty().get()).isEqualTo("kms:GetParametersForImport");
        assertThat(viewModel.requestValues()).extracting(RequestValue::conditionKey)
                .containsExactly("kms:WrappingAlgorithm", "kms:WrappingKeySpec");
        assertThat(viewModel.keyTextProperty().get()).isEqualTo(KEY_ID);
        assertThat(viewModel.keyApplies().get()).isTrue();
        assertThat(viewModel.canEvaluate().get()).isTrue();
        assertThat(viewModel.decisionProperty().get()).as("nothing evaluated yet").isNull();
    }

    @Test
    void anAllowedRequest_showsTheDecision_eachDecidingStatementWithItsJson_andTheContext() {
        viewModel.evaluate();

        assertThat(viewModel.decisionProperty().get()).isEqualTo(Decision.ALLOWED);
        assertThat(Decision.ALLOWED.text()).isEqualTo("Allowed");
        assertThat(viewModel.accessDeniedMessageProperty().get()).isEmpty();
        assertThat(viewModel.statements()).extracting(StatementView::heading).containsExactly(
                "Key policy \u00b7 default \u00b7 Sid \u201cEnable IAM User Permissions\u201d",
                "IAM policy \u00b7 AdministratorAccess \u00b7 no Sid");
        assertThat(viewModel.statements().get(0).json()).contains("\"Sid\": \"Enable IAM User Permissions\"")
                .contains("\n");
        assertThat(viewModel.context()).extracting(ContextEntry::key).isSorted()
                .contains("aws:PrincipalArn", "kms:CallerAccount", "kms:KeyOrigin");
        assertThat(viewModel.evaluatedResourceProperty().get()).isEqualTo(FakeAccessControl.keyArn(KEY_ID));
        assertThat(viewModel.evaluatedRequestProperty().get()).contains("Administrator").contains(KEY_ID);
        assertThat(lastRequest()).isEqualTo(new SimulationRequest("Administrator", "kms:GetParametersForImport", KEY_ID,
                Map.of()));
    }

    @Test
    void aRequestNoStatementAllows_isAnImplicitDeny_withAwsMessageAndNoStatement() {
        viewModel.principalProperty().set(FakeAccessControl.KEY_USER_ROLE);

        viewModel.evaluate();

        assertThat(viewModel.decisionProperty().get()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(Decision.IMPLICIT_DENY.text()).isEqualTo("Denied \u2014 implicit");
        assertThat(Decision.IMPLICIT_DENY.explanation()).contains("No statement allows");
        assertThat(viewModel.accessDeniedMessageProperty().get()).isEqualTo("User: arn:aws:sts::111122223333:"
                + "assumed-role/KeyUserRole/byok-studio is not authorized to perform: kms:GetParametersForImport on "
                + "resource: " + FakeAccessControl.keyArn(KEY_ID) + " because no resource-based policy allows the "
                + "kms:GetParametersForImport action");
        assertThat(viewModel.statements()).isEmpty();
    }

    @Test
    void requestValues_areSplitAtCommas_andADenyStatementMakesAnExplicitDeny() {
        requestValue("kms:WrappingAlgorithm").valuesProperty().set(" RSAES_PKCS1_V1_5 ,RSAES_OAEP_SHA_1, ");

        viewModel.evaluate();

        assertThat(lastRequest().requestValues()).containsExactly(
                Map.entry("kms:WrappingAlgorithm", List.of("RSAES_PKCS1_V1_5", "RSAES_OAEP_SHA_1")));
        assertThat(viewModel.decisionProperty().get()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(Decision.EXPLICIT_DENY.text()).isEqualTo("Denied \u2014 explicit");
        assertThat(viewModel.statements()).singleElement().satisfies(s -> {
            assertThat(s.heading()).isEqualTo("Key policy \u00b7 default \u00b7 Sid \u201cDeny PKCS1 v1.5 wrapping\u201d");
            assertThat(s.json()).contains("\"Effect\": \"Deny\"");
        });
        assertThat(viewModel.accessDeniedMessageProperty().get()).contains("with an explicit deny");
        assertThat(viewModel.context()).contains(new ContextEntry("kms:WrappingAlgorithm",
                "RSAES_PKCS1_V1_5, RSAES_OAEP_SHA_1"));
    }

    @Test
    void anIamOnlyAction_takesNoKey() {
        viewModel.actionProperty().set("kms:CreateKey");

        assertThat(viewModel.keyApplies().get()).isFalse();
        assertThat(viewModel.keyHint().get()).isEqualTo("kms:CreateKey has no key: the principal's IAM policies alone decide.");
        assertThat(viewModel.requestValues()).extracting(RequestValue::conditionKey).contains("kms:KeyOrigin");
        requestValue("kms:KeyOrigin").valuesProperty().set("EXTERNAL");

        viewModel.evaluate();

        assertThat(lastRequest().keyId()).as("the key typed is not sent").isNull();
        assertThat(lastRequest().requestValues()).containsExactly(Map.entry("kms:KeyOrigin", List.of("EXTERNAL")));
        assertThat(viewModel.evaluatedResourceProperty().get()).isEqualTo("*");
    }

    @Test
    void aKeyAction_withoutAKey_cannotBeEvaluated() {
        viewModel.keyTextProperty().set("  ");

        assertThat(viewModel.canEvaluate().get()).isFalse();
        viewModel.evaluate();
        assertThat(access.simulations).isEmpty();
    }

    @Test
    void changingTheRequest_clearsTheDecisionShown() {
        viewModel.evaluate();
        assertThat(viewModel.decisionProperty().get()).isNotNull();

        requestValue("kms:WrappingKeySpec").valuesProperty().set("RSA_2048");

        assertThat(viewModel.decisionProperty().get()).isNull();
        assertThat(viewModel.statements()).isEmpty();
        assertThat(viewModel.context()).isEmpty();
    }

    @Test
    void anotherAction_keepsWhatWasTypedForTheConditionKeysItShares() {
        viewModel.actionProperty().set("kms:Encrypt");
        requestValue("kms:EncryptionAlgorithm").valuesProperty().set("SYMMETRIC_DEFAULT");

        viewModel.actionProperty().set("kms:Decrypt");

        assertThat(requestValue("kms:EncryptionAlgorithm").valuesProperty().get()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(requestValue("kms:EncryptionContextKeys").valuesProperty().get()).isEmpty();
    }

    @Test
    void anUnknownKey_isShownAsAwsError() {
        viewModel.keyTextProperty().set("ffffffff-0000-0000-0000-000000000000");

        viewModel.evaluate();

        assertThat(dialogs.errors).singleElement().satisfies(e -> {
            assertThat(e.whatFailed()).isEqualTo("Could not evaluate kms:GetParametersForImport for Administrator");
            assertThat(e.error()).isInstanceOf(NotFoundException.class);
        });
        assertThat(viewModel.decisionProperty().get()).isNull();
        assertThat(viewModel.evaluatingProperty().get()).isFalse();
    }

    @Test
    void policyKinds_areNamedInWords() {
        assertThat(PolicySimulatorViewModel.policyKind("KEY_POLICY")).isEqualTo("Key policy");
        assertThat(PolicySimulatorViewModel.policyKind("IDENTITY_POLICY")).isEqualTo("IAM policy");
        assertThat(PolicySimulatorViewModel.policyKind("iam")).isEqualTo("IAM policy");
        assertThat(PolicySimulatorViewModel.policyKind("PERMISSIONS_BOUNDARY")).isEqualTo("Permissions boundary");
        assertThat(PolicySimulatorViewModel.pretty("not json")).isEqualTo("not json");
    }
}
