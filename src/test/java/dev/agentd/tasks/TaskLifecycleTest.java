package dev.agentd.tasks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.Engine;
import dev.agentd.auth.Principal;
import dev.agentd.cluster.Cluster;
import dev.agentd.config.ConfigLoader;
import dev.agentd.domain.ApiKey;
import dev.agentd.domain.ApprovalOutcome;
import dev.agentd.domain.IfBusy;
import dev.agentd.domain.Message;
import dev.agentd.domain.Project;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.errors.ApiException;
import dev.agentd.metrics.Metrics;
import dev.agentd.model.Model;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.TurnSink;
import dev.agentd.model.builtin.BuiltinModel;
import dev.agentd.sandbox.Sandboxes;
import dev.agentd.store.Store;
import dev.agentd.support.Stores;
import dev.agentd.support.TestDatabases;
import dev.agentd.workspace.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task lifecycle driven through its service, without HTTP: what runs when, and what is stored. */
class TaskLifecycleTest {
    /** The built-in model, answering a turn only once the test lets it. */
    static final class GatedModel implements Model {
        final Semaphore turns = new Semaphore(0);
        final AtomicInteger waiting = new AtomicInteger();
        private final BuiltinModel model = new BuiltinModel(0, 0);

        @Override
        public ModelTurn next(ModelRequest request, TurnSink sink) throws InterruptedException {
            waiting.incrementAndGet();
            try {
                turns.acquire();
            } finally {
                waiting.decrementAndGet();
            }
            return model.next(request, sink);
        }

        /** Waits until a run asks for a turn. */
        void awaitAsked() {
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.get() > 0);
        }
    }

    static final Principal.Key OWNER = new Principal.Key("key-1", "test", Project.DEFAULT);

    @TempDir
    Path dir;

    Store store;
    GatedModel model;
    Engine engine;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        store = TestDatabases.open(dir);
        store.keys()
                .addIfAbsent(
                        new ApiKey(OWNER.keyId(), Project.DEFAULT, OWNER.name(), Instant.now(), null, null), "hash");
        model = new GatedModel();
        engine = startEngine(model);
    }

    private Engine startEngine(Model m) {
        return Engine.start(
                ConfigLoader.load(Map.of("AGENTD_DATA_DIR", dir.toString()), new String[0]),
                store,
                Cluster.alone(),
                new Workspaces(dir.resolve("workspaces")),
                Sandboxes.select("none", List.of(), dir.resolve("tmp"), false),
                m,
                dir.resolve("tmp"),
                new Metrics());
    }

    @AfterEach
    void stop() {
        model.turns.release(100);
        engine.stopRuns(Duration.ZERO);
        engine.close();
        store.close();
    }

    private Task create(String message, boolean autoExecute) {
        return engine.tasks()
                .create(OWNER, new NewTask(message, null, true, autoExecute, null, null, List.of(), null, null));
    }

    private String followUp(String taskId, String message, IfBusy ifBusy) {
        return engine.tasks().followUp(OWNER, taskId, new FollowUp(message, ifBusy, null, List.of(), null));
    }

    private TaskStatus status(String taskId) {
        return store.tasks().find(taskId).orElseThrow().status();
    }

    private List<String> history(String taskId) {
        return engine.reads().history(taskId, 0, 100).stream()
                .map(m -> m.role().wire() + ": " + m.content())
                .toList();
    }

    private void awaitStatus(String taskId, TaskStatus wanted) {
        await().atMost(Duration.ofSeconds(10)).until(() -> status(taskId) == wanted);
    }

    @Test
    void followUpsSentDuringARunAreQueuedAndRunAfterItInOrder() {
        Task task = create("What is 1+1?", true);
        model.awaitAsked();
        assertEquals("queued", followUp(task.id(), "What is 2+2?", IfBusy.QUEUE));
        assertEquals("queued", followUp(task.id(), "What is 3+3?", IfBusy.QUEUE));
        assertEquals(1, history(task.id()).size(), "queued messages join the history when their run starts");
        model.turns.release(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> history(task.id()).size() == 6);
        awaitStatus(task.id(), TaskStatus.COMPLETED);
        assertEquals(
                List.of(
                        "user: What is 1+1?",
                        "assistant: 1+1 equals 2.",
                        "user: What is 2+2?",
                        "assistant: 2+2 equals 4.",
                        "user: What is 3+3?",
                        "assistant: 3+3 equals 6."),
                history(task.id()));
        assertEquals(3, store.runs().last(task.id()), "one run per message");
    }

    @Test
    void aFollowUpRejectedWhileBusyChangesNothing() {
        Task task = create("What is 1+1?", true);
        model.awaitAsked();
        ApiException busy = assertThrows(ApiException.class, () -> followUp(task.id(), "What is 2+2?", IfBusy.REJECT));
        assertEquals("TASK_BUSY", busy.code());
        model.turns.release();
        awaitStatus(task.id(), TaskStatus.COMPLETED);
        assertEquals(List.of("user: What is 1+1?", "assistant: 1+1 equals 2."), history(task.id()));
        assertEquals(1, store.runs().last(task.id()));
    }

    @Test
    void anInterruptEndsTheRunningTurnAndRunsTheNewMessageNext() {
        Task task = create("What is 1+1?", true);
        model.awaitAsked();
        assertEquals("running", followUp(task.id(), "What is 5+5?", IfBusy.INTERRUPT));
        model.awaitAsked(); // the interrupted run never got its turn; the new one asks
        model.turns.release();
        awaitStatus(task.id(), TaskStatus.COMPLETED);
        List<String> messages = history(task.id());
        assertEquals("user: What is 5+5?", messages.get(messages.size() - 2), messages.toString());
        assertEquals("assistant: 5+5 equals 10.", messages.getLast());
        assertEquals(2, store.runs().last(task.id()));
    }

    @Test
    void cancellingWhileAwaitingApprovalEndsTheTaskAndForgetsTheCall() {
        Task task = create("run `echo hello`", false);
        model.turns.release();
        awaitStatus(task.id(), TaskStatus.AWAITING_APPROVAL);
        String callId = engine.reads().pendingApprovals(task.id()).getFirst().callId();
        engine.tasks().cancel(OWNER, task.id());
        assertEquals(TaskStatus.CANCELLED, status(task.id()));
        assertTrue(engine.reads().pendingApprovals(task.id()).isEmpty());
        ApiException gone = assertThrows(
                ApiException.class,
                () -> engine.tasks().approve(OWNER, task.id(), callId, ApprovalOutcome.PROCEED_ONCE));
        assertEquals(404, gone.status());
    }

    @Test
    void aStartRecoversTasksLeftBusyEndingRunsAsInterruptedAndRunningWhatWaited() {
        engine.stopRuns(Duration.ZERO);
        engine.close();
        Task waiting = Stores.pendingTask(store, "key-1", "left-pending");
        Task cut = Stores.pendingTask(store, "key-1", "left-running");
        store.tasks().markRunning(cut.id(), cut.createdAt());
        engine = startEngine(new BuiltinModel(0, 0));

        assertEquals(TaskStatus.FAILED, status(cut.id()));
        assertEquals(
                "INTERRUPTED",
                store.tasks()
                        .find(cut.id())
                        .orElseThrow()
                        .state()
                        .error()
                        .code()
                        .name());
        awaitStatus(waiting.id(), TaskStatus.COMPLETED);
        List<Message> messages = engine.reads().history(waiting.id(), 0, 10);
        assertEquals(2, messages.size(), "the waiting task ran its message");
    }
}
