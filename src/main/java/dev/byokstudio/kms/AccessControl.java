package dev.byokstudio.kms;

import java.util.List;
import java.util.Map;

/**
 * Who the desktop application acts as, and what-if questions about policies: the policy simulator and the
 * key-policy editor's templates and checks. Nothing here changes a key or records an event.
 */
public interface AccessControl {

    /** The principals, administrator first. */
    List<Principal> principals();

    /** The principal the application's own calls act as. */
    Principal actingAs();

    /** From now on, the application's calls act as the principal named {@code name}. */
    void actAs(String name);

    /** Every action KMS authorises, {@code kms:CreateKey} etc., sorted. */
    List<String> actions();

    /** The condition keys a request for {@code action} can carry, which the simulator lets a person set. */
    List<String> requestConditionKeys(String action);

    /** Evaluates the policies for a request that is not made. Errors: NotFoundException for an unknown key. */
    SimulationResult simulate(SimulationRequest request);

    /** The console-style key policies for the key (default, with key administrators and key users, ...). */
    List<PolicyTemplate> keyPolicyTemplates(String keyId);

    /** What is wrong with a key policy document, each problem as a sentence; empty when KMS would accept it. */
    List<String> checkKeyPolicy(String document);

    /** A request to evaluate: who, what action, on which key (null for CreateKey, ListKeys...), with which request values. */
    record SimulationRequest(String principalName, String action, String keyId,
            Map<String, List<String>> requestValues) {
        public SimulationRequest {
            requestValues = requestValues == null ? Map.of() : Map.copyOf(requestValues);
        }
    }

    /**
     * The decision (ALLOW, EXPLICIT_DENY, IMPLICIT_DENY), the statements that made it, AWS's AccessDeniedException
     * message when refused, and the complete request context evaluated (condition keys from the request and the key).
     */
    record SimulationResult(String decision, List<DecidingStatement> decidingStatements, String accessDeniedMessage,
            String resourceArn, Map<String, List<String>> context) {
        public SimulationResult {
            decidingStatements = List.copyOf(decidingStatements);
            context = Map.copyOf(context);
        }

        public boolean allowed() {
            return "ALLOW".equals(decision);
        }
    }

    /** A statement that decided: in the key policy or the named identity policy, its Sid (may be null), and its JSON. */
    record DecidingStatement(String policyKind, String policyName, String sid, String statementJson) {
    }

    /** A key-policy template: its name, what it is for, and the document for the key. */
    record PolicyTemplate(String name, String description, String document) {
    }
}
