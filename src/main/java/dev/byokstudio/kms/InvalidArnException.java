package dev.byokstudio.kms;

/** AWS KMS {@code InvalidArnException}: an ARN in the request is not valid. */
public class InvalidArnException extends KmsException {

    public InvalidArnException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The ARN in the request is not a valid KMS key ARN.",
                "Use a key ARN of the form arn:aws:kms:<region>:<account>:key/<key-id>, or the bare key ID.",
                "The ARN names another service or resource type.",
                "The ARN is truncated or mistyped."));
    }

    public InvalidArnException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "InvalidArnException";
    }
}
