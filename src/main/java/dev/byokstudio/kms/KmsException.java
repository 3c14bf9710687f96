package dev.byokstudio.kms;

/**
 * An error that AWS KMS itself would return. Each subclass is one AWS error: {@link #errorCode()} is
 * AWS's name for it (the {@code __type} on the wire), {@link #awsMessage()} the message AWS sends (some
 * AWS errors send none), and {@link #explanation()} what BYOK Studio tells a person about it.
 *
 * <p>Messages never contain key material, plaintext or import tokens.
 */
public abstract class KmsException extends RuntimeException {

    private final String awsMessage;
    private final Explanation explanation;

    protected KmsException(String awsMessage, Explanation explanation) {
        super(awsMessage, null, false, false);
        this.awsMessage = awsMessage == null ? "" : awsMessage;
        this.explanation = explanation;
    }

    /** AWS's error name, as sent in {@code __type}, e.g. {@code NotFoundException}. */
    public abstract String errorCode();

    /** The message AWS sends with this error; empty where AWS sends none. */
    public String awsMessage() {
        return awsMessage;
    }

    /** The explanation for a person: what happened, likely causes, what to do next. */
    public Explanation explanation() {
        return explanation;
    }

    /**
     * The HTTP status AWS answers with. Real KMS answers 400 for every client error, whatever its
     * service model says (reference §1.1); server faults override this.
     */
    public int httpStatus() {
        return 400;
    }

    @Override
    public String getMessage() {
        return awsMessage.isEmpty() ? errorCode() : errorCode() + ": " + awsMessage;
    }
}
