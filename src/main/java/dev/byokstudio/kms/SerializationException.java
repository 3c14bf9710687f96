package dev.byokstudio.kms;

/** AWS KMS {@code SerializationException}: the request body could not be read. */
public class SerializationException extends KmsException {

    public SerializationException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The request body is not a valid KMS request document.",
                "Send a JSON object whose members have the types the operation defines.",
                "The body is not JSON.",
                "A member has the wrong type, for example a number where a string belongs."));
    }

    public SerializationException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "SerializationException";
    }
}
