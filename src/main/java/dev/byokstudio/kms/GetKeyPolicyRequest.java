package dev.byokstudio.kms;

/** AWS {@code GetKeyPolicyRequest}. PolicyName defaults to default, the only name KMS supports. */
public record GetKeyPolicyRequest(String keyId, String policyName) implements KmsRequest {

    @Override
    public Violations violations() {
        Violations v = Violations.create();
        Constraints.keyId(v, "keyId", keyId);
        v.length("policyName", policyName, 1, 128).pattern("policyName", policyName, Constraints.POLICY_NAME);
        return v;
    }
}
