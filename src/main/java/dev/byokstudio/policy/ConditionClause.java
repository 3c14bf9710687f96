package dev.byokstudio.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * One condition key under one operator, e.g. {@code "StringEquals": {"kms:WrappingAlgorithm": [...]}}.
 * The policy's values are ORed; a statement's clauses are ANDed by the evaluator.
 */
public record ConditionClause(Operator operator, String key, List<String> values) {

    public ConditionClause {
        values = List.copyOf(values);
    }

    public enum SetQualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    enum Kind { STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE, NUMERIC_EQUALS, NUMERIC_LESS_THAN,
        NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN, NUMERIC_GREATER_THAN_EQUALS, DATE_EQUALS, DATE_LESS_THAN,
        DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN, DATE_GREATER_THAN_EQUALS, BOOL, ARN_LIKE, NULL }

    /** A parsed operator name: set qualifier, base comparison, negation, IfExists. */
    public record Operator(String name, SetQualifier qualifier, Kind kind, boolean negated, boolean ifExists) {

        static Operator parse(String name, String where) {
            String rest = name;
            SetQualifier q = SetQualifier.NONE;
            if (rest.startsWith("ForAnyValue:")) {
                q = SetQualifier.FOR_ANY_VALUE;
                rest = rest.substring("ForAnyValue:".length());
            } else if (rest.startsWith("ForAllValues:")) {
                q = SetQualifier.FOR_ALL_VALUES;
                rest = rest.substring("ForAllValues:".length());
            }
            boolean ifExists = rest.endsWith("IfExists") && !rest.equals("IfExists");
            if (ifExists) {
                rest = rest.substring(0, rest.length() - "IfExists".length());
            }
            boolean negated = false;
            Kind kind = switch (rest) {
                case "StringEquals" -> Kind.STRING_EQUALS;
                case "StringNotEquals" -> { negated = true; yield Kind.STRING_EQUALS; }
                case "StringEqualsIgnoreCase" -> Kind.STRING_EQUALS_IGNORE_CASE;
                case "StringNotEqualsIgnoreCase" -> { negated = true; yield Kind.STRING_EQUALS_IGNORE_CASE; }
                case "StringLike" -> Kind.STRING_LIKE;
                case "StringNotLike" -> { negated = true; yield Kind.STRING_LIKE; }
                case "NumericEquals" -> Kind.NUMERIC_EQUALS;
                case "NumericNotEquals" -> { negated = true; yield Kind.NUMERIC_EQUALS; }
                case "NumericLessThan" -> Kind.NUMERIC_LESS_THAN;
                case "NumericLessThanEquals" -> Kind.NUMERIC_LESS_THAN_EQUALS;
                case "NumericGreaterThan" -> Kind.NUMERIC_GREATER_THAN;
                case "NumericGreaterThanEquals" -> Kind.NUMERIC_GREATER_THAN_EQUALS;
                case "DateEquals" -> Kind.DATE_EQUALS;
                case "DateNotEquals" -> { negated = true; yield Kind.DATE_EQUALS; }
                case "DateLessThan" -> Kind.DATE_LESS_THAN;
                case "DateLessThanEquals" -> Kind.DATE_LESS_THAN_EQUALS;
                case "DateGreaterThan" -> Kind.DATE_GREATER_THAN;
                case "DateGreaterThanEquals" -> Kind.DATE_GREATER_THAN_EQUALS;
                case "Bool" -> Kind.BOOL;
                case "ArnEquals", "ArnLike" -> Kind.ARN_LIKE;
                case "ArnNotEquals", "ArnNotLike" -> { negated = true; yield Kind.ARN_LIKE; }
                case "Null" -> Kind.NULL;
                default -> null;
            };
            if (kind == null || kind == Kind.NULL && (ifExists || q != SetQualifier.NONE)) {
                throw new PolicyDocumentException(where, "a condition operator such as StringEquals, StringLike, "
                        + "NumericLessThanEquals, DateGreaterThan, Bool, Null or ArnLike (optionally with IfExists, "
                        + "ForAnyValue: or ForAllValues:)", "\"" + name + "\"");
            }
            return new Operator(name, q, kind, negated, ifExists);
        }
    }

