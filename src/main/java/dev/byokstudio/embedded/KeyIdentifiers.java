package dev.byokstudio.embedded;

import dev.byokstudio.store.StoredAlias;
import dev.byokstudio.store.StoredKey;
import dev.byokstudio.store.WorkspaceStore;
import java.util.regex.Pattern;

/**
 * Resolves the identifiers a request gives for a key: key ID, key ARN, and, where the operation accepts
 * them, alias name and alias ARN — with AWS's errors for each way that can fail (reference §1.2).
 */
final class KeyIdentifiers {

    /** Whether an operation accepts aliases in its KeyId. */
    enum Accepts {
        KEY_ID_OR_ARN,
        KEY_OR_ALIAS
    }

    private static final Pattern KEY_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32}");

    private final WorkspaceStore store;
    private final AccountContext account;

    KeyIdentifiers(WorkspaceStore store, AccountContext account) {
        this.store = store;
        this.account = account;
    }

    static boolean isKeyId(String s) {
        return KEY_ID.matcher(s).matches();
    }

    static boolean namesAlias(String identifier) {
        return identifier.startsWith("alias/") || (identifier.startsWith("arn:") && identifier.contains(":alias/"));
    }

    StoredKey resolve(String identifier, Accepts accepts) {
        if (identifier.startsWith("arn:")) {
            return resolveArn(identifier, accepts);
        }
        if (identifier.startsWith("alias/")) {
            if (accepts != Accepts.KEY_OR_ALIAS) {
                throw Errors.invalidKeyId(identifier);
            }
            return resolveAlias(identifier);
        }
        if (!isKeyId(identifier)) {
            throw Errors.invalidKeyId(identifier);
        }
        return store.key(identifier).orElseThrow(() -> Errors.keyDoesNotExist(account.keyArn(identifier)));
    }

    StoredAlias alias(String aliasName) {
        return store.alias(aliasName).orElseThrow(() -> Errors.aliasNotFound(account.aliasArn(aliasName)));
    }

    private StoredKey resolveArn(String arn, Accepts accepts) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !"kms".equals(parts[2])) {
            throw Errors.invalidKeyId(arn);
        }
        String partition = parts[1];
        String region = parts[3];
        String accountId = parts[4];
        String resource = parts[5];
        if (!region.equals(account.region())) {
            throw Errors.arnInOtherRegion(region);
        }
        if (resource.startsWith("key/")) {
            String keyId = resource.substring(4);
            if (!isKeyId(keyId)) {
                throw Errors.invalidKeyId(arn);
            }
            if (!partition.equals(account.partition()) || !accountId.equals(account.accountId())) {
                throw Errors.keyDoesNotExist(arn);
            }
            return store.key(keyId).orElseThrow(() -> Errors.keyDoesNotExist(arn));
        }
        if (resource.startsWith("alias/") && accepts == Accepts.KEY_OR_ALIAS) {
            if (!partition.equals(account.partition()) || !accountId.equals(account.accountId())) {
                throw Errors.aliasNotFound(arn);
            }
            return resolveAlias(resource);
        }
        throw Errors.invalidKeyId(arn);
    }

    private StoredKey resolveAlias(String aliasName) {
        StoredAlias alias = alias(aliasName);
        return store.key(alias.targetKeyId()).orElseThrow(
                () -> new IllegalStateException("alias " + aliasName + " points at a key that is gone"));
    }
}
