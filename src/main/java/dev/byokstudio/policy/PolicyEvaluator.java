package dev.byokstudio.policy;

import dev.byokstudio.policy.Evaluation.DecidingStatement;
import dev.byokstudio.policy.Evaluation.PolicyKind;
import dev.byokstudio.policy.Evaluation.Refusal;
import dev.byokstudio.policy.PolicyDocument.Effect;
import dev.byokstudio.policy.PolicyDocument.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates a key policy and the caller's identity policies for one request, per reference §14.2:
 * <ol>
 * <li>an explicit Deny in any policy wins;</li>
 * <li>a key-policy Allow naming the caller (exactly, or {@code "*"}) allows;</li>
 * <li>an identity-policy Allow counts only when a key-policy Allow names the caller's account root
 * ({@code arn:aws:iam::<acct>:root}, or the bare account id) for the action: the delegation to IAM;</li>
 * <li>otherwise the request is implicitly denied.</li>
 * </ol>
 * Grants are not considered. Pure: no I/O, no clock.
 */
public final class PolicyEvaluator {

    static final String KEY_POLICY = "key policy";

    private PolicyEvaluator() {
    }

    public static Evaluation evaluate(PolicyDocument keyPolicy, List<IdentityPolicy> identityPolicies,
            RequestContext request) {
        Objects.requireNonNull(keyPolicy, "keyPolicy");
        Objects.requireNonNull(request, "request");
        List<IdentityPolicy> identities = identityPolicies == null ? List.of() : identityPolicies;

        List<DecidingStatement> keyDenies = new ArrayList<>();
        List<DecidingStatement> direct = new ArrayList<>();
        List<DecidingStatement> delegation = new ArrayList<>();
        for (Statement s : keyPolicy.statements()) {
            if (!appliesToRequest(s, request)) {
                continue;
            }
            DecidingStatement d = new DecidingStatement(PolicyKind.RESOURCE_BASED, KEY_POLICY, s.sid());
            PrincipalMatch m = principalMatch(s, request);
            if (s.effect() == Effect.DENY) {
                if (m != PrincipalMatch.NONE) {
                    keyDenies.add(d);
                }
            } else if (m == PrincipalMatch.DIRECT) {
                direct.add(d);
            } else if (m == PrincipalMatch.ACCOUNT) {
                delegation.add(d);
            }
        }
        List<DecidingStatement> identityDenies = new ArrayList<>();
        List<DecidingStatement> identityAllows = new ArrayList<>();
        for (IdentityPolicy p : identities) {
            for (Statement s : p.document().statements()) {
                if (appliesToRequest(s, request)) {
                    DecidingStatement d = new DecidingStatement(PolicyKind.IDENTITY_BASED, p.name(), s.sid());
                    (s.effect() == Effect.DENY ? identityDenies : identityAllows).add(d);
                }
            }
        }

        if (!keyDenies.isEmpty() || !identityDenies.isEmpty()) {
            List<DecidingStatement> all = new ArrayList<>(keyDenies);
            all.addAll(identityDenies);
            return new Evaluation(Decision.EXPLICIT_DENY, all, keyDenies.isEmpty()
                    ? Refusal.EXPLICIT_DENY_IN_IDENTITY_BASED_POLICY
                    : Refusal.EXPLICIT_DENY_IN_RESOURCE_BASED_POLICY);
        }
        if (!direct.isEmpty()) {
            return new Evaluation(Decision.ALLOW, direct, null);
        }
        if (!delegation.isEmpty()) {
            if (!identityAllows.isEmpty()) {
                List<DecidingStatement> all = new ArrayList<>(delegation);
                all.addAll(identityAllows);
                return new Evaluation(Decision.ALLOW, all, null);
            }
            return new Evaluation(Decision.IMPLICIT_DENY, List.of(), Refusal.NO_IDENTITY_BASED_POLICY_ALLOWS);
        }
        return new Evaluation(Decision.IMPLICIT_DENY, List.of(), Refusal.NO_RESOURCE_BASED_POLICY_ALLOWS);
    }

    /**
     * Evaluates an action that only IAM policies control, such as kms:CreateKey, kms:ListKeys or
     * cloudtrail:LookupEvents (reference §14.1): an explicit Deny wins, then any identity-policy Allow.
     */
    public static Evaluation evaluateIdentityOnly(List<IdentityPolicy> identityPolicies, RequestContext request) {
        Objects.requireNonNull(request, "request");
        List<DecidingStatement> denies = new ArrayList<>();
        List<DecidingStatement> allows = new ArrayList<>();
        for (IdentityPolicy p : identityPolicies == null ? List.<IdentityPolicy>of() : identityPolicies) {
            for (Statement s : p.document().statements()) {
                if (appliesToRequest(s, request)) {
                    DecidingStatement d = new DecidingStatement(PolicyKind.IDENTITY_BASED, p.name(), s.sid());
                    (s.effect() == Effect.DENY ? denies : allows).add(d);
                }
            }
        }
        if (!denies.isEmpty()) {
            return new Evaluation(Decision.EXPLICIT_DENY, denies, Refusal.EXPLICIT_DENY_IN_IDENTITY_BASED_POLICY);
        }
        if (!allows.isEmpty()) {
            return new Evaluation(Decision.ALLOW, allows, null);
        }
        return new Evaluation(Decision.IMPLICIT_DENY, List.of(), Refusal.NO_IDENTITY_BASED_POLICY_ALLOWS);
    }

    private static boolean appliesToRequest(Statement s, RequestContext r) {
        boolean action = s.actions().stream().anyMatch(a -> Wildcards.matches(a, r.action(), true));
        if (action == s.notAction()) {
            return false;
        }
        boolean resource = s.resources().stream().anyMatch(p -> Wildcards.matches(p, r.resourceArn(), false));
        if (resource == s.notResource()) {
            return false;
        }
        return s.conditions().stream().allMatch(c -> c.holds(r));
    }

    enum PrincipalMatch { NONE, DIRECT, ACCOUNT }

    /**
     * DIRECT: the statement names the caller itself (or "*"), or the caller is the account root and the
     * statement names its account. ACCOUNT: the statement names the caller's account root (or bare account
     * id), which for an Allow delegates to IAM policies and for a Deny covers every principal of the account.
     */
    static PrincipalMatch principalMatch(Statement s, RequestContext r) {
        if (s.principals() == null) {
            return PrincipalMatch.NONE;
        }
        PrincipalMatch m = PrincipalMatch.NONE;
        if (s.principals().any()) {
            m = PrincipalMatch.DIRECT;
        } else {
            for (String id : s.principals().identifiers()) {
                if (id.equals(r.principalArn())) {
                    m = PrincipalMatch.DIRECT;
                    break;
                }
                if (id.equals(r.accountRootArn()) || id.equals(r.account())) {
                    m = r.principalArn().equals(r.accountRootArn()) ? PrincipalMatch.DIRECT : PrincipalMatch.ACCOUNT;
                }
            }
        }
        if (s.notPrincipal()) {
            return m == PrincipalMatch.NONE ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
        }
        return m;
    }
}
