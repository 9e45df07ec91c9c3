package dev.agentd.support;

import dev.agentd.domain.ApiKey;
import dev.agentd.domain.Project;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.events.EventHub;
import dev.agentd.store.MessageStore;
import dev.agentd.store.Store;
import dev.agentd.store.TaskStore;
import java.time.Instant;

/** Tasks put straight into a store, for tests of the parts below the task lifecycle. */
public final class Stores {
    private Stores() {}

    /** Stores key {@code key} and a pending task {@code id} of it with one user message and its first run. */
    public static Task pendingTask(Store store, String key, String id) {
        Instant now = Instant.now();
        store.keys().addIfAbsent(new ApiKey(key, Project.DEFAULT, "test", now, null, null), "hash-" + key);
        Task task = new Task(
                id,
                Task.Owner.key(Project.DEFAULT, key, "test"),
                "session-" + id,
                "1-abcdefghi",
                "hi",
                new Task.Settings(null, true, true, null, null, null),
                new Task.State(TaskStatus.PENDING, null, null, null, now, 1),
                now);
        store.tasks()
                .create(
                        new TaskStore.NewTask(task, EventHub.FIRST_SEQ_LIMIT),
                        MessageStore.NewMessage.user("hi", now, null),
                        EventHub.FIRST_SEQ);
        return task;
    }
}
