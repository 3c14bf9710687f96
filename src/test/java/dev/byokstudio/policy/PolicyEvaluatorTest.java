package dev.byokstudio.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.policy.Evaluation.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final String ACCT = "111122223333";
    private static final String KEY = "arn:aws:kms:us-east-1:" + ACCT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String ADMIN = "arn:aws:iam::" + ACCT + ":role/KeyAdmin";
    private static final String OTHER = "arn:aws:iam::" + ACCT + ":role/Developer";

    private static RequestContext request(String principal, String action) {
        return new RequestContext(principal, ACCT, action, KEY);
    }

    private static PolicyDocument policy(String statements) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
    }

    private static IdentityPolicy iam(String name, String statements) {
        return new IdentityPolicy(name, policy(statements));
    }

    private static final PolicyDocument DEFAULT = PolicyDocument.parse(KeyPolicies.defaultPolicy("aws", ACCT));
    private static final IdentityPolicy IAM_IMPORT = iam("AllowImport",
            "{\"Sid\":\"Import\",\"Effect\":\"Allow\",\"Action\":\"kms:ImportKeyMaterial\",\"Resource\":\"" + KEY + "\"}");
    private static final PolicyDocument NO_ROOT = policy("{\"Sid\":\"Admin\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"" + ADMIN + "\"},\"Action\":\"kms:Describe*\",\"Resource\":\"*\"}");

    @Test
    void defaultKeyPolicyDelegatesToAnIamPolicyThatAllowsTheImport() {
        Evaluation e = PolicyEvaluator.evaluate(DEFAULT, List.of(IAM_IMPORT), request(OTHER, "kms:ImportKeyMaterial"));

        assertThat(e.decision()).isEqualTo(Decision.ALLOW);
        assertThat(e.decidingStatements()).extracting(Evaluation.DecidingStatement::policyName, Evaluation.DecidingStatement::sid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("key policy", "Enable IAM User Permissions"),
                        org.assertj.core.groups.Tuple.tuple("AllowImport", "Import"));
        assertThat(e.refusal()).isNull();
    }

    @Test
    void defaultKeyPolicyWithoutAnIamPolicyIsAnImplicitDenyNamingTheMissingIdentityPolicy() {
        RequestContext r = request(OTHER, "kms:ImportKeyMaterial");
        Evaluation e = PolicyEvaluator.evaluate(DEFAULT, List.of(), r);

        assertThat(e.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(e.refusal()).isEqualTo(Refusal.NO_IDENTITY_BASED_POLICY_ALLOWS);
        assertThat(e.accessDeniedMessage(r)).isEqualTo("User: " + OTHER + " is not authorized to perform: "
                + "kms:ImportKeyMaterial on resource: " + KEY
                + " because no identity-based policy allows the kms:ImportKeyMaterial action");
    }

    @Test
    void theAccountRootItselfIsAllowedDirectlyByTheDefaultPolicy() {
        assertThat(PolicyEvaluator.evaluate(DEFAULT, List.of(),
                request("arn:aws:iam::" + ACCT + ":root", "kms:ImportKeyMaterial")).decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void keyPolicyWithoutTheRootStatementIgnoresIamAllows() {
        Evaluation e = PolicyEvaluator.evaluate(NO_ROOT, List.of(IAM_IMPORT), request(OTHER, "kms:ImportKeyMaterial"));

        assertThat(e.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(e.refusal()).isEqualTo(Refusal.NO_RESOURCE_BASED_POLICY_ALLOWS);
    }

    @Test
    void keyPolicyWithoutTheRootStatementStillHonoursIamDenies() {
        IdentityPolicy deny = iam("DenyDescribe",
                "{\"Sid\":\"NoDescribe\",\"Effect\":\"Deny\",\"Action\":\"kms:DescribeKey\",\"Resource\":\"*\"}");

        assertThat(PolicyEvaluator.evaluate(NO_ROOT, List.of(), request(ADMIN, "kms:DescribeKey")).decision())
                .isEqualTo(Decision.ALLOW);
        Evaluation e = PolicyEvaluator.evaluate(NO_ROOT, List.of(deny), request(ADMIN, "kms:DescribeKey"));
        assertThat(e.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(e.refusal()).isEqualTo(Refusal.EXPLICIT_DENY_IN_IDENTITY_BASED_POLICY);
        assertThat(e.decidingStatements()).extracting(Evaluation.DecidingStatement::sid).containsExactly("NoDescribe");
    }

    @Test
    void keyPolicyDenyOnSha1WrappingDeniesOnlyThatAlgorithm() {
        PolicyDocument kp = policy("{\"Sid\":\"Root\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCT
                + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"NoSha1\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:GetParametersForImport\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:WrappingAlgorithm\":\"RSAES_OAEP_SHA_1\"}}}");
        IdentityPolicy allow = iam("AllowParams",
                "{\"Effect\":\"Allow\",\"Action\":\"kms:GetParametersForImport\",\"Resource\":\"*\"}");
        RequestContext base = request(OTHER, "kms:GetParametersForImport");

        Evaluation sha1 = PolicyEvaluator.evaluate(kp, List.of(allow), base.with("kms:WrappingAlgorithm", "RSAES_OAEP_SHA_1"));
        Evaluation sha256 = PolicyEvaluator.evaluate(kp, List.of(allow), base.with("kms:WrappingAlgorithm", "RSAES_OAEP_SHA_256"));

        assertThat(sha1.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(sha1.refusal()).isEqualTo(Refusal.EXPLICIT_DENY_IN_RESOURCE_BASED_POLICY);
        assertThat(sha1.accessDeniedMessage(base)).endsWith("with an explicit deny in a resource-based policy");
        assertThat(sha256.decision()).isEqualTo(Decision.ALLOW);
    }

    private static final String CONSOLE_ADMINS = "{\"Sid\":\"Allow access for Key Administrators\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"" + ADMIN + "\"},\"Action\":[\"kms:Create*\",\"kms:Describe*\",\"kms:Enable*\","
            + "\"kms:List*\",\"kms:Put*\",\"kms:Update*\",\"kms:Revoke*\",\"kms:Disable*\",\"kms:Get*\",\"kms:Delete*\","
            + "\"kms:TagResource\",\"kms:UntagResource\",\"kms:ScheduleKeyDeletion\",\"kms:CancelKeyDeletion\","
            + "\"kms:ImportKeyMaterial\"],\"Resource\":\"*\"}";

    @Test
    void consoleKeyAdministratorsStatementAllowsTheImportActionsOnlyToTheListedAdmin() {
        PolicyDocument kp = policy(CONSOLE_ADMINS);

        for (String action : List.of("kms:ImportKeyMaterial", "kms:GetParametersForImport", "kms:DeleteImportedKeyMaterial")) {
            Evaluation e = PolicyEvaluator.evaluate(kp, List.of(), request(ADMIN, action));
            assertThat(e.decision()).as(action).isEqualTo(Decision.ALLOW);
            assertThat(e.decidingStatements()).extracting(Evaluation.DecidingStatement::sid)
                    .containsExactly("Allow access for Key Administrators");
            assertThat(PolicyEvaluator.evaluate(kp, List.of(), request(OTHER, action)).decision()).as(action)
                    .isEqualTo(Decision.IMPLICIT_DENY);
        }
        assertThat(PolicyEvaluator.evaluate(kp, List.of(), request(ADMIN, "kms:Encrypt")).decision())
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void consoleAdministratorsStatementWithoutImportKeyMaterialDoesNotAllowIt() {
        PolicyDocument kp = policy(CONSOLE_ADMINS.replace(",\"kms:ImportKeyMaterial\"", ""));

        assertThat(PolicyEvaluator.evaluate(kp, List.of(), request(ADMIN, "kms:ImportKeyMaterial")).decision())
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void actionsMatchCaseInsensitivelyAndNotActionCoversEverythingElse() {
        PolicyDocument kp = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"" + ADMIN + "\"]},"
                + "\"NotAction\":[\"kms:Delete*\",\"kms:ScheduleKeyDeletion\"],\"Resource\":\"*\"}");

        assertThat(PolicyEvaluator.evaluate(kp, List.of(), request(ADMIN, "KMS:importkeymaterial")).decision())
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(kp, List.of(), request(ADMIN, "kms:DeleteImportedKeyMaterial")).decision())
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void resourcePatternsMustMatchTheKeyArn() {
        IdentityPolicy otherKey = iam("OtherKey", "{\"Effect\":\"Allow\",\"Action\":\"kms:*\","
                + "\"Resource\":\"arn:aws:kms:us-east-1:" + ACCT + ":key/other-*\"}");
        IdentityPolicy anyKey = iam("AnyKey", "{\"Effect\":\"Allow\",\"Action\":\"kms:*\","
                + "\"Resource\":\"arn:aws:kms:*:" + ACCT + ":key/*\"}");

        assertThat(PolicyEvaluator.evaluate(DEFAULT, List.of(otherKey), request(OTHER, "kms:ImportKeyMaterial")).decision())
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(DEFAULT, List.of(anyKey), request(OTHER, "kms:ImportKeyMaterial")).decision())
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void principalStarAllowsAnyoneButAnotherAccountsRootDelegatesNothingHere() {
        PolicyDocument star = policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:Describe*\",\"Resource\":\"*\"}");
        PolicyDocument otherAccount = policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}");

        assertThat(PolicyEvaluator.evaluate(star, List.of(), request(OTHER, "kms:DescribeKey")).decision())
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(otherAccount, List.of(IAM_IMPORT), request(OTHER, "kms:ImportKeyMaterial"))
                .refusal()).isEqualTo(Refusal.NO_RESOURCE_BASED_POLICY_ALLOWS);
    }
}
