package dev.byokstudio.ui.keys;

import dev.byokstudio.kms.KeyManager;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Origin;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One key as the key list shows it: what DescribeKey said, and the key's alias names (sorted). Immutable;
 * a refresh makes new rows.
 */
public record KeyRow(KeyMetadata metadata, List<String> aliases) {

    /** Shown where a key has no alias. */
    public static final String NO_ALIAS = "—";

    public KeyRow {
        Objects.requireNonNull(metadata, "metadata");
        aliases = List.copyOf(aliases);
    }

    public String keyId() {
        return metadata.keyId();
    }

    public String arn() {
        return metadata.arn();
    }

    public KeyState state() {
        return metadata.keyState();
    }

    public KeySpec keySpec() {
        return metadata.keySpec();
    }

    public KeyUsage keyUsage() {
        return metadata.keyUsage();
    }

    public Origin origin() {
        return metadata.origin();
    }

    /** When a key pending deletion will be deleted; null otherwise. */
    public Instant deletionDate() {
        return metadata.deletionDate();
    }

    /** The first alias name, or {@link #NO_ALIAS}. */
    public String firstAlias() {
        return aliases.isEmpty() ? NO_ALIAS : aliases.get(0);
    }

    /** How to name the key to a person: its first alias, or its key ID. */
    public String label() {
        return aliases.isEmpty() ? keyId() : aliases.get(0) + " (" + keyId() + ")";
    }

    /** Whether the customer manages the key; AWS managed keys cannot be enabled, disabled or deleted. */
    public boolean customerManaged() {
        return metadata.keyManager() == null || metadata.keyManager() == KeyManager.CUSTOMER;
    }

    /**
     * Whether the key matches a search: {@code query}, ignoring case and surrounding blanks, appears in an
     * alias, the key ID, the ARN, the description or the key spec. A blank query matches every key.
     */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String needle = query.strip().toLowerCase(Locale.ROOT);
        if (contains(keyId(), needle) || contains(arn(), needle) || contains(metadata.description(), needle)) {
            return true;
        }
        if (keySpec() != null && contains(keySpec().name(), needle)) {
            return true;
        }
        return aliases.stream().anyMatch(alias -> contains(alias, needle));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }
}
