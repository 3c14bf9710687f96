package dev.byokstudio.policy;

import java.util.List;

/**
 * The result of {@link PolicyEvaluator#evaluate}: the decision, the statements that made it, and for a
 * refusal which kind of policy was missing or denied.
 */
public record Evaluation(Decision decision, List<DecidingStatement> decidingStatements, Refusal refusal) {

    public Evaluation {
        decidingStatements = List.copyOf(decidingStatements);
    }

    /** Which policy a statement belongs to: the key policy (resource-based) or a named identity policy. */
    public enum PolicyKind { RESOURCE_BASED, IDENTITY_BASED }

    /** A statement that decided: its policy ("key policy" or the identity policy's name) and its Sid (may be null). */
    public record DecidingStatement(PolicyKind kind, String policyName, String sid) {
    }

    /** Why a request was refused; null when allowed. */
    public enum Refusal {
        NO_RESOURCE_BASED_POLICY_ALLOWS("because no resource-based policy allows the %s action"),
        NO_IDENTITY_BASED_POLICY_ALLOWS("because no identity-based policy allows the %s action"),
        EXPLICIT_DENY_IN_RESOURCE_BASED_POLICY("with an explicit deny in a resource-based policy"),
        EXPLICIT_DENY_IN_IDENTITY_BASED_POLICY("with an explicit deny in an identity-based policy");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }
    }

    public boolean allowed() {
        return decision == Decision.ALLOW;
    }

    /** The AccessDeniedException message AWS gives for this refusal (§12), or null when allowed. */
    public String accessDeniedMessage(RequestContext request) {
        return accessDeniedMessage(request.principalArn(), request);
    }

    /**
     * The message naming {@code callerArn}, which differs from the ARN policies match for a role: the
     * caller is the assumed-role session ({@code arn:aws:sts::<acct>:assumed-role/<role>/<session>}).
     */
    public String accessDeniedMessage(String callerArn, RequestContext request) {
        if (refusal == null) {
            return null;
        }
        return "User: " + callerArn + " is not authorized to perform: " + request.action()
                + " on resource: " + request.resourceArn() + " " + String.format(refusal.reason, request.action());
    }
}
