package dev.agentd.store.sqlite;

import dev.agentd.store.sql.SqlStore;
import java.nio.file.Path;

/** The store on SQLite, the embedded default. */
public final class SqliteStore {
    private SqliteStore() {}

    /** Opens (creating and migrating if needed) the database {@code file}. */
    public static SqlStore open(Path file) {
        return new SqlStore(SqliteDatabase.open(file));
    }
}
