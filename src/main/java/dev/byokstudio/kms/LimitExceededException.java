package dev.byokstudio.kms;

/** AWS KMS {@code LimitExceededException}: a quota was exceeded. */
public class LimitExceededException extends KmsException {

    public LimitExceededException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The request would exceed a KMS quota.",
                "Delete resources you no longer need, or stay within the limit the message names.",
                "Too many keys, aliases or tags."));
    }

    public LimitExceededException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "LimitExceededException";
    }
}
