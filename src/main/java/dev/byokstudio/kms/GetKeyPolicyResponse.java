package dev.byokstudio.kms;

/** AWS {@code GetKeyPolicyResponse}. */
public record GetKeyPolicyResponse(String policy, String policyName) {
}
