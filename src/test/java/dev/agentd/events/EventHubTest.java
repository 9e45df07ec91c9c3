package dev.agentd.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.api.Json;
import dev.agentd.store.ApiKeyDao;
import dev.agentd.store.ApiKeyRow;
import dev.agentd.store.Database;
import dev.agentd.store.MessageDao;
import dev.agentd.store.MessageRow;
import dev.agentd.store.RunDao;
import dev.agentd.store.TaskDao;
import dev.agentd.store.TaskRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventHubTest {
    @TempDir
    Path dir;

    @Test
    void anIdleTasksChannelIsReleasedAndRebuiltFromTheDatabaseWithoutRepeatingASeqOrAMessagePosition() {
        try (Database database = Database.open(dir.resolve("agentd.db"))) {
            Instant now = Instant.now();
            database.dao(ApiKeyDao.class).insert(new ApiKeyRow("key", "test", "hash", now, null, null));
            database.useTransaction(db -> {
                db.attach(TaskDao.class).insert(new TaskRow("task", "key", "test", "session", "1-a", "pending", "hi",
                        null, true, true, null, null, null, now, null, null, now, 1), EventHub.FIRST_SEQ_LIMIT);
                db.attach(MessageDao.class).insert(new MessageRow("task", 0, UUID.randomUUID().toString(), "user", "hi",
                        now, null, null, null));
                db.attach(RunDao.class).start("task", 1, EventHub.FIRST_SEQ, now);
            });
            try (EventHub hub = new EventHub(database, Json.mapper())) {
                hub.openCreated("task", 1, 1);
                Subscription live = hub.subscribe("task", null);
                hub.publish("task", "status", new EventData.Status("processing", "Processing"));
                assertEquals(0, hub.releaseIdle(), "a task with a run is kept");
                Event done = hub.finishRun("task", 1, "done", new EventData.Done("ok"), true,
                        (db, position) -> assertMessageAt(db, position, 1));
                live.close();
                assertEquals(1, hub.releaseIdle());
                assertEquals(0, hub.tracked());

                long next = hub.openRun("task", 2);
                assertTrue(next > done.seq(), "seq " + next + " after " + done.seq());
                hub.appendMessage("task", (db, position) -> assertMessageAt(db, position, 2));
                Event first = hub.publish("task", "status", new EventData.Status("processing", "Processing"));
                assertEquals(next, first.seq());
                List<Event> resumed = hub.subscribe("task", done.seq()).backlog();
                assertEquals(List.of(first), resumed);
            }
        }
    }

    private static void assertMessageAt(dev.agentd.store.Db db, int position, int expected) {
        assertEquals(expected, position);
        db.attach(MessageDao.class).append("task", position, "assistant", "ok", Instant.now(), null, null, null);
    }
}
