package dev.byokstudio.material;

/**
 * One requirement on key material: a stable id, a short title and why it matters. It makes the
 * {@link RuleResult} lines of a check; the expected and found texts depend on the material and the key
 * spec, the explanation does not.
 */
record Rule(String id, String title, String why) {

    RuleResult passed(String expected, String found) {
        return new RuleResult(id, title, RuleResult.Status.PASSED, expected, found, why, "");
    }

    RuleResult failed(String expected, String found, String remedy) {
        return new RuleResult(id, title, RuleResult.Status.FAILED, expected, found, why, remedy);
    }

    RuleResult notApplicable(String expected, String found) {
        return new RuleResult(id, title, RuleResult.Status.NOT_APPLICABLE, expected, found, why, "");
    }
}
