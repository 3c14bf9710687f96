package dev.byokstudio.store;

import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.TrailEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the embedded KMS keeps its state. Reads and writes happen inside {@link #transaction}: either
 * everything a transaction wrote is kept, or, if it throws, nothing is.
 */
public interface WorkspaceStore {

    /** Runs {@code work} as one transaction and returns its result; rolls back if it throws. */
    <T> T transaction(Supplier<T> work);

    /** A number larger than any this store gave before, for the next key's {@link StoredKey#sequence()}. */
    long nextKeySequence();

    Optional<StoredKey> key(String keyId);

    /** All keys, in the order of their sequence. */
    List<StoredKey> keys();

    void putKey(StoredKey key);

    void removeKey(String keyId);

    Optional<StoredAlias> alias(String aliasName);

    /** All aliases, sorted by name. */
    List<StoredAlias> aliases();

    void putAlias(StoredAlias alias);

    void removeAlias(String aliasName);

    Optional<StoredWrappingKey> wrappingKey(String id);

    List<StoredWrappingKey> wrappingKeys();

    void putWrappingKey(StoredWrappingKey key);

    void removeWrappingKey(String id);

    /** Wrapping key pairs generated ahead of time and not handed out yet, oldest first. */
    List<PooledWrappingKey> pooledWrappingKeys();

    void addPooledWrappingKey(PooledWrappingKey key);

    void removePooledWrappingKey(String id);

    /** A named, non-secret setting of the workspace, such as how far its simulated clock is ahead. */
    Optional<String> setting(String name);

    void putSetting(String name, String value);

    /** A named secret of the workspace itself, such as the key that seals import tokens. */
    Optional<SecretBytes> secret(String name);

    void putSecret(String name, SecretBytes secret);

    /** The account's principals, in the order they were first added. */
    List<StoredPrincipal> principals();

    /** Adds a principal or replaces the one of the same name. */
    void putPrincipal(StoredPrincipal principal);

    void removePrincipal(String name);

    /** How many CloudTrail events a workspace keeps: beyond it, the oldest are dropped as new ones arrive. */
    int MAX_EVENTS = 50_000;

    /** Appends a CloudTrail event; events are never changed once recorded, and only the latest {@link #MAX_EVENTS} are kept. */
    void appendEvent(TrailEvent event);

    /** The recorded events, newest first. */
    List<TrailEvent> events();
}
