package dev.byokstudio.kms;

/** AWS KMS {@code UnsupportedOperationException}: the operation is not supported for this key or request. */
public class KmsUnsupportedOperationException extends KmsException {

    public KmsUnsupportedOperationException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "KMS does not support this operation for this key.",
                "Use a key whose origin and type support the operation.",
                "The key's origin does not allow it (for example importing material into a key that KMS generated).",
                "The key spec or usage does not support it."));
    }

    public KmsUnsupportedOperationException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "UnsupportedOperationException";
    }
}
