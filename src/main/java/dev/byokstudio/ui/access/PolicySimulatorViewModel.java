package dev.byokstudio.ui.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.byokstudio.kms.AccessControl;
import dev.byokstudio.kms.AccessControl.DecidingStatement;
import dev.byokstudio.kms.AccessControl.SimulationRequest;
import dev.byokstudio.kms.AccessControl.SimulationResult;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.ui.dialog.DialogService;
import dev.byokstudio.ui.task.TaskExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The policy simulator: who (a principal), what (an action), on which key (none for the actions IAM policies alone
 * authorise), with which request values; {@link #evaluate()} asks {@link AccessControl#simulate} in the background
 * and shows the decision, AWS's AccessDeniedException message, the statements that decided, and the request
 * context evaluated. Nothing is called for real and nothing is recorded. Use on the FX thread only; needs no running
 * toolkit.
 */
public final class PolicySimulatorViewModel {

    /**
     * The KMS actions that have no key resource: IAM policies alone authorise them (Service Authorization
     * Reference), so the simulator asks for no key.
     */
    public static final Set<String> IAM_ONLY_ACTIONS = Set.of("kms:CreateKey", "kms:CreateCustomKeyStore",
            "kms:ConnectCustomKeyStore", "kms:DeleteCustomKeyStore", "kms:DescribeCustomKeyStores",
            "kms:DisconnectCustomKeyStore", "kms:UpdateCustomKeyStore", "kms:GenerateRandom", "kms:ListAliases",
            "kms:ListKeys", "kms:ListRetirableGrants");

    private static final String PREFERRED_ACTION = "kms:GetParametersForImport";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    /** The three decisions, as the simulator words them; never told by colour alone. */
    public enum Decision {
        ALLOWED("Allowed", "A statement allows the request and none denies it."),
        EXPLICIT_DENY("Denied \u2014 explicit", "A Deny statement matches the request. An explicit deny overrides "
                + "every Allow, in the key policy or in any IAM policy."),
        IMPLICIT_DENY("Denied \u2014 implicit", "No statement allows the request, so KMS denies it by default. On a "
                + "key, the key policy must allow it, itself or by delegating to the account's IAM policies.");

        private final String text;
        private final String explanation;

        Decision(String text, String explanation) {
            this.text = text;
            this.explanation = explanation;
        }

        public String text() {
            return text;
        }

        public String explanation() {
            return explanation;
        }

        /** The decision AccessControl names ALLOW, EXPLICIT_DENY or IMPLICIT_DENY. */
        static Decision of(String decision) {
            if ("ALLOW".equals(decision)) {
                return ALLOWED;
            }
            return "EXPLICIT_DENY".equals(decision) ? EXPLICIT_DENY : IMPLICIT_DENY;
        }
    }

    /** A key the person can choose: its ID, and how to name it (first alias and key ID). */
    public record KeyChoice(String keyId, String label) {
    }

    /** A condition key the request can carry, and the values typed for it, comma-separated. */
    public static final class RequestValue {
        private final String conditionKey;
        private final StringProperty values = new SimpleStringProperty(this, "values", "");

        public RequestValue(String conditionKey, String values) {
            this.conditionKey = Objects.requireNonNull(conditionKey, "conditionKey");
            this.values.set(values == null ? "" : values);
        }

        public String conditionKey() {
            return conditionKey;
        }

        public StringProperty valuesProperty() {
            return values;
        }

        /** The values typed, split at commas, blanks dropped. */
        public List<String> values() {
            return Arrays.stream(values.get().split(",")).map(String::strip).filter(v -> !v.isEmpty())
                    .collect(Collectors.toList());
        }
    }

    /** A deciding statement as shown: where it is ("Key policy · default · Sid …") and its JSON. */
    public record StatementView(String heading, String json) {
    }

    /** One condition key of the evaluated request context, its values joined. */
    public record ContextEntry(String key, String values) {
    }

    private final AccessControl access;
    private final TaskExecutor executor;
    private final DialogService dialogs;

    private final ObservableList<Principal> principals = FXCollections.observableArrayList();
    private final ObjectProperty<Principal> principal = new SimpleObjectProperty<>(this, "principal");
    private final ObservableList<String> actions = FXCollections.observableArrayList();
    private final StringProperty action = new SimpleStringProperty(this, "action");
    private final ObservableList<KeyChoice> keys = FXCollections.observableArrayList();
    private final StringProperty keyText = new SimpleStringProperty(this, "keyText", "");
    private final ObservableList<RequestValue> requestValues = FXCollections.observableArrayList(
            row -> new Observable[] {row.valuesProperty()});
    private final BooleanBinding keyApplies;
    private final StringBinding keyHint;
    private final BooleanBinding canEvaluate;

    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper evaluating = new ReadOnlyBooleanWrapper(this, "evaluating");
    private final ReadOnlyObjectWrapper<Decision> decision = new ReadOnlyObjectWrapper<>(this, "decision");
    private final ReadOnlyStringWrapper accessDeniedMessage = new ReadOnlyStringWrapper(this, "accessDeniedMessage", "");
    private final ReadOnlyStringWrapper evaluatedResource = new ReadOnlyStringWrapper(this, "evaluatedResource", "");
    private final ReadOnlyStringWrapper evaluatedRequest = new ReadOnlyStringWrapper(this, "evaluatedRequest", "");
    private final ObservableList<StatementView> statements = FXCollections.observableArrayList();
    private final ObservableList<ContextEntry> context = FXCollections.observableArrayList();

    private long keysGeneration;

    /**
     * @param keys       the keys the person can choose from (the key list's), first alias and key ID
     * @param initialKey the key chosen at first (the key list's selection), or null
     */
    public PolicySimulatorViewModel(AccessControl access, TaskExecutor executor, DialogService dialogs,
            List<KeyChoice> keys, String initialKey) {
        this.access = Objects.requireNonNull(access, "access");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.keys.setAll(keys);
        keyText.set(initialKey == null ? "" : initialKey);
        keyApplies = Bindings.createBooleanBinding(() -> action.get() == null || !IAM_ONLY_ACTIONS.contains(action.get()),
                action);
        keyHint = Bindings.createStringBinding(() -> keyApplies.get()
                ? "The key's policy and the principal's IAM policies decide."
                : action.get() + " has no key: the principal's IAM policies alone decide.", keyApplies, action);
        canEvaluate = Bindings.createBooleanBinding(() -> principal.get() != null && action.get() != null
                        && (!keyApplies.get() || !keyText.get().isBlank()) && !evaluating.get() && !loading.get(),
                principal, action, keyApplies, keyText, evaluating, loading);
        action.addListener((obs, old, now) -> loadConditionKeys(now));
        principal.addListener((obs, old, now) -> clearResult());
        keyText.addListener((obs, old, now) -> clearResult());
        requestValues.addListener((javafx.collections.ListChangeListener<RequestValue>) change -> clearResult());
    }

    /** Reads the principals, who is acted as (chosen at first) and the actions, in the background. */
    public void start() {
        loading.set(true);
        executor.execute(() -> new Loaded(access.principals(), access.actingAs(), access.actions()), loaded -> {
            loading.set(false);
            principals.setAll(loaded.principals());
            principal.set(loaded.actingAs());
            actions.setAll(loaded.actions());
            action.set(loaded.actions().contains(PREFERRED_ACTION) ? PREFERRED_ACTION
                    : loaded.actions().isEmpty() ? null : loaded.actions().get(0));
        }, failure -> {
            loading.set(false);
            dialogs.showError("Could not read the principals and actions", failure);
        });
    }

    private record Loaded(List<Principal> principals, Principal actingAs, List<String> actions) {
    }

    /** The condition keys of the chosen action, keeping what was typed for keys that stay. */
    private void loadConditionKeys(String chosen) {
        clearResult();
        long generation = ++keysGeneration;
        if (chosen == null) {
            requestValues.clear();
            return;
        }
        Map<String, String> typed = new HashMap<>();
        requestValues.forEach(row -> typed.put(row.conditionKey(), row.valuesProperty().get()));
        executor.execute(() -> access.requestConditionKeys(chosen), conditionKeys -> {
            if (generation == keysGeneration) {
                requestValues.setAll(conditionKeys.stream().map(key -> new RequestValue(key, typed.get(key)))
                        .collect(Collectors.toList()));
            }
        }, failure -> {
            if (generation == keysGeneration) {
                requestValues.clear();
                dialogs.showError("Could not read the condition keys of " + chosen, failure);
            }
        });
    }

    /** The request values typed: each condition key with at least one value, in table order. */
    public Map<String, List<String>> typedRequestValues() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (RequestValue row : requestValues) {
            List<String> split = row.values();
            if (!split.isEmpty()) {
                values.put(row.conditionKey(), split);
            }
        }
        return values;
    }

    /** Evaluates the request in the background and shows the outcome. */
    public void evaluate() {
        if (!canEvaluate.get()) {
            return;
        }
        String keyId = keyApplies.get() ? keyText.get().strip() : null;
        SimulationRequest request = new SimulationRequest(principal.get().name(), action.get(), keyId,
                typedRequestValues());
        clearResult();
        evaluating.set(true);
        executor.execute(() -> Rendered.of(access.simulate(request)), rendered -> {
            evaluating.set(false);
            decision.set(rendered.decision());
            accessDeniedMessage.set(rendered.accessDeniedMessage());
            evaluatedResource.set(rendered.resourceArn());
            evaluatedRequest.set(describe(request));
            statements.setAll(rendered.statements());
            context.setAll(rendered.context());
        }, failure -> {
            evaluating.set(false);
            dialogs.showError("Could not evaluate " + request.action() + " for " + request.principalName(), failure);
        });
    }

    /** "KeyUserRole · kms:GetParametersForImport · 1234abcd-…" */
    private static String describe(SimulationRequest request) {
        return request.principalName() + " \u00b7 " + request.action() + " \u00b7 "
                + (request.keyId() == null ? "no key" : request.keyId());
    }

    private void clearResult() {
        decision.set(null);
        accessDeniedMessage.set("");
        evaluatedResource.set("");
        evaluatedRequest.set("");
        statements.clear();
        context.clear();
    }

    /** A result made ready to show, in the background: the statements' JSON pretty-printed, the context sorted. */
    private record Rendered(Decision decision, String accessDeniedMessage, String resourceArn,
            List<StatementView> statements, List<ContextEntry> context) {

        static Rendered of(SimulationResult result) {
            List<StatementView> statements = new ArrayList<>();
            for (DecidingStatement statement : result.decidingStatements()) {
                statements.add(new StatementView(heading(statement), pretty(statement.statementJson())));
            }
            List<ContextEntry> context = new TreeMap<>(result.context()).entrySet().stream()
                    .map(e -> new ContextEntry(e.getKey(), String.join(", ", e.getValue())))
                    .collect(Collectors.toList());
            return new Rendered(Decision.of(result.decision()),
                    result.accessDeniedMessage() == null ? "" : result.accessDeniedMessage(),
                    result.resourceArn() == null ? "" : result.resourceArn(), statements, context);
        }
    }

    /** "Key policy · default · Sid “Allow use of the key”", "IAM policy · AdministratorAccess · no Sid". */
    static String heading(DecidingStatement statement) {
        String sid = statement.sid() == null || statement.sid().isBlank() ? "no Sid"
                : "Sid \u201c" + statement.sid() + "\u201d";
        return policyKind(statement.policyKind()) + " \u00b7 " + statement.policyName() + " \u00b7 " + sid;
    }

    /** KEY_POLICY → "Key policy"; IDENTITY_POLICY, IAM_POLICY → "IAM policy"; anything else in words. */
    static String policyKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return "Policy";
        }
        String upper = kind.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (upper.startsWith("KEY")) {
            return "Key policy";
        }
        if (upper.startsWith("IDENTITY") || upper.startsWith("IAM")) {
            return "IAM policy";
        }
        String words = kind.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String pretty(String json) {
        if (json == null) {
            return "";
        }
        try {
            return PRETTY.writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException notJson) {
            return json;
        }
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<Principal> principals() {
        return principals;
    }

    public ObjectProperty<Principal> principalProperty() {
        return principal;
    }

    /** Every action KMS authorises, sorted. */
    public ObservableList<String> actions() {
        return actions;
    }

    public StringProperty actionProperty() {
        return action;
    }

    /** The keys of the key list. */
    public ObservableList<KeyChoice> keys() {
        return keys;
    }

    /** The key: its ID, ARN or alias; ignored for an IAM-only action. */
    public StringProperty keyTextProperty() {
        return keyText;
    }

    /** Whether the chosen action has a key resource. */
    public BooleanBinding keyApplies() {
        return keyApplies;
    }

    /** Which policies decide the chosen action. */
    public StringBinding keyHint() {
        return keyHint;
    }

    /** The chosen action's request condition keys, with the values typed. */
    public ObservableList<RequestValue> requestValues() {
        return requestValues;
    }

    public BooleanBinding canEvaluate() {
        return canEvaluate;
    }

    public ReadOnlyBooleanProperty evaluatingProperty() {
        return evaluating.getReadOnlyProperty();
    }

    /** The last evaluation's decision; null before one, and once the request changes. */
    public ReadOnlyObjectProperty<Decision> decisionProperty() {
        return decision.getReadOnlyProperty();
    }

    /** AWS's AccessDeniedException message for a denial; empty when allowed. */
    public ReadOnlyStringProperty accessDeniedMessageProperty() {
        return accessDeniedMessage.getReadOnlyProperty();
    }

    /** The resource evaluated: the key's ARN, or {@code *}. */
    public ReadOnlyStringProperty evaluatedResourceProperty() {
        return evaluatedResource.getReadOnlyProperty();
    }

    /** Who, what and which key the shown decision is for. */
    public ReadOnlyStringProperty evaluatedRequestProperty() {
        return evaluatedRequest.getReadOnlyProperty();
    }

    /** The statements that made the decision; none for an implicit deny. */
    public ObservableList<StatementView> statements() {
        return statements;
    }

    /** The request context evaluated, by condition key. */
    public ObservableList<ContextEntry> context() {
        return context;
    }
}
