package dev.agentd.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.store.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
    @TempDir
    Path dir;

    @Test
    void aClosedStatementIsHandedOutAgainForTheSameSqlAndClosedWithItsConnection() throws Exception {
        try (Database database = SqliteDatabase.open(dir.resolve("agentd.db"))) {
            database.write(w -> {
                w.attach(ApiKeyDao.class).insert("a", "default", "first", "hash-a", Instant.now(), null, null);
                w.attach(ApiKeyDao.class).insert("b", "default", "second", "hash-b", Instant.now(), null, null);
                return null;
            });
            database.read(db -> {
                try {
                    Connection conn = db.handle().getConnection();
                    StatementCache cache = new StatementCache();
                    String sql = "SELECT name FROM api_keys WHERE key_hash = ?";
                    PreparedStatement first =
                            cache.create(conn, sql, db.handle().createQuery(sql).getContext());
                    PreparedStatement nested =
                            cache.create(conn, sql, db.handle().createQuery(sql).getContext());
                    assertNotSame(first, nested, "a statement in use is never handed out twice");
                    first.setString(1, "hash-a");
                    assertEquals("first", name(first));
                    cache.close(conn, sql, first);
                    cache.close(conn, sql, nested);
                    assertTrue(nested.isClosed(), "one idle statement per SQL text is kept");
                    PreparedStatement again =
                            cache.create(conn, sql, db.handle().createQuery(sql).getContext());
                    assertSame(first, again);
                    again.setString(1, "hash-b");
                    assertEquals("second", name(again));
                    cache.close(conn, sql, again);
                    cache.close(conn);
                    assertTrue(again.isClosed());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
            assertEquals(
                    "second",
                    database.read(r -> r.attach(ApiKeyDao.class).findByHash("hash-b"))
                            .orElseThrow()
                            .name());
        }
    }

    private static String name(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
