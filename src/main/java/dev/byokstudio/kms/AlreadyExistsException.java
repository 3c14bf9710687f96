package dev.byokstudio.kms;

/** AWS KMS {@code AlreadyExistsException}: a resource with that name already exists. */
public class AlreadyExistsException extends KmsException {

    public AlreadyExistsException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "Something with that name already exists.",
                "Choose another name, or use the update operation instead of create.",
                "An alias with this name is already in use in this account and region."));
    }

    public AlreadyExistsException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "AlreadyExistsException";
    }
}
