package dev.byokstudio.kms;

/** The kinds of IAM principal a workspace has. */
public enum PrincipalType {
    /** An IAM user, acting with its own long-term access key. */
    IAM_USER,
    /** An IAM role; its access key stands for a session of the role (CloudTrail type AssumedRole). */
    IAM_ROLE
}
