package dev.agentd.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.api.Json;
import dev.agentd.domain.Event;
import dev.agentd.domain.EventData;
import dev.agentd.domain.EventType;
import dev.agentd.domain.Role;
import dev.agentd.domain.TaskStatus;
import dev.agentd.store.MessageStore;
import dev.agentd.store.Store;
import dev.agentd.store.sqlite.SqliteStore;
import dev.agentd.support.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventHubTest {
    @TempDir
    Path dir;

    private static final EventData PROCESSING = new EventData.Status(EventData.StatusKind.PROCESSING, "Processing");

    @Test
    void anIdleTasksChannelIsReleasedAndRebuiltWithoutRepeatingASeq() {
        try (Store store = SqliteStore.open(dir.resolve("agentd.db"))) {
            Stores.pendingTask(store, "key", "task");
            try (EventHub hub = new EventHub(store, Json.mapper())) {
                hub.openCreated("task", 1);
                Subscription live = hub.subscribe("task", null);
                assertEquals(1, live.messageCount());
                hub.publish("task", PROCESSING);
                assertEquals(0, hub.releaseIdle(), "a task with a run is kept");
                assertTrue(hub.finishRun(
                        "task",
                        1,
                        new EventData.Done("ok"),
                        s -> s.messages()
                                .append(
                                        "task",
                                        new MessageStore.NewMessage(
                                                Role.ASSISTANT, "ok", Instant.now(), null, null, null))));
                assertEquals(EventType.STATUS, live.next(Duration.ofSeconds(1)).type());
                Event done = live.next(Duration.ofSeconds(1));
                assertTrue(done.terminal(), "the run's end reached its stream: " + done);
                live.close();
                assertEquals(1, hub.releaseIdle());
                assertEquals(0, hub.tracked());

                long next = hub.openRun("task", 2);
                assertTrue(next > 2, "seq " + next + " after the first run's");
                Event first = hub.publish("task", PROCESSING);
                assertEquals(next, first.seq());
                List<Event> resumed = hub.subscribe("task", first.seq() - 1).backlog();
                assertEquals(List.of(first), resumed);
                assertEquals(2, hub.subscribe("task", null).messageCount(), "the history cut counts the run's message");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRunsEndThatCannotBeStoredStillEndsItsStreams() throws Exception {
        try (Store store = SqliteStore.open(dir.resolve("agentd.db"))) {
            Stores.pendingTask(store, "key", "task");
            try (EventHub hub = new EventHub(store, Json.mapper())) {
                hub.openCreated("task", 1);
                Subscription live = hub.subscribe("task", null);
                boolean stored = hub.finishRun("task", 1, new EventData.Done("ok"), s -> {
                    throw new IllegalStateException("the state machine refused");
                });
                assertFalse(stored);
                Event terminal = live.next(Duration.ofSeconds(1));
                assertTrue(terminal != null && terminal.terminal(), "the stream got its terminal event: " + terminal);
                assertFalse(hub.subscribe("task", null).streaming(), "and no run is left active");
                assertEquals(
                        TaskStatus.PENDING,
                        store.tasks().find("task").orElseThrow().status(),
                        "the task stays as stored until the next start ends it");
            }
        }
    }
}
