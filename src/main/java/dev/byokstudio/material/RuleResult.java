package dev.byokstudio.material;

import java.util.Objects;

/**
 * One requirement AWS places on key material, checked against one piece of material: whether it
 * passed, what was expected, what was found, why it matters and how to fix it. Never contains the
 * material's secret bytes.
 *
 * @param rule a stable identifier, e.g. {@code rsa.modulus-size}
 * @param title the requirement in a few words, e.g. "Modulus size"
 */
public record RuleResult(String rule, String title, Status status, String expected, String found, String why,
        String remedy) {

    /** The outcome of one rule. */
    public enum Status {
        PASSED,
        FAILED,
        NOT_APPLICABLE
    }

    public RuleResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        expected = expected == null ? "" : expected;
        found = found == null ? "" : found;
        why = why == null ? "" : why;
        remedy = remedy == null ? "" : remedy;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
