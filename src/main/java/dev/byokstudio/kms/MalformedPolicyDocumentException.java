package dev.byokstudio.kms;

/** AWS KMS {@code MalformedPolicyDocumentException}: the key policy is not valid. */
public class MalformedPolicyDocumentException extends KmsException {

    public MalformedPolicyDocumentException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The key policy is not a valid policy document.",
                "Fix the policy: it must be JSON with a Statement whose entries each have Effect, Principal, Action and Resource.",
                "The JSON is malformed.",
                "A statement is missing a required element or has a wrong value."));
    }

    public MalformedPolicyDocumentException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "MalformedPolicyDocumentException";
    }
}
