package dev.byokstudio.kms;

/**
 * {@code AccessDeniedException}: no policy allows the caller the action on the resource, or one denies it
 * explicitly. The message is AWS's (reference §12); the explanation names the statements involved.
 */
public class AccessDeniedException extends KmsException {

    public AccessDeniedException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "AccessDeniedException";
    }
}
