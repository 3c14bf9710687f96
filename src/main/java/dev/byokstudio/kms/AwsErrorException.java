package dev.byokstudio.kms;

import java.util.Objects;

/**
 * An AWS error that is not one of KMS's own modelled errors, named as AWS names it on the wire: the
 * authentication errors every AWS endpoint gives (UnrecognizedClientException, InvalidSignatureException,
 * IncompleteSignatureException, MissingAuthenticationTokenException) and CloudTrail's LookupEvents errors
 * (InvalidLookupAttributesException, InvalidTimeRangeException, InvalidMaxResultsException,
 * InvalidNextTokenException). Always HTTP 400, as AWS answers them.
 */
public class AwsErrorException extends KmsException {

    private final String errorCode;

    public AwsErrorException(String errorCode, String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    @Override
    public String errorCode() {
        return errorCode;
    }
}
