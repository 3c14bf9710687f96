package dev.byokstudio.embedded;

import dev.byokstudio.kms.KeyState;
import dev.byokstudio.store.StoredKey;
import java.time.Duration;
import java.time.Instant;

/**
 * The key-state machine (reference §8), in one place: which state each lifecycle operation accepts,
 * and which state it leads to.
 *
 * <pre>
 * CreateKey(EXTERNAL) → PendingImport; CreateKey(AWS_KMS) → Enabled
 * Enabled ⇄ Disabled                     (EnableKey / DisableKey; refused in PendingImport and PendingDeletion)
 * Enabled | Disabled | PendingImport → PendingDeletion   (ScheduleKeyDeletion)
 * PendingDeletion → Disabled, or PendingImport without material   (CancelKeyDeletion)
 * PendingDeletion → deleted when DeletionDate passes
 * </pre>
 */
final class KeyLifecycle {

    static final int MIN_PENDING_WINDOW_DAYS = 7;
    static final int MAX_PENDING_WINDOW_DAYS = 30;
    static final int DEFAULT_PENDING_WINDOW_DAYS = 30;

    private KeyLifecycle() {
    }

    static KeyState initialState(boolean hasMaterial) {
        return hasMaterial ? KeyState.Enabled : KeyState.PendingImport;
    }

    static StoredKey enable(StoredKey key, String arn) {
        requireEnabledOrDisabled(key, arn);
        return key.toBuilder().keyState(KeyState.Enabled).build();
    }

    static StoredKey disable(StoredKey key, String arn) {
        requireEnabledOrDisabled(key, arn);
        return key.toBuilder().keyState(KeyState.Disabled).build();
    }

    static StoredKey scheduleDeletion(StoredKey key, String arn, int windowDays, Instant now) {
        requireNotPendingDeletion(key, arn);
        return key.toBuilder().pendingDeletion(now.plus(Duration.ofDays(windowDays)), windowDays).build();
    }

    static StoredKey cancelDeletion(StoredKey key, String arn) {
        if (key.keyState() != KeyState.PendingDeletion) {
            throw Errors.notPendingDeletion(arn);
        }
        return key.toBuilder().keyState(key.hasAllRequiredMaterial() ? KeyState.Disabled : KeyState.PendingImport)
                .build();
    }

    /**
     * After material arrived at a key not pending deletion: with all its required material it becomes
     * Enabled, from PendingImport and from Disabled alike (real AWS re-enables a disabled key on import,
     * reference §5.3).
     */
    static KeyState afterImport(StoredKey key) {
        return key.hasAllRequiredMaterial() ? KeyState.Enabled : KeyState.PendingImport;
    }

    /** After required material was deleted or expired: PendingImport, unless the key is pending deletion. */
    static KeyState afterMaterialLoss(StoredKey key) {
        return key.keyState() == KeyState.PendingDeletion ? KeyState.PendingDeletion : KeyState.PendingImport;
    }

    /**
     * The states in which a key may receive or be asked for import parameters: all but PendingDeletion
     * (reference §3.2, §8).
     */
    static void requireImportable(StoredKey key, String arn) {
        requireNotPendingDeletion(key, arn);
    }

    /** Rotation and its settings need an Enabled key. */
    static void requireEnabled(StoredKey key, String arn) {
        switch (key.keyState()) {
            case Enabled:
                return;
            case Disabled:
                throw Errors.disabled(arn);
            case PendingImport:
                throw Errors.pendingImport(arn);
            case PendingDeletion:
                throw Errors.pendingDeletion(arn);
            default:
                throw new IllegalStateException("a key in state " + key.keyState() + " cannot exist in the embedded KMS");
        }
    }

    /**
     * A cryptographic operation needs a key of the right usage (InvalidKeyUsageException, naming the key's
     * usage and the operation, as AWS does) that is Enabled.
     */
    static void requireUsable(StoredKey key, String arn, dev.byokstudio.kms.KeyUsage usage, String operation) {
        if (key.keyUsage() != usage) {
            throw new dev.byokstudio.kms.InvalidKeyUsageException(arn + " key usage is " + key.keyUsage()
                    + " which is not valid for " + operation + ".", dev.byokstudio.kms.Explanation.of(
                    operation + " needs a key whose KeyUsage is " + usage + "; this key's is " + key.keyUsage() + ".",
                    "Use a key created with --key-usage " + usage + ". A key's usage cannot change after CreateKey.",
                    "The wrong key or alias was given.",
                    "The key was created with another key usage."));
        }
        requireEnabled(key, arn);
    }

    static boolean deletionIsDue(StoredKey key, Instant now) {
        return key.keyState() == KeyState.PendingDeletion && !key.deletionDate().isAfter(now);
    }

    /** Aliases can be created for, or moved to, keys in any state but PendingDeletion. */
    static void requireAliasTarget(StoredKey key, String arn) {
        requireNotPendingDeletion(key, arn);
    }

    /** Tags can be changed in any state but PendingDeletion. */
    static void requireTaggable(StoredKey key, String arn) {
        requireNotPendingDeletion(key, arn);
    }

    private static void requireEnabledOrDisabled(StoredKey key, String arn) {
        switch (key.keyState()) {
            case Enabled:
            case Disabled:
                return;
            case PendingImport:
                throw Errors.pendingImport(arn);
            case PendingDeletion:
                throw Errors.pendingDeletion(arn);
            default:
                throw new IllegalStateException("a key in state " + key.keyState() + " cannot exist in the embedded KMS");
        }
    }

    private static void requireNotPendingDeletion(StoredKey key, String arn) {
        if (key.keyState() == KeyState.PendingDeletion) {
            throw Errors.pendingDeletion(arn);
        }
    }
}
