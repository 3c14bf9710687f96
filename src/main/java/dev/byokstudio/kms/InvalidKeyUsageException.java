package dev.byokstudio.kms;

/** AWS KMS {@code InvalidKeyUsageException}: the key's usage or spec does not allow the operation or algorithm. */
public class InvalidKeyUsageException extends KmsException {

    public InvalidKeyUsageException(String awsMessage) {
        super(awsMessage, Explanation.of(
                "The key cannot be used this way: its key usage or key spec does not allow the operation or algorithm.",
                "Use a key created for this purpose, with an algorithm its key spec lists.",
                "A signing or MAC key was used to encrypt.", "An algorithm of another key spec was chosen."));
    }

    public InvalidKeyUsageException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "InvalidKeyUsageException";
    }
}
