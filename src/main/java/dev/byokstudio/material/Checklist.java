package dev.byokstudio.material;

import java.util.ArrayList;
import java.util.List;

/**
 * The results of one check, in order. Once a structural rule fails the checklist is blocked: every
 * later rule is recorded as NOT_APPLICABLE with the reason, instead of being evaluated on material
 * that could not be read.
 */
final class Checklist {

    private final List<RuleResult> results = new ArrayList<>();
    private String blockedBecause;

    /** Whether a structural rule failed, so later rules cannot be evaluated. */
    boolean isBlocked() {
        return blockedBecause != null;
    }

    /** Blocks every later rule; {@code reason} is shown as their "found" text. */
    void block(String reason) {
        if (blockedBecause == null) {
            blockedBecause = reason;
        }
    }

    /** If the checklist is blocked, records {@code rule} as NOT_APPLICABLE and returns true. */
    boolean skip(Rule rule, String expected) {
        return skip(rule, expected, null);
    }

    /**
     * As {@link #skip(Rule, String)}, and also skips when {@code localReason} is not null: a failure
     * that rules out only some later rules.
     */
    boolean skip(Rule rule, String expected, String localReason) {
        String reason = blockedBecause != null ? blockedBecause : localReason;
        if (reason == null) {
            return false;
        }
        results.add(rule.notApplicable(expected, reason));
        return true;
    }

    void pass(Rule rule, String expected, String found) {
        results.add(rule.passed(expected, found));
    }

    void fail(Rule rule, String expected, String found, String remedy) {
        results.add(rule.failed(expected, found, remedy));
    }

    /** Records a failure after which no later rule can be evaluated. */
    void failAndBlock(Rule rule, String expected, String found, String remedy, String laterRulesReason) {
        fail(rule, expected, found, remedy);
        block(laterRulesReason);
    }

    boolean anyFailed() {
        return results.stream().anyMatch(RuleResult::failed);
    }

    List<RuleResult> results() {
        return List.copyOf(results);
    }
}
