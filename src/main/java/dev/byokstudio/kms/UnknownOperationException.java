package dev.byokstudio.kms;

/** AWS KMS {@code UnknownOperationException}: the operation named in X-Amz-Target does not exist. */
public class UnknownOperationException extends KmsException {

    public UnknownOperationException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "KMS does not know the operation named in the X-Amz-Target header.",
                "Send X-Amz-Target: TrentService.<Operation>, with an operation KMS defines.",
                "The header is missing or misspelled.",
                "The client is too new or too old for this endpoint."));
    }

    public UnknownOperationException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "UnknownOperationException";
    }
}
