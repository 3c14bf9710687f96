package dev.byokstudio.kms;

import java.util.List;

/** AWS {@code ListKeyPoliciesResponse}. */
public record ListKeyPoliciesResponse(List<String> policyNames, String nextMarker, boolean truncated) {
}
