package dev.byokstudio.ui.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.AccessDeniedException;
import dev.byokstudio.kms.AwsErrorException;
import dev.byokstudio.kms.Explanation;
import org.junit.jupiter.api.Test;

/** What the error dialog says about AWS errors that came without BYOK Studio's explanation. */
class FxDialogServiceTest {

    @Test
    void aRefusalWithoutExplanation_isStillExplainedAsARefusal() {
        Explanation explanation = FxDialogService.fallbackExplanation(new AccessDeniedException(
                "User: arn:aws:iam::111122223333:user/Auditor is not authorized to perform: kms:ListKeys", null));

        assertThat(explanation.whatHappened()).startsWith("KMS refused the call");
        assertThat(explanation.whatToDo()).contains("Acting as").contains("Simulate access");
        assertThat(explanation.likelyCauses()).hasSize(2);
    }

    @Test
    void anotherAwsErrorWithoutExplanation_isNamedAsAwsAnswer() {
        Explanation explanation = FxDialogService.fallbackExplanation(
                new AwsErrorException("InvalidTimeRangeException", "Start time is after end time.", null));

        assertThat(explanation.whatHappened()).isEqualTo("AWS KMS answered with InvalidTimeRangeException.");
    }

    @Test
    void theKmsErrorIsFoundAnywhereInTheCauseChain() {
        AccessDeniedException refused = new AccessDeniedException("denied", null);

        assertThat(FxDialogService.kmsExceptionIn(new RuntimeException("task failed", refused))).isSameAs(refused);
    }
}
