package dev.byokstudio.kms;

import java.util.List;

/**
 * AWS {@code ValidationException}: the request breaks a constraint of the service model (the
 * "1 validation error detected: …" form) or one of KMS's own rules. Not in any operation's modeled
 * error list, but real KMS sends it (reference §3.3).
 */
public class ValidationException extends KmsException {

    public ValidationException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "KMS refused the request because a parameter has a value it does not accept.",
                "Correct the parameter the message names; the message says what KMS expected.",
                "A required parameter is missing.",
                "A value is outside its allowed range, too long, or not one of the allowed values.",
                "Two parameters that cannot be combined were both given."));
    }

    public ValidationException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    /** The service-model form: "N validation error(s) detected: v1; v2". */
    public static ValidationException of(List<String> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("no violations");
        }
        int n = violations.size();
        return new ValidationException(
                n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", violations));
    }

    @Override
    public String errorCode() {
        return "ValidationException";
    }
}
