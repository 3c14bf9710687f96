package dev.byokstudio.kms;

/** AWS KMS {@code InvalidImportTokenException}: the import token is not valid, or was issued for another key. */
public class InvalidImportTokenException extends KmsException {

    public InvalidImportTokenException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "KMS did not accept the import token.",
                "Use the ImportToken returned by the same GetParametersForImport call as the public key you wrapped with, for this same key.",
                "The token was issued for a different KMS key.",
                "The token file was altered, truncated or Base64-encoded twice.",
                "The token came from another workspace or account."));
    }

    public InvalidImportTokenException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "InvalidImportTokenException";
    }
}
