package dev.byokstudio.kms;

/** AWS {@code PutKeyPolicyRequest}. PolicyName defaults to default, the only name KMS supports. */
public record PutKeyPolicyRequest(String keyId, String policyName, String policy, Boolean bypassPolicyLockoutSafetyCheck) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.length("policyName", policyName, 1, 128).pattern("policyName", policyName, Constraints.POLICY_NAME);
        v.required("policy", policy);
        Constraints.policy(v, "policy", policy);
        return v;
    }
}
