package dev.byokstudio.kms;

/** AWS KMS {@code ExpiredImportTokenException}: the import token has expired. */
public class ExpiredImportTokenException extends KmsException {

    public ExpiredImportTokenException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The import token is more than 24 hours old, so KMS no longer accepts it.",
                "Call GetParametersForImport again, wrap the material again with the new public key, and import with the new token.",
                "The parameters were downloaded more than 24 hours ago.",
                "The clock was moved forward past the token's ParametersValidTo."));
    }

    public ExpiredImportTokenException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "ExpiredImportTokenException";
    }
}
