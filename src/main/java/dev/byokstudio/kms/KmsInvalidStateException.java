package dev.byokstudio.kms;

/** AWS KMS {@code KMSInvalidStateException}: the key's state does not allow the operation. */
public class KmsInvalidStateException extends KmsException {

    public KmsInvalidStateException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The key is in a state that does not allow this operation.",
                "Look at the key's state: enable it, import its material, or cancel its deletion, as the message says.",
                "The key is pending import: its material was never imported, was deleted, or expired.",
                "The key is scheduled for deletion."));
    }

    public KmsInvalidStateException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "KMSInvalidStateException";
    }
}
