package dev.byokstudio.kms;

/** AWS KMS {@code IncorrectKeyException}: the ciphertext was not made under the key the request names. */
public class IncorrectKeyException extends KmsException {

    public IncorrectKeyException(String awsMessage) {
        super(awsMessage, Explanation.of(
                "The ciphertext was encrypted under another KMS key than the one named in the request.",
                "Leave KeyId out for symmetric ciphertext (KMS reads the key from it), or name the key that encrypted it.",
                "The wrong key or alias was named.", "An alias was moved to another key since the encryption."));
    }

    @Override
    public String errorCode() {
        return "IncorrectKeyException";
    }
}
