package dev.byokstudio.kms;

/** AWS KMS {@code InvalidAliasNameException}: the alias name is not valid. */
public class InvalidAliasNameException extends KmsException {

    public InvalidAliasNameException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The alias name is not valid.",
                "Use a name that begins with alias/ and contains only letters, digits and / _ -, and does not begin with alias/aws/.",
                "The name does not begin with alias/.",
                "The name begins with alias/aws/, which AWS reserves for AWS managed keys.",
                "The name contains a character that is not allowed."));
    }

    public InvalidAliasNameException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "InvalidAliasNameException";
    }
}
