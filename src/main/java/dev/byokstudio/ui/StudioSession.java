package dev.byokstudio.ui;

import dev.byokstudio.kms.ClockControl;
import dev.byokstudio.kms.Kms;
import java.util.Objects;

/**
 * What the desktop application works on: a KMS, the clock that drives it, and the account, region and
 * workspace they stand for. The UI sees only the {@link Kms} and {@link ClockControl} interfaces, so it
 * behaves the same on the embedded model and on any other implementation.
 *
 * @param kms            the KMS every view calls
 * @param clock          the clock the KMS reads; the UI may move it forward
 * @param accountId      the 12-digit AWS account the KMS plays
 * @param region         the AWS region the KMS plays, e.g. {@code us-east-1}; decides which key specs exist
 * @param workspaceLabel a short name for the workspace, shown in the status bar
 */
public record StudioSession(Kms kms, ClockControl clock, String accountId, String region, String workspaceLabel,
        EndpointControl endpoint) {

    /** A session that cannot serve the KMS protocol from the application. */
    public StudioSession(Kms kms, ClockControl clock, String accountId, String region, String workspaceLabel) {
        this(kms, clock, accountId, region, workspaceLabel, EndpointControl.NONE);
    }

    public StudioSession {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(kms, "kms");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(workspaceLabel, "workspaceLabel");
    }

    /** Whether the session plays one of the AWS China Regions, the only ones with SM2 keys. */
    public boolean isChinaRegion() {
        return region.startsWith("cn-");
    }
}
