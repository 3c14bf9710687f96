package dev.byokstudio.kms;

/** AWS KMS {@code CustomKeyStoreNotFoundException}: the custom key store does not exist. */
public class CustomKeyStoreNotFoundException extends KmsException {

    public CustomKeyStoreNotFoundException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The custom key store named in the request does not exist in this account.",
                "Omit CustomKeyStoreId: this workspace has no custom key stores.",
                "BYOK Studio's embedded KMS has no CloudHSM or external key stores."));
    }

    public CustomKeyStoreNotFoundException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "CustomKeyStoreNotFoundException";
    }
}
