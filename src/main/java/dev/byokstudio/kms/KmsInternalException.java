package dev.byokstudio.kms;

/** AWS {@code KMSInternalException}: a fault inside the service, not the caller's mistake. Answers 500. */
public class KmsInternalException extends KmsException {

    public KmsInternalException(String awsMessage) {
        super(awsMessage, Explanation.of(
                "The embedded KMS failed while handling the request; this is a fault in BYOK Studio, not in your request.",
                "Try again. If it keeps failing, report it with the activity log; nothing in your workspace was changed by the failed request.",
                "An unexpected internal error."));
    }

    @Override
    public String errorCode() {
        return "KMSInternalException";
    }

    @Override
    public int httpStatus() {
        return 500;
    }
}
