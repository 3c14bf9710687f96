package dev.byokstudio.kms;

/** AWS KMS {@code InvalidMarkerException}: the paging marker is not valid. */
public class InvalidMarkerException extends KmsException {

    public InvalidMarkerException(String awsMessage) {
        this(awsMessage, Explanation.of(
                "The Marker in the request is not one that KMS issued for this listing.",
                "Send the NextMarker value from the previous response unchanged, or omit Marker to start from the beginning.",
                "The marker was copied incompletely.",
                "The marker came from a different list operation."));
    }

    public InvalidMarkerException(String awsMessage, Explanation explanation) {
        super(awsMessage, explanation);
    }

    @Override
    public String errorCode() {
        return "InvalidMarkerException";
    }
}
