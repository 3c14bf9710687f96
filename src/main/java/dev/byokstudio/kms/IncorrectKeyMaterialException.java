package dev.byokstudio.kms;

/** AWS KMS {@code IncorrectKeyMaterialException}: the key material is not the material this key expects. */
public class IncorrectKeyMaterialException extends KmsException {

    public IncorrectKeyMaterialException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The material you imported is not the material this key is permanently associated with.",
                "Import the same bytes as before. A key keeps its first material for ever; only symmetric keys can take new material, with ImportType NEW_KEY_MATERIAL.",
                "A different key file was chosen.",
                "The material was regenerated instead of reused."));
    }

    public IncorrectKeyMaterialException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "IncorrectKeyMaterialException";
    }
}
