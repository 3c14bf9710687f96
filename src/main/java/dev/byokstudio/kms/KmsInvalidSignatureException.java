package dev.byokstudio.kms;

/** AWS KMS {@code KMSInvalidSignatureException}: Verify found that the signature does not match. */
public class KmsInvalidSignatureException extends KmsException {

    public KmsInvalidSignatureException() {
        super("", Explanation.of(
                "The signature is not a valid signature of this message under this key and signing algorithm.",
                "Verify with the same key, message, message type and signing algorithm that Sign used.",
                "The message was hashed once when signing and twice when verifying (MessageType DIGEST on one side, RAW on the other).",
                "Another signing algorithm or another key was used to sign.",
                "The message or the signature changed, or the signature is Base64-encoded twice."));
    }

    @Override
    public String errorCode() {
        return "KMSInvalidSignatureException";
    }
}
