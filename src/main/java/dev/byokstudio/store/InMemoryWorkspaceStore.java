package dev.byokstudio.store;

import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.TrailEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A workspace held in memory: gone when the process ends. Transactions are serialised; a transaction
 * that throws is rolled back to the state before it began.
 */
public final class InMemoryWorkspaceStore implements WorkspaceStore {

    private Map<String, StoredKey> keys = new LinkedHashMap<>();
    private Map<String, StoredAlias> aliases = new TreeMap<>();
    private Map<String, StoredWrappingKey> wrappingKeys = new LinkedHashMap<>();
    private Map<String, SecretBytes> secrets = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>();
    private Map<String, StoredPrincipal> principals = new LinkedHashMap<>();
    private final List<TrailEvent> events = new ArrayList<>();
    private int depth;
    private long lastKeySequence;

    @Override
    public synchronized <T> T transaction(Supplier<T> work) {
        if (depth > 0) {
            depth++;
            try {
                return work.get();
            } finally {
                depth--;
            }
        }
        Map<String, StoredKey> keysBefore = new LinkedHashMap<>(keys);
        Map<String, StoredAlias> aliasesBefore = new TreeMap<>(aliases);
        long sequenceBefore = lastKeySequence;
        Map<String, StoredWrappingKey> wrappingKeysBefore = new LinkedHashMap<>(wrappingKeys);
        Map<String, SecretBytes> secretsBefore = new HashMap<>(secrets);
        Map<String, StoredPrincipal> principalsBefore = new LinkedHashMap<>(principals);
        int eventsBefore = events.size();
        depth = 1;
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            keys = keysBefore;
            aliases = aliasesBefore;
            lastKeySequence = sequenceBefore;
            wrappingKeys = wrappingKeysBefore;
            secrets = secretsBefore;
            principals = principalsBefore;
            if (events.size() > eventsBefore) {
                events.subList(eventsBefore, events.size()).clear();
            }
            throw e;
        } finally {
            depth = 0;
        }
    }

    @Override
    public synchronized long nextKeySequence() {
        return ++lastKeySequence;
    }

    @Override
    public synchronized Optional<StoredKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public synchronized List<StoredKey> keys() {
        List<StoredKey> all = new ArrayList<>(keys.values());
        all.sort(java.util.Comparator.comparingLong(StoredKey::sequence));
        return all;
    }

    @Override
    public synchronized void putKey(StoredKey key) {
        keys.put(key.keyId(), key);
    }

    @Override
    public synchronized void removeKey(String keyId) {
        keys.remove(keyId);
    }

    @Override
    public synchronized Optional<StoredAlias> alias(String aliasName) {
        return Optional.ofNullable(aliases.get(aliasName));
    }

    @Override
    public synchronized List<StoredAlias> aliases() {
        return new ArrayList<>(aliases.values());
    }

    @Override
    public synchronized void putAlias(StoredAlias alias) {
        aliases.put(alias.aliasName(), alias);
    }

    @Override
    public synchronized void removeAlias(String aliasName) {
        aliases.remove(aliasName);
    }

    @Override
    public synchronized Optional<StoredWrappingKey> wrappingKey(String id) {
        return Optional.ofNullable(wrappingKeys.get(id));
    }

    @Override
    public synchronized List<StoredWrappingKey> wrappingKeys() {
        return new ArrayList<>(wrappingKeys.values());
    }

    @Override
    public synchronized void putWrappingKey(StoredWrappingKey key) {
        wrappingKeys.put(key.id(), key);
    }

    @Override
    public synchronized void removeWrappingKey(String id) {
        wrappingKeys.remove(id);
    }

    @Override
    public synchronized Optional<SecretBytes> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    @Override
    public synchronized void putSecret(String name, SecretBytes secret) {
        secrets.put(name, secret);
    }

    @Override
    public synchronized Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    @Override
    public synchronized void putSetting(String name, String value) {
        settings.put(name, value);
    }

    /** The in-memory store keeps no pool: a new process starts cold anyway. */
    @Override
    public List<PooledWrappingKey> pooledWrappingKeys() {
        return List.of();
    }

    @Override
    public void addPooledWrappingKey(PooledWrappingKey key) {
    }

    @Override
    public void removePooledWrappingKey(String id) {
    }

    @Override
    public synchronized List<StoredPrincipal> principals() {
        return List.copyOf(principals.values());
    }

    @Override
    public synchronized void putPrincipal(StoredPrincipal principal) {
        principals.put(principal.name(), principal);
    }

    @Override
    public synchronized void removePrincipal(String name) {
        principals.remove(name);
    }

    private static final int EVENT_TRIM_BATCH = 1_000;

    @Override
    public synchronized void appendEvent(TrailEvent event) {
        events.add(event);
        // In batches, as in the database: dropping one event at a time would shift the whole list on every append.
        if (events.size() > MAX_EVENTS + EVENT_TRIM_BATCH) {
            events.subList(0, events.size() - MAX_EVENTS).clear();
        }
    }

    @Override
    public synchronized List<TrailEvent> events() {
        List<TrailEvent> newestFirst = new ArrayList<>(events);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }
}
