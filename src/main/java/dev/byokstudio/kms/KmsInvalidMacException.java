package dev.byokstudio.kms;

/** AWS KMS {@code KMSInvalidMacException}: VerifyMac found that the MAC does not match. */
public class KmsInvalidMacException extends KmsException {

    public KmsInvalidMacException() {
        super("", Explanation.of(
                "The MAC is not the HMAC of this message under this key and MAC algorithm.",
                "Verify with the same key, message and MAC algorithm that GenerateMac used.",
                "The message changed, even by one byte or a trailing newline.",
                "Another HMAC key made the MAC: material differs after a reimport into another key.",
                "The MAC is Base64-encoded twice."));
    }

    @Override
    public String errorCode() {
        return "KMSInvalidMacException";
    }
}
