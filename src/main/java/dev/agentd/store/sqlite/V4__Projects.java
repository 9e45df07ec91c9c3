package dev.agentd.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Projects own API keys, widget apps and tasks. A task belongs to the key that created it, or to the
 * end user of a widget app who did (through a token); every key and task so far belongs to the
 * project "default". {@code tasks} is rebuilt so that a task may have no key, which SQLite allows
 * only with foreign keys off, and that cannot change inside a transaction: this migration runs its
 * own, checks every reference before it commits, and turns foreign keys on again.
 */
public final class V4__Projects extends BaseJavaMigration {
    private static final List<String> STATEMENTS =
            List.of("""
            CREATE TABLE projects (
                id          TEXT PRIMARY KEY,
                name        TEXT NOT NULL UNIQUE,
                settings    TEXT,
                created_at  TEXT NOT NULL
            )
            """, """
            INSERT INTO projects (id, name, created_at) VALUES ('default', 'default', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            """, """
            ALTER TABLE api_keys ADD COLUMN project_id TEXT NOT NULL DEFAULT 'default' REFERENCES projects(id)
            """, """
            CREATE TABLE widget_apps (
                id           TEXT PRIMARY KEY,
                project_id   TEXT NOT NULL REFERENCES projects(id),
                name         TEXT NOT NULL,
                secret_hash  TEXT NOT NULL,
                created_at   TEXT NOT NULL,
                revoked_at   TEXT
            )
            """, """
            CREATE TABLE app_origins (
                app_id  TEXT NOT NULL REFERENCES widget_apps(id),
                origin  TEXT NOT NULL,
                PRIMARY KEY (app_id, origin)
            ) WITHOUT ROWID
            """, """
            CREATE INDEX app_origins_by_origin ON app_origins (origin)
            """, """
            CREATE TABLE signing_keys (
                id          TEXT PRIMARY KEY,
                secret      BLOB NOT NULL,
                created_at  TEXT NOT NULL,
                retired_at  TEXT
            )
            """, """
            CREATE TABLE token_grants (
                id           TEXT PRIMARY KEY,
                app_id       TEXT NOT NULL REFERENCES widget_apps(id),
                end_user_id  TEXT NOT NULL,
                env          TEXT,
                secrets      BLOB,
                expires_at   TEXT NOT NULL
            )
            """, """
            CREATE INDEX token_grants_by_expiry ON token_grants (expires_at)
            """, """
            CREATE TABLE tasks_v4 (
                id               TEXT PRIMARY KEY,
                project_id       TEXT NOT NULL REFERENCES projects(id),
                api_key_id       TEXT REFERENCES api_keys(id),
                app_id           TEXT REFERENCES widget_apps(id),
                end_user_id      TEXT,
                grant_id         TEXT,
                session_id       TEXT NOT NULL,
                conversation_id  TEXT NOT NULL,
                status           TEXT NOT NULL,
                message          TEXT NOT NULL,
                system_prompt    TEXT,
                show_in_history  INTEGER NOT NULL,
                auto_execute     INTEGER NOT NULL,
                env              TEXT,
                error_code       TEXT,
                error_message    TEXT,
                created_at       TEXT NOT NULL,
                started_at       TEXT,
                completed_at     TEXT,
                last_activity_at TEXT NOT NULL,
                message_count    INTEGER NOT NULL DEFAULT 0,
                seq_next         INTEGER NOT NULL DEFAULT 1,
                num              INTEGER,
                CHECK ((api_key_id IS NULL) <> (app_id IS NULL))
            )
            """, """
            INSERT INTO tasks_v4 (id, project_id, api_key_id, session_id, conversation_id, status, message, system_prompt,
                show_in_history, auto_execute, env, error_code, error_message, created_at, started_at, completed_at,
                last_activity_at, message_count, seq_next, num)
            SELECT id, 'default', api_key_id, session_id, conversation_id, status, message, system_prompt,
                show_in_history, auto_execute, env, error_code, error_message, created_at, started_at, completed_at,
                last_activity_at, message_count, seq_next, num
            FROM tasks
            """, """
            DROP TABLE tasks
            """, """
            ALTER TABLE tasks_v4 RENAME TO tasks
            """, """
            CREATE UNIQUE INDEX tasks_by_num ON tasks (num)
            """, """
            CREATE INDEX tasks_by_key_activity ON tasks (api_key_id, show_in_history, last_activity_at DESC)
            """, """
            CREATE INDEX tasks_by_user_activity ON tasks (app_id, end_user_id, show_in_history, last_activity_at DESC)
            """, """
            CREATE INDEX tasks_by_status ON tasks (status)
            """);

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        boolean autoCommit = c.getAutoCommit();
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("PRAGMA foreign_keys = OFF");
            c.setAutoCommit(false);
            try {
                for (String sql : STATEMENTS) st.execute(sql);
                try (ResultSet broken = st.executeQuery("PRAGMA foreign_key_check")) {
                    if (broken.next()) {
                        throw new SQLException("a row of " + broken.getString(1) + " refers to a missing row of "
                                + broken.getString(3));
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                st.execute("PRAGMA foreign_keys = ON");
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
