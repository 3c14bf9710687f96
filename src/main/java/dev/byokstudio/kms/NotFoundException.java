package dev.byokstudio.kms;

/** AWS KMS {@code NotFoundException}: the key, alias or other resource named in the request does not exist. */
public class NotFoundException extends KmsException {

    public NotFoundException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "KMS could not find the key or alias you named.",
                "Check the key ID, key ARN or alias name; list the keys and aliases of this account and region to find the right one.",
                "A typing mistake in the key ID or alias.",
                "The key was deleted when its deletion waiting period ended.",
                "The key belongs to another account or region than the one you are using."));
    }

    public NotFoundException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "NotFoundException";
    }
}
