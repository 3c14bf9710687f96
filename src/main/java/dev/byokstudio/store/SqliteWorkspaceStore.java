package dev.byokstudio.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.KeyMaterialState;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.RotationType;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.kms.WrappingKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The workspace's state in SQLite: one JDBC connection, one database transaction per store transaction
 * (WAL journal, synchronous=FULL, so a committed operation survives a crash of the process or the
 * machine). Secrets — key material, wrapping private keys, the workspace's own secrets — are sealed with
 * AES-256-GCM under the workspace key before they reach the database, each bound to its row.
 */
final class SqliteWorkspaceStore implements WorkspaceStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection db;
    private final Sealer sealer;
    private final boolean readOnly;
    private int depth;

    SqliteWorkspaceStore(Connection db, Sealer sealer, boolean readOnly) {
        this.db = db;
        this.sealer = sealer;
        this.readOnly = readOnly;
    }

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
        depth = 1;
        try {
            db.setAutoCommit(false);
            T result = work.get();
            db.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("commit a change", e);
        } catch (RuntimeException | Error e) {
            rollbackQuietly();
            throw e;
        } finally {
            depth = 0;
            try {
                db.setAutoCommit(true);
            } catch (SQLException e) {
                // The connection is broken; the next statement reports it.
            }
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException e) {
            // Nothing was committed; SQLite discards the transaction with the connection.
        }
    }

    private void requireWritable() {
        if (readOnly) {
            throw new WorkspaceException(WorkspaceException.Problem.NOT_A_WORKSPACE,
                    "The workspace is open read-only: nothing can be changed in it.",
                    List.of("Open it normally once it is repaired, or restore a backup into another workspace."));
        }
    }

    /**
     * Reads every record and opens every sealed secret once, so that damage is found when the workspace
     * is opened rather than in the middle of someone's work.
     */
    synchronized void readEverything() {
        keys().forEach(k -> k.materials().forEach(m -> {
            if (m.material() != null) {
                m.material().destroy();
            }
        }));
        aliases();
        wrappingKeys().forEach(w -> w.privateKey().destroy());
        pooledWrappingKeys().forEach(p -> p.privateKey().destroy());
        query("SELECT name FROM secrets", st -> { }, rs -> rs.getString(1))
                .forEach(name -> secret(name).ifPresent(SecretBytes::destroy));
        principals().forEach(p -> p.secretAccessKey().destroy());
        query("SELECT record FROM events ORDER BY position DESC LIMIT 1", st -> { }, rs -> rs.getString(1));
    }

    // ---------------------------------------------------------------- keys

    @Override
    public synchronized long nextKeySequence() {
        requireWritable();
        return query("SELECT COALESCE(MAX(sequence), 0) + 1 FROM keys", st -> { }, rs -> rs.getLong(1)).get(0);
    }

    @Override
    public synchronized Optional<StoredKey> key(String keyId) {
        return query("SELECT sequence, key_id, document FROM keys WHERE key_id = ?", st -> st.setString(1, keyId),
                this::readKey).stream().findFirst();
    }

    @Override
    public synchronized List<StoredKey> keys() {
        return query("SELECT sequence, key_id, document FROM keys ORDER BY sequence", st -> { }, this::readKey);
    }

    @Override
    public synchronized void putKey(StoredKey key) {
        requireWritable();
        update("INSERT INTO keys(key_id, sequence, document) VALUES (?, ?, ?) "
                + "ON CONFLICT(key_id) DO UPDATE SET sequence = excluded.sequence, document = excluded.document", st -> {
                    st.setString(1, key.keyId());
                    st.setLong(2, key.sequence());
                    st.setString(3, keyDocument(key));
                });
        update("DELETE FROM key_materials WHERE key_id = ?", st -> st.setString(1, key.keyId()));
        int position = 0;
        for (StoredMaterial m : key.materials()) {
            int pos = position++;
            update("INSERT INTO key_materials(key_id, position, key_material_id, state, expiration_model, valid_to, "
                    + "description, rotation_date, rotation_type, sealed_material) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", st -> {
                        st.setString(1, key.keyId());
                        st.setInt(2, pos);
                        st.setString(3, m.keyMaterialId());
                        st.setString(4, m.state().name());
                        st.setString(5, m.expirationModel() == null ? null : m.expirationModel().name());
                        st.setString(6, text(m.validTo()));
                        st.setString(7, m.description());
                        st.setString(8, text(m.rotationDate()));
                        st.setString(9, m.rotationType() == null ? null : m.rotationType().name());
                        st.setBytes(10, m.material() == null ? null
                                : sealer.seal(m.material(), materialPlace(key.keyId(), m.keyMaterialId())));
                    });
        }
    }

    @Override
    public synchronized void removeKey(String keyId) {
        requireWritable();
        update("DELETE FROM key_materials WHERE key_id = ?", st -> st.setString(1, keyId));
        update("DELETE FROM keys WHERE key_id = ?", st -> st.setString(1, keyId));
    }

    private static String materialPlace(String keyId, String materialId) {
        return "key-material/" + keyId + "/" + materialId;
    }

    private StoredKey readKey(ResultSet rs) throws SQLException {
        long sequence = rs.getLong(1);
        String keyId = rs.getString(2);
        JsonNode d = parse(rs.getString(3), "key " + keyId);
        List<Tag> tags = new ArrayList<>();
        for (JsonNode t : d.path("tags")) {
            tags.add(new Tag(t.path("key").asText(), t.path("value").asText()));
        }
        StoredKey.Builder b = new StoredKey.Builder().sequence(sequence).keyId(keyId)
                .creationDate(instant(d, "creationDate"))
                .description(d.path("description").asText(""))
                .keySpec(KeySpec.valueOf(d.path("keySpec").asText()))
                .keyUsage(KeyUsage.valueOf(d.path("keyUsage").asText()))
                .origin(Origin.valueOf(d.path("origin").asText()))
                .multiRegion(d.path("multiRegion").asBoolean())
                .tags(tags)
                .policy(d.path("policy").asText())
                .onDemandRotations(d.path("onDemandRotations").asInt())
                .materials(materials(keyId));
        KeyState state = KeyState.valueOf(d.path("keyState").asText());
        if (state == KeyState.PendingDeletion) {
            b.pendingDeletion(instant(d, "deletionDate"), d.path("pendingWindowInDays").asInt());
        } else {
            b.keyState(state);
        }
        if (d.hasNonNull("rotationPeriodInDays")) {
            b.automaticRotation(d.path("rotationPeriodInDays").asInt(), instant(d, "nextRotationDate"));
        }
        return b.build();
    }

    private List<StoredMaterial> materials(String keyId) {
        return query("SELECT key_material_id, state, expiration_model, valid_to, description, rotation_date, "
                + "rotation_type, sealed_material FROM key_materials WHERE key_id = ? ORDER BY position",
                st -> st.setString(1, keyId), rs -> {
                    String id = rs.getString(1);
                    byte[] sealed = rs.getBytes(8);
                    return new StoredMaterial(id,
                            sealed == null ? null : sealer.open(sealed, materialPlace(keyId, id)),
                            KeyMaterialState.valueOf(rs.getString(2)),
                            rs.getString(3) == null ? null : ExpirationModel.valueOf(rs.getString(3)),
                            instant(rs.getString(4)), rs.getString(5), instant(rs.getString(6)),
                            rs.getString(7) == null ? null : RotationType.valueOf(rs.getString(7)));
                });
    }

    private static String keyDocument(StoredKey k) {
        ObjectNode d = JSON.createObjectNode();
        d.put("creationDate", text(k.creationDate()));
        d.put("description", k.description());
        d.put("keySpec", k.keySpec().name());
        d.put("keyUsage", k.keyUsage().name());
        d.put("origin", k.origin().name());
        d.put("multiRegion", k.multiRegion());
        d.put("keyState", k.keyState().name());
        d.put("deletionDate", text(k.deletionDate()));
        if (k.pendingWindowInDays() != null) {
            d.put("pendingWindowInDays", k.pendingWindowInDays());
        }
        ArrayNode tags = d.putArray("tags");
        k.tags().forEach(t -> tags.addObject().put("key", t.tagKey()).put("value", t.tagValue()));
        d.put("policy", k.policy());
        if (k.rotationPeriodInDays() != null) {
            d.put("rotationPeriodInDays", k.rotationPeriodInDays());
            d.put("nextRotationDate", text(k.nextRotationDate()));
        }
        d.put("onDemandRotations", k.onDemandRotations());
        return d.toString();
    }

    // ---------------------------------------------------------------- aliases

    @Override
    public synchronized Optional<StoredAlias> alias(String aliasName) {
        return query("SELECT alias_name, target_key_id, creation_date, last_updated_date FROM aliases WHERE alias_name = ?",
                st -> st.setString(1, aliasName), SqliteWorkspaceStore::readAlias).stream().findFirst();
    }

    @Override
    public synchronized List<StoredAlias> aliases() {
        return query("SELECT alias_name, target_key_id, creation_date, last_updated_date FROM aliases ORDER BY alias_name",
                st -> { }, SqliteWorkspaceStore::readAlias);
    }

    @Override
    public synchronized void putAlias(StoredAlias a) {
        requireWritable();
        update("INSERT INTO aliases(alias_name, target_key_id, creation_date, last_updated_date) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT(alias_name) DO UPDATE SET target_key_id = excluded.target_key_id, "
                + "last_updated_date = excluded.last_updated_date", st -> {
                    st.setString(1, a.aliasName());
                    st.setString(2, a.targetKeyId());
                    st.setString(3, text(a.creationDate()));
                    st.setString(4, text(a.lastUpdatedDate()));
                });
    }

    @Override
    public synchronized void removeAlias(String aliasName) {
        requireWritable();
        update("DELETE FROM aliases WHERE alias_name = ?", st -> st.setString(1, aliasName));
    }

    private static StoredAlias readAlias(ResultSet rs) throws SQLException {
        return new StoredAlias(rs.getString(1), rs.getString(2), instant(rs.getString(3)), instant(rs.getString(4)));
    }

    // ---------------------------------------------------------------- wrapping keys and secrets

    @Override
    public synchronized Optional<StoredWrappingKey> wrappingKey(String id) {
        return query("SELECT id, spec, sealed_private_key, public_key, valid_to FROM wrapping_keys WHERE id = ?",
                st -> st.setString(1, id), this::readWrappingKey).stream().findFirst();
    }

    @Override
    public synchronized List<StoredWrappingKey> wrappingKeys() {
        return query("SELECT id, spec, sealed_private_key, public_key, valid_to FROM wrapping_keys ORDER BY valid_to",
                st -> { }, this::readWrappingKey);
    }

    @Override
    public synchronized void putWrappingKey(StoredWrappingKey k) {
        requireWritable();
        update("INSERT OR REPLACE INTO wrapping_keys(id, spec, sealed_private_key, public_key, valid_to) "
                + "VALUES (?, ?, ?, ?, ?)", st -> {
                    st.setString(1, k.id());
                    st.setString(2, k.spec().name());
                    st.setBytes(3, sealer.seal(k.privateKey(), "wrapping-key/" + k.id()));
                    st.setBytes(4, k.publicKey());
                    st.setString(5, text(k.validTo()));
                });
    }

    @Override
    public synchronized void removeWrappingKey(String id) {
        requireWritable();
        update("DELETE FROM wrapping_keys WHERE id = ?", st -> st.setString(1, id));
    }

    private StoredWrappingKey readWrappingKey(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        return new StoredWrappingKey(id, WrappingKeySpec.valueOf(rs.getString(2)),
                sealer.open(rs.getBytes(3), "wrapping-key/" + id), rs.getBytes(4), instant(rs.getString(5)));
    }

    @Override
    public synchronized List<PooledWrappingKey> pooledWrappingKeys() {
        return query("SELECT id, spec, sealed_private_key, public_key FROM wrapping_key_pool ORDER BY added", st -> { },
                rs -> new PooledWrappingKey(rs.getString(1), WrappingKeySpec.valueOf(rs.getString(2)),
                        sealer.open(rs.getBytes(3), "pooled-wrapping-key/" + rs.getString(1)), rs.getBytes(4)));
    }

    @Override
    public synchronized void addPooledWrappingKey(PooledWrappingKey k) {
        requireWritable();
        update("INSERT OR REPLACE INTO wrapping_key_pool(id, spec, sealed_private_key, public_key, added) "
                + "VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(added), 0) + 1 FROM wrapping_key_pool))", st -> {
                    st.setString(1, k.id());
                    st.setString(2, k.spec().name());
                    st.setBytes(3, sealer.seal(k.privateKey(), "pooled-wrapping-key/" + k.id()));
                    st.setBytes(4, k.publicKey());
                });
    }

    @Override
    public synchronized void removePooledWrappingKey(String id) {
        requireWritable();
        update("DELETE FROM wrapping_key_pool WHERE id = ?", st -> st.setString(1, id));
    }

    @Override
    public synchronized Optional<String> setting(String name) {
        return query("SELECT value FROM workspace_meta WHERE name = ?", st -> st.setString(1, "setting." + name),
                rs -> rs.getString(1)).stream().findFirst();
    }

    @Override
    public synchronized void putSetting(String name, String value) {
        requireWritable();
        update("INSERT INTO workspace_meta(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                st -> {
                    st.setString(1, "setting." + name);
                    st.setString(2, value);
                });
    }

    @Override
    public synchronized Optional<SecretBytes> secret(String name) {
        return query("SELECT sealed FROM secrets WHERE name = ?", st -> st.setString(1, name),
                rs -> sealer.open(rs.getBytes(1), "secret/" + name)).stream().findFirst();
    }

    @Override
    public synchronized void putSecret(String name, SecretBytes secret) {
        requireWritable();
        update("INSERT OR REPLACE INTO secrets(name, sealed) VALUES (?, ?)", st -> {
            st.setString(1, name);
            st.setBytes(2, sealer.seal(secret, "secret/" + name));
        });
    }

    // ---------------------------------------------------------------- principals and events

    @Override
    public synchronized List<StoredPrincipal> principals() {
        return query("SELECT name, document, access_key_id, sealed_secret FROM principals ORDER BY position",
                st -> { }, this::readPrincipal);
    }

    @Override
    public synchronized void putPrincipal(StoredPrincipal p) {
        requireWritable();
        ObjectNode d = JSON.createObjectNode();
        d.put("type", p.principal().type().name());
        d.put("arn", p.principal().arn());
        d.put("principalId", p.principal().principalId());
        d.put("accountId", p.principal().accountId());
        ObjectNode policies = d.putObject("identityPolicies");
        p.identityPolicies().forEach(policies::put);
        update("INSERT INTO principals(name, position, document, access_key_id, sealed_secret) VALUES (?, "
                + "(SELECT COALESCE(MAX(position), 0) + 1 FROM principals), ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                + "document = excluded.document, access_key_id = excluded.access_key_id, "
                + "sealed_secret = excluded.sealed_secret", st -> {
                    st.setString(1, p.name());
                    st.setString(2, d.toString());
                    st.setString(3, p.accessKeyId());
                    st.setBytes(4, sealer.seal(p.secretAccessKey(), "access-key/" + p.accessKeyId()));
                });
    }

    @Override
    public synchronized void removePrincipal(String name) {
        requireWritable();
        update("DELETE FROM principals WHERE name = ?", st -> st.setString(1, name));
    }

    private StoredPrincipal readPrincipal(ResultSet rs) throws SQLException {
        String name = rs.getString(1);
        JsonNode d = parse(rs.getString(2), "principal " + name);
        String accessKeyId = rs.getString(3);
        Map<String, String> policies = new LinkedHashMap<>();
        JsonNode p = d.path("identityPolicies");
        p.fieldNames().forEachRemaining(n -> policies.put(n, p.get(n).asText()));
        Principal principal;
        try {
            principal = new Principal(name, PrincipalType.valueOf(d.path("type").asText()), d.path("arn").asText(),
                    d.path("principalId").asText(), d.path("accountId").asText());
        } catch (IllegalArgumentException e) {
            throw WorkspaceException.corrupt("the record of principal " + name + " is not readable");
        }
        return new StoredPrincipal(principal, policies, accessKeyId,
                sealer.open(rs.getBytes(4), "access-key/" + accessKeyId));
    }

    @Override
    public synchronized void appendEvent(TrailEvent e) {
        requireWritable();
        ArrayNode resources = JSON.createArrayNode();
        e.resources().forEach(r -> resources.addObject().put("type", r.resourceType()).put("name", r.resourceName()));
        update("INSERT INTO events(event_id, event_time, event_name, event_source, username, access_key_id, read_only, "
                + "resources, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", st -> {
                    st.setString(1, e.eventId());
                    st.setString(2, text(e.eventTime()));
                    st.setString(3, e.eventName());
                    st.setString(4, e.eventSource());
                    st.setString(5, e.username());
                    st.setString(6, e.accessKeyId());
                    st.setString(7, e.readOnly());
                    st.setString(8, resources.toString());
                    st.setString(9, e.cloudTrailEvent());
                });
        if (++eventsSinceTrim >= 1_000) {
            eventsSinceTrim = 0;
            update("DELETE FROM events WHERE position <= (SELECT MAX(position) FROM events) - ?",
                    st -> st.setInt(1, MAX_EVENTS));
        }
    }

    /** Appends since the oldest events were last dropped: trimming every thousandth append keeps appends cheap. */
    private int eventsSinceTrim = 1_000;

    @Override
    public synchronized List<TrailEvent> events() {
        return query("SELECT event_id, event_time, event_name, event_source, username, access_key_id, read_only, "
                + "resources, record FROM events ORDER BY position DESC", st -> { }, rs -> {
                    String id = rs.getString(1);
                    List<TrailEvent.TrailResource> resources = new ArrayList<>();
                    parse(rs.getString(8), "event " + id).forEach(r -> resources.add(
                            new TrailEvent.TrailResource(r.path("type").asText(), r.path("name").asText())));
                    return new TrailEvent(id, rs.getString(3), rs.getString(7), rs.getString(6),
                            instant(rs.getString(2)), rs.getString(4), rs.getString(5), resources, rs.getString(9));
                });
    }

    // ---------------------------------------------------------------- JDBC plumbing

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Reader<T> reader) {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            binder.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private void update(String sql, Binder binder) {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            binder.bind(st);
            st.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    static WorkspaceException failure(String what, SQLException e) {
        return new WorkspaceException(WorkspaceException.Problem.CORRUPT,
                "The workspace database could not " + what + ": " + e.getMessage(),
                List.of("Restore the workspace from a backup.", "Choose another workspace (--workspace DIR).",
                        "Check that the disk is not full and the directory is writable."), e);
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static Instant instant(JsonNode d, String field) {
        return d.hasNonNull(field) ? Instant.parse(d.get(field).asText()) : null;
    }

    private static JsonNode parse(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw WorkspaceException.corrupt("the record of " + what + " is not readable");
        }
    }
}
