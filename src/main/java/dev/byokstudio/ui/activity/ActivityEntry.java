package dev.byokstudio.ui.activity;

import java.time.Instant;

/**
 * One operation the application performed on the KMS: when (on the KMS's clock), which operation, on which
 * key, and its outcome — "OK" or AWS's error code and message. Never holds request or response data, which
 * may be secret.
 *
 * @param keyId the key the request named (key ID, ARN or alias), or empty
 * @param errorCode AWS's error code, or null when the operation succeeded
 * @param message AWS's error message (never secret), or empty
 */
public record ActivityEntry(Instant time, String operation, String keyId, String errorCode, String message) {

    public boolean succeeded() {
        return errorCode == null;
    }

    /** "OK", or the error code with its message. */
    public String outcome() {
        if (succeeded()) {
            return "OK";
        }
        return message == null || message.isEmpty() ? errorCode : errorCode + ": " + message;
    }
}
