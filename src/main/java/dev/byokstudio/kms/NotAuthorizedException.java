package dev.byokstudio.kms;

/** AWS KMS {@code NotAuthorizedException}: the caller may not act on a resource AWS reserves for itself. */
public class NotAuthorizedException extends KmsException {

    public NotAuthorizedException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "KMS refused because the resource is reserved for AWS.",
                "Choose a name that does not begin with alias/aws/; those aliases belong to AWS managed keys.",
                "The alias name begins with alias/aws/."));
    }

    public NotAuthorizedException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "NotAuthorizedException";
    }
}
