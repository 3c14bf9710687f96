package dev.byokstudio.ui;

import dev.byokstudio.kms.AccessControl;
import dev.byokstudio.kms.AuditTrail;
import dev.byokstudio.kms.ClockControl;
import dev.byokstudio.kms.Kms;
import java.util.Objects;

/**
 * What the desktop application works on: a KMS, the clock that drives it, and the account, region and
 * workspace they stand for; where the backend has them, who the application acts as and the CloudTrail events it
 * recorded. The UI sees only the {@code kms} package's interfaces, so it behaves the same on the embedded model
 * and on any other implementation.
 *
 * @param kms            the KMS every view calls
 * @param clock          the clock the KMS reads; the UI may move it forward
 * @param accountId      the 12-digit AWS account the KMS plays
 * @param region         the AWS region the KMS plays, e.g. {@code us-east-1}; decides which key specs exist
 * @param workspaceLabel a short name for the workspace, shown in the status bar
 * @param endpoint       serves the KMS protocol from the application, or {@link EndpointControl#NONE}
 * @param access         the principals the application can act as, the policy simulator and the key-policy checks;
 *                       null when the backend has none (real AWS: the credentials decide who calls)
 * @param audit          the CloudTrail events the backend recorded; null when it records none
 */
public record StudioSession(Kms kms, ClockControl clock, String accountId, String region, String workspaceLabel,
        EndpointControl endpoint, AccessControl access, AuditTrail audit) {

    /** A session that cannot serve the KMS protocol from the application, without principals or audit trail. */
    public StudioSession(Kms kms, ClockControl clock, String accountId, String region, String workspaceLabel) {
        this(kms, clock, accountId, region, workspaceLabel, EndpointControl.NONE);
    }

    /** A session without principals or audit trail. */
    public StudioSession(Kms kms, ClockControl clock, String accountId, String region, String workspaceLabel,
            EndpointControl endpoint) {
        this(kms, clock, accountId, region, workspaceLabel, endpoint, null, null);
    }

    public StudioSession {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(kms, "kms");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(workspaceLabel, "workspaceLabel");
    }

    /** The same session, calling {@code other} instead of its KMS (a recording wrapper, for instance). */
    public StudioSession withKms(Kms other) {
        return new StudioSession(other, clock, accountId, region, workspaceLabel, endpoint, access, audit);
    }

    /** Whether the session plays one of the AWS China Regions, the only ones with SM2 keys. */
    public boolean isChinaRegion() {
        return region.startsWith("cn-");
    }

    /** Whether the backend has principals to act as, a policy simulator and key-policy checks. */
    public boolean hasAccessControl() {
        return access != null;
    }

    /** Whether the backend records CloudTrail events the application can show. */
    public boolean hasAuditTrail() {
        return audit != null;
    }
}
