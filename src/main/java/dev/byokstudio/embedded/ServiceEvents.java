package dev.byokstudio.embedded;

import java.time.Instant;

/**
 * What KMS does by itself, which CloudTrail records as AwsServiceEvent: deleting expired imported material
 * (DeleteExpiredKeyMaterial) and rotating a key automatically (RotateKey). Called inside the transaction
 * that made the change, so a record is kept exactly when the change is.
 */
public interface ServiceEvents {

    ServiceEvents NONE = new ServiceEvents() {
        @Override
        public void materialExpired(String keyArn, String keyMaterialId, Instant at) {
        }

        @Override
        public void keyRotated(String keyArn, Instant at) {
        }
    };

    /** {@code keyMaterialId} is null for keys whose material KMS does not identify (asymmetric and HMAC keys). */
    void materialExpired(String keyArn, String keyMaterialId, Instant at);

    void keyRotated(String keyArn, Instant at);
}
