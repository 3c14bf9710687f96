package dev.byokstudio.kms;

import java.util.Objects;

/**
 * An IAM principal of the workspace's account: a user or a role, with the ARN policies name it by
 * ({@code arn:aws:iam::111122223333:role/KMSAdminRole}) and the unique ID CloudTrail shows
 * ({@code AIDA...} for users, {@code AROA...} for roles).
 */
public record Principal(String name, PrincipalType type, String arn, String principalId, String accountId) {

    /** The session name a role's access key acts under, as {@code aws sts assume-role} would name it. */
    public static final String ROLE_SESSION_NAME = "byok-studio";

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(accountId, "accountId");
    }

    /**
     * The ARN the caller has when it calls: the user's ARN, or for a role the assumed-role session ARN
     * ({@code arn:aws:sts::<acct>:assumed-role/<role>/byok-studio}), which AccessDeniedException names.
     */
    public String callerArn() {
        if (type == PrincipalType.IAM_USER) {
            return arn;
        }
        return "arn:" + partition() + ":sts::" + accountId + ":assumed-role/" + name + "/" + ROLE_SESSION_NAME;
    }

    /** What CloudTrail's Username lookup attribute and {@code userIdentity.userName} show. */
    public String userName() {
        return type == PrincipalType.IAM_USER ? name : ROLE_SESSION_NAME;
    }

    public String partition() {
        String[] parts = arn.split(":", 3);
        return parts.length >= 2 ? parts[1] : "aws";
    }

    @Override
    public String toString() {
        return name + " (" + arn + ")";
    }
}
