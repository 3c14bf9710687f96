package dev.byokstudio.kms;

/** AWS KMS {@code InvalidCiphertextException}: KMS could not decrypt or accept the wrapped key material. */
public class InvalidCiphertextException extends KmsException {

    public InvalidCiphertextException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "KMS could not unwrap the encrypted key material, or the unwrapped material does not fit the key spec.",
                "Wrap the material again with the public key and the wrapping algorithm of the same GetParametersForImport call, and check the material against the key spec first.",
                "The material was wrapped with another public key or another algorithm than the token's.",
                "OAEP with SHA-256 was used with the MGF1-SHA-1 default instead of MGF1-SHA-256.",
                "The material has the wrong length or format for the key spec."));
    }

    public InvalidCiphertextException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "InvalidCiphertextException";
    }
}
