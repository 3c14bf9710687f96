package dev.byokstudio.kms;

/** A request to one KMS operation. */
public interface KmsRequest {

    /**
     * The violations of the service model's constraints (required members, lengths, patterns, ranges)
     * that KMS checks before anything else, in AWS's wording. Empty when the request is well formed.
     */
    Violations violations();

    /** Throws the {@link ValidationException} AWS would send for this request's violations, if any. */
    default void requireValid() {
        violations().throwIfAny();
    }
}
