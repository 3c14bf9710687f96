package dev.byokstudio.ui.keys;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * KMS's rules for alias names, checked as the person types, so that a mistake is shown beside the field
 * instead of coming back from CreateAlias. KMS still has the last word (an alias that already exists).
 */
public final class AliasNames {

    /** Every alias name starts with this. */
    public static final String PREFIX = "alias/";
    private static final String RESERVED_PREFIX = "alias/aws/";
    private static final int MAX_LENGTH = 256;
    private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z0-9:/_-]+");

    private AliasNames() {
    }

    /**
     * What is wrong with {@code name} as an alias name, in words for the person, or empty if KMS would
     * accept it.
     */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("Enter an alias name, such as alias/ExampleAlias.");
        }
        if (!name.startsWith(PREFIX)) {
            return Optional.of("An alias name starts with alias/, for example alias/" + name.replace("/", "-") + ".");
        }
        if (name.length() == PREFIX.length()) {
            return Optional.of("Add a name after alias/.");
        }
        if (name.startsWith(RESERVED_PREFIX)) {
            return Optional.of("alias/aws/ is reserved for AWS managed keys; choose another name.");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("An alias name has at most " + MAX_LENGTH + " characters; this one has " + name.length() + ".");
        }
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("Use only letters, digits, and / _ - : in an alias name.");
        }
        return Optional.empty();
    }
}
