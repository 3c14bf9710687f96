package dev.byokstudio.kms;

/** AWS KMS {@code DisabledException}: the key is disabled. */
public class DisabledException extends KmsException {

    public DisabledException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The key is disabled, so it cannot be used.",
                "Enable the key (EnableKey) and try again.",
                "Someone disabled the key with DisableKey.",
                "The key was restored from pending deletion, which leaves it disabled."));
    }

    public DisabledException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "DisabledException";
    }
}
