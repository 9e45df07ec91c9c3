package dev.agentd.bench.scenarios;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The floor under event persistence: plain sqlite-jdbc batched inserts of rows shaped like
 * agentd's content events, into a fresh file with agentd's events table and pragmas (WAL,
 * synchronous=NORMAL), {@code batch} rows per transaction.
 */
public final class RawInserts {
    private RawInserts() {}

    /** Inserts {@code runs} × {@code perRun} rows; rows per second. */
    public static double rowsPerSecond(Path file, int runs, int perRun, int batch) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=NORMAL");
                st.execute(
                        "CREATE TABLE IF NOT EXISTS events (task INTEGER NOT NULL, seq INTEGER NOT NULL, "
                                + "run_id INTEGER NOT NULL, kind INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (task, seq)) WITHOUT ROWID");
            }
            db.setAutoCommit(false);
            List<Integer> tasks = IntStream.rangeClosed(1, runs).boxed().toList();
            long t0 = System.nanoTime();
            int pending = 0;
            try (PreparedStatement insert =
                    db.prepareStatement("INSERT INTO events (task, seq, run_id, kind, data) VALUES (?, ?, ?, ?, ?)")) {
                // interleaved across runs, as concurrent runs' pieces reach the writer
                for (int seq = 1; seq <= perRun; seq++) {
                    for (int task : tasks) {
                        insert.setLong(1, task);
                        insert.setLong(2, seq);
                        insert.setLong(3, 1);
                        insert.setInt(4, 8);
                        insert.setString(5, "word" + seq + " ");
                        insert.addBatch();
                        if (++pending == batch) {
                            insert.executeBatch();
                            db.commit();
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            return (double) runs * perRun / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
