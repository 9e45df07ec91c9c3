package dev.agentd.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.api.Json;
import dev.agentd.domain.Event;
import dev.agentd.domain.EventData;
import dev.agentd.domain.EventType;
import dev.agentd.domain.FailureCode;
import dev.agentd.domain.Role;
import dev.agentd.domain.TaskStatus;
import dev.agentd.metrics.Metrics;
import dev.agentd.store.MessageStore;
import dev.agentd.store.Store;
import dev.agentd.support.Stores;
import dev.agentd.support.TestDatabases;
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
        try (Store store = TestDatabases.open(dir)) {
            Stores.pendingTask(store, "key", "task");
            try (EventHub hub = new EventHub(store, Json.mapper(), new Metrics())) {
                hub.openCreated("task", 1);
                Subscription live = hub.subscribe("task", null);
                assertEquals(1, live.messageCount());
                hub.publish("task", PROCESSING);
                assertEquals(0, hub.releaseIdle(), "a task with a run is kept");
                assertEquals(
                        0,
                        hub.finishRun(
                                "task",
                                1,
                                List.of(new EventHub.Ending(
                                        new EventData.Done("ok"),
                                        s -> s.messages()
                                                .append(
                                                        "task",
                                                        new MessageStore.NewMessage(
                                                                Role.ASSISTANT,
                                                                "ok",
                                                                Instant.now(),
                                                                null,
                                                                null,
                                                                null))))));
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
    void whenARunsEndCannotBeStoredTheNextEndingIsStoredAndDelivered() throws Exception {
        try (Store store = TestDatabases.open(dir)) {
            Stores.pendingTask(store, "key", "task");
            try (EventHub hub = new EventHub(store, Json.mapper(), new Metrics())) {
                hub.openCreated("task", 1);
                Subscription live = hub.subscribe("task", null);
                EventData.Failure failure = new EventData.Failure(FailureCode.INTERNAL_ERROR, "lost");
                int stored = hub.finishRun(
                        "task",
                        1,
                        List.of(
                                new EventHub.Ending(new EventData.Done("ok"), s -> {
                                    throw new IllegalStateException("the state machine refused");
                                }),
                                new EventHub.Ending(failure, s -> {})));
                assertEquals(1, stored);
                Event terminal = live.next(Duration.ofSeconds(1));
                assertEquals(EventType.ERROR, terminal.type(), "the stream got the ending that was stored");
                assertEquals(null, live.next(Duration.ofMillis(50)), "and nothing after it");
                assertEquals(
                        List.of(terminal),
                        hub.subscribe("task", 0L).backlog(),
                        "the stored event is the one delivered");
            }
        }
    }

    @Test
    void aRunsEndThatCannotBeStoredStillEndsItsStreams() throws Exception {
        try (Store store = TestDatabases.open(dir)) {
            Stores.pendingTask(store, "key", "task");
            try (EventHub hub = new EventHub(store, Json.mapper(), new Metrics())) {
                hub.openCreated("task", 1);
                Subscription live = hub.subscribe("task", null);
                int stored = hub.finishRun("task", 1, List.of(new EventHub.Ending(new EventData.Done("ok"), s -> {
                    throw new IllegalStateException("the state machine refused");
                })));
                assertEquals(-1, stored);
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
