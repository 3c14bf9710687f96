package dev.byokstudio.kms;

/** AWS KMS {@code TagException}: a tag is not valid. */
public class TagException extends KmsException {

    public TagException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "A tag in the request is not valid.",
                "Use tag keys of 1 to 128 and values of 0 to 256 characters; keys must not begin with aws:.",
                "The tag key begins with aws:, which AWS reserves.",
                "A key or value is too long."));
    }

    public TagException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "TagException";
    }
}
