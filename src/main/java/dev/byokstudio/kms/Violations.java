package dev.byokstudio.kms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects service-model constraint violations in AWS's wording and throws them as one
 * {@link ValidationException}. Member names are AWS's, in lower camel case ({@code keyId},
 * {@code pendingWindowInDays}).
 */
public final class Violations {

    private final List<String> messages = new ArrayList<>();
    private final List<String> members = new ArrayList<>();

    public static Violations create() {
        return new Violations();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Whether a violation was already recorded for this member (so it is not reported twice). */
    public boolean has(String member) {
        return members.contains(member);
    }

    public Violations add(String member, Object value, String constraint) {
        members.add(member);
        String shown = value == null ? "null" : "'" + value + "'";
        messages.add("Value " + shown + " at '" + member + "' failed to satisfy constraint: " + constraint);
        return this;
    }

    /** Adds every violation of {@code other} whose member has not been reported here yet. */
    public Violations addAll(Violations other) {
        for (int i = 0; i < other.messages.size(); i++) {
            if (!has(other.members.get(i))) {
                members.add(other.members.get(i));
                messages.add(other.messages.get(i));
            }
        }
        return this;
    }

    public Violations required(String member, Object value) {
        if (value == null && !has(member)) {
            add(member, null, "Member must not be null");
        }
        return this;
    }

    public Violations length(String member, String value, int min, int max) {
        if (value == null || has(member)) {
            return this;
        }
        int len = value.codePointCount(0, value.length());
        if (len < min) {
            add(member, value, "Member must have length greater than or equal to " + min);
        } else if (len > max) {
            add(member, value, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    /**
     * A length constraint on a blob or sensitive member: AWS names the member but not its value
     * ("Value at 'importToken' failed to satisfy constraint: …").
     */
    public Violations sensitiveLength(String member, byte[] value, int min, int max) {
        return value == null ? this : sensitiveLength(member, value.length, min, max);
    }

    /** As {@link #sensitiveLength(String, byte[], int, int)}, given only the value's length. */
    public Violations sensitiveLength(String member, int length, int min, int max) {
        if (has(member)) {
            return this;
        }
        String prefix = "Value at '" + member + "' failed to satisfy constraint: ";
        if (length < min) {
            members.add(member);
            messages.add(prefix + "Member must have length greater than or equal to " + min);
        } else if (length > max) {
            members.add(member);
            messages.add(prefix + "Member must have length less than or equal to " + max);
        }
        return this;
    }

    public Violations pattern(String member, String value, Pattern pattern) {
        if (value != null && !has(member) && !pattern.matcher(value).matches()) {
            add(member, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return this;
    }

    public Violations range(String member, Integer value, int min, int max) {
        if (value == null || has(member)) {
            return this;
        }
        if (value < min) {
            add(member, value, "Member must have value greater than or equal to " + min);
        } else if (value > max) {
            add(member, value, "Member must have value less than or equal to " + max);
        }
        return this;
    }

    public Violations size(String member, Collection<?> value, int min, int max) {
        if (value == null || has(member)) {
            return this;
        }
        if (value.size() < min) {
            add(member, value, "Member must have length greater than or equal to " + min);
        } else if (value.size() > max) {
            add(member, value, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    /** Throws the collected violations, if any, as one ValidationException. */
    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw ValidationException.of(messages);
        }
    }
}