    static ConditionClause of(String operator, String key, List<String> values, String where) {
        Operator op = Operator.parse(operator, where);
        if (op.kind() == Kind.NULL || op.kind() == Kind.BOOL) {
            for (String v : values) {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new PolicyDocumentException(where + ", " + key, "true or false", "\"" + v + "\"");
                }
            }
        }
        return new ConditionClause(op, key, values);
    }

    /** Whether this clause holds for {@code request}. */
    public boolean holds(RequestContext request) {
        List<String> present = request.values(key);
        if (operator.kind() == Kind.NULL) {
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)) == (present == null));
        }
        if (present == null) {
            // AWS: IfExists and ForAllValues hold for an absent key; everything else, negated operators too, fails.
            return operator.ifExists() || operator.qualifier() == SetQualifier.FOR_ALL_VALUES;
        }
        return switch (operator.qualifier()) {
            case FOR_ALL_VALUES -> present.stream().allMatch(this::valueMatches);
            case FOR_ANY_VALUE -> present.stream().anyMatch(this::valueMatches);
            // A single-valued operator: positive forms need one request value to match, negated forms need none to.
            case NONE -> operator.negated()
                    ? present.stream().allMatch(this::valueMatches)
                    : present.stream().anyMatch(this::valueMatches);
        };
    }

    /** One request value against the policy's values (ORed), the operator's negation applied. */
    private boolean valueMatches(String requestValue) {
        boolean any = false;
        for (String policyValue : values) {
            Boolean m = compare(policyValue, requestValue);
            if (m == null) {
                return false; // not comparable (e.g. not a number): AWS treats the condition as not met
            }
            any |= m;
        }
        return operator.negated() != any;
    }

    private Boolean compare(String policy, String request) {
        return switch (operator.kind()) {
            case STRING_EQUALS -> policy.equals(request);
            case STRING_EQUALS_IGNORE_CASE -> policy.equalsIgnoreCase(request);
            case STRING_LIKE -> Wildcards.matches(policy, request, false);
            case BOOL -> policy.equalsIgnoreCase(request);
            case ARN_LIKE -> arnLike(policy, request);
            case NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN,
                    NUMERIC_GREATER_THAN_EQUALS -> ordered(number(request), number(policy));
            case DATE_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN,
                    DATE_GREATER_THAN_EQUALS -> ordered(epochSeconds(request), epochSeconds(policy));
            case NULL -> throw new IllegalStateException("Null is handled before values are compared");
        };
    }

    private Boolean ordered(BigDecimal request, BigDecimal policy) {
        if (request == null || policy == null) {
            return null;
        }
        int c = request.compareTo(policy);
        return switch (operator.kind()) {
            case NUMERIC_EQUALS, DATE_EQUALS -> c == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> c < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> c <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> c > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> c >= 0;
            default -> throw new IllegalStateException(operator.name());
        };
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A date as epoch seconds: epoch seconds themselves, or ISO 8601 (with offset, UTC without, or a bare date). */
    static BigDecimal epochSeconds(String s) {
        BigDecimal n = number(s);
        if (n != null) {
            return n;
        }
        String t = s.trim();
        Instant instant;
        try {
            instant = OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e1) {
            try {
                instant = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    instant = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }

    /** ArnLike: the six colon-separated parts matched one by one, each with wildcards. */
    static boolean arnLike(String pattern, String arn) {
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length != 6 || a.length != 6) {
            return Wildcards.matches(pattern, arn, false);
        }
        for (int i = 0; i < 6; i++) {
            if (!Wildcards.matches(p[i], a[i], false)) {
                return false;
            }
        }
        return true;
    }
}
