package dev.byokstudio.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The workspace schema, as numbered steps from an empty database. A workspace at version N is brought
 * to {@link Workspace#SCHEMA_VERSION} by running steps N+1 onwards, inside the caller's transaction.
 * A step, once released, is never changed: a change to the schema is a new step.
 */
final class Migrations {

    private static final List<List<String>> STEPS = List.of(
            // 1: the first schema.
            List.of(
                    "CREATE TABLE workspace_meta(name TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    "CREATE TABLE keys(key_id TEXT PRIMARY KEY, sequence INTEGER NOT NULL UNIQUE, document TEXT NOT NULL)",
                    "CREATE TABLE key_materials(key_id TEXT NOT NULL REFERENCES keys(key_id), position INTEGER NOT NULL, "
                            + "key_material_id TEXT NOT NULL, state TEXT NOT NULL, expiration_model TEXT, valid_to TEXT, "
                            + "description TEXT, rotation_date TEXT, rotation_type TEXT, sealed_material BLOB, "
                            + "PRIMARY KEY(key_id, key_material_id))",
                    "CREATE TABLE aliases(alias_name TEXT PRIMARY KEY, target_key_id TEXT NOT NULL, "
                            + "creation_date TEXT NOT NULL, last_updated_date TEXT NOT NULL)",
                    "CREATE TABLE wrapping_keys(id TEXT PRIMARY KEY, spec TEXT NOT NULL, sealed_private_key BLOB NOT NULL, "
                            + "public_key BLOB NOT NULL, valid_to TEXT NOT NULL)",
                    "CREATE TABLE secrets(name TEXT PRIMARY KEY, sealed BLOB NOT NULL)"),
            // 2: the wrapping-key pool, so that a restart does not start cold.
            List.of(
                    "CREATE TABLE wrapping_key_pool(id TEXT PRIMARY KEY, spec TEXT NOT NULL, "
                            + "sealed_private_key BLOB NOT NULL, public_key BLOB NOT NULL, "
                            + "added INTEGER NOT NULL)"),
            // 3: the account's principals with their access keys, and the CloudTrail events.
            List.of(
                    "CREATE TABLE principals(name TEXT PRIMARY KEY, position INTEGER NOT NULL, document TEXT NOT NULL, "
                            + "access_key_id TEXT NOT NULL UNIQUE, sealed_secret BLOB NOT NULL)",
                    "CREATE TABLE events(position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, "
                            + "event_time TEXT NOT NULL, event_name TEXT NOT NULL, event_source TEXT NOT NULL, "
                            + "username TEXT, access_key_id TEXT, read_only TEXT NOT NULL, resources TEXT NOT NULL, "
                            + "record TEXT NOT NULL)"));

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }

    static void migrate(Connection db, int from) throws SQLException {
        try (Statement st = db.createStatement()) {
            for (int version = from + 1; version <= STEPS.size(); version++) {
                for (String sql : STEPS.get(version - 1)) {
                    st.execute(sql);
                }
            }
        }
        Workspace.putMeta(db, "schema_version", Integer.toString(STEPS.size()));
    }
}
