package dev.byokstudio.material;

import java.util.List;
import java.util.Optional;

/**
 * The result of checking key material against a key spec: every rule in order, and the accepted
 * material when no rule failed. The embedded KMS and the client side both use it, so what the report
 * passes imports and what it fails is refused.
 */
public record MaterialCheck(List<RuleResult> results, Optional<AcceptedMaterial> accepted) {

    public MaterialCheck {
        results = List.copyOf(results);
        if (accepted.isPresent() == results.stream().anyMatch(RuleResult::failed)) {
            throw new IllegalArgumentException("material is accepted exactly when no rule failed");
        }
    }

    public boolean passed() {
        return accepted.isPresent();
    }

    public List<RuleResult> failures() {
        return results.stream().filter(RuleResult::failed).toList();
    }
}
