package dev.agentd.model.script;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.config.ConfigException;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AGENTD_MODEL=script:<file>: each step kind through the API and the stream, reloads and bad scripts. */
class ScriptModelTest {
    @TempDir
    static Path dir;

    static Path script;
    static TestServer server;

    static final String RULES = """
            [
              {"match": "^show (\\\\w+)$", "steps": [
                {"think": {"subject": "Planning", "description": "Showing $1"}},
                {"say": "Here is $1.", "pace": "1ms"},
                {"retry": 2},
                {"wait": "20ms"},
                {"tool": "run_command", "args": {"command": "echo $1-done"}},
                {"say": "All $1 shown.", "pace": "0ms"}
              ]},
              {"match": "^ask$", "steps": [
                {"tool": "run_command", "args": {"command": "echo asked"}},
                {"say": "Asked."}
              ]},
              {"match": "^break", "steps": [
                {"say": "Starting.", "pace": "0ms"},
                {"fail": {"code": "MODEL_ERROR", "message": "scripted failure"}}
              ]},
              {"steps": [{"say": "Anything else.", "pace": "0ms"}]}
            ]
            """;

    @BeforeAll
    static void start() throws IOException {
        script = Files.writeString(dir.resolve("script.json"), RULES);
        server = TestServer.start(dir.resolve("data"), Map.of("AGENTD_MODEL", "script:" + script));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every event of a task's runs (a resume from the start), until its run's end. */
    private static List<Sse.Frame> live(String taskId) {
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + taskId + "/stream?after=0")
                        .get()
                        .build())) {
            return sse.events().stream()
                    .filter(f -> !f.event().startsWith("history_"))
                    .toList();
        }
    }

    private static List<String> names(List<Sse.Frame> frames) {
        List<String> names = new ArrayList<>();
        for (Sse.Frame f : frames) {
            if (f.event().equals("content")
                    && !names.isEmpty()
                    && names.getLast().equals("content")) continue;
            names.add(f.event());
        }
        return names;
    }

    private static Sse.Frame first(List<Sse.Frame> frames, String event) {
        return frames.stream().filter(f -> f.event().equals(event)).findFirst().orElseThrow();
    }

    @Test
    void everyStepKindReachesTheStreamInItsOrderWithTheMatchsGroupsFilledIn() {
        String id = server.newTask("show things");
        List<Sse.Frame> frames = live(id);
        assertEquals(
                List.of(
                        "status", // processing
                        "thought",
                        "content", // the first say, word by word
                        "status", // retrying
                        "status",
                        "content", // the turn's end, marked as the tool is called
                        "tool_call",
                        "tool_result",
                        "content",
                        "done"),
                names(frames),
                frames.toString());
        assertEquals(
                "Showing things",
                first(frames, "thought").data().get("description").asText());
        assertEquals(
                "retrying",
                frames.get(5).data().get("status").asText(),
                frames.get(5).toString());
        assertEquals(
                "echo things-done",
                first(frames, "tool_call").data().get("args").get("command").asText());
        assertTrue(first(frames, "tool_result").data().get("output").asText().contains("things-done"));
        assertEquals("Here is things.All things shown.", Sse.text(frames));
        assertEquals(
                "Here is things.All things shown.",
                first(frames, "done").data().get("finalResponse").asText());
    }

    @Test
    void aToolStepWaitsForApprovalWhenTheTaskAsks() {
        String id = server.manualTask("ask");
        String callId = server.awaitPendingCall(id);
        assertEquals(200, server.approve(id, callId, "proceed_once").status());
        JsonNode task = server.awaitStatus(id, "completed");
        assertEquals("Asked.", task.get("output").get("content").asText());
    }

    @Test
    void aFailStepEndsTheRunWithItsCodeAndMessage() {
        String id = server.newTask("break it");
        List<Sse.Frame> frames = live(id);
        assertEquals(List.of("status", "content", "error"), names(frames));
        assertEquals("MODEL_ERROR", first(frames, "error").data().get("code").asText());
        assertEquals(
                "scripted failure", first(frames, "error").data().get("message").asText());
        JsonNode task = server.awaitStatus(id, "failed");
        assertEquals("scripted failure", task.get("error").asText());
        assertEquals("MODEL_ERROR", task.get("errorCode").asText());
    }

    @Test
    void aRuleWithoutMatchCatchesEverythingElse() {
        String id = server.newTask("hello");
        assertEquals(
                "Anything else.",
                server.awaitStatus(id, "completed").get("output").get("content").asText());
    }

    @Test
    void theScriptIsReadAgainWhenItChangesAndABadChangeKeepsTheLastGoodOne() throws IOException {
        Path other = Files.writeString(dir.resolve("reloading.json"), "[{\"steps\": [{\"say\": \"first version\"}]}]");
        try (TestServer s = TestServer.start(dir.resolve("reload-data"), Map.of("AGENTD_MODEL", "script:" + other))) {
            assertEquals(
                    "first version",
                    s.awaitStatus(s.newTask("hi"), "completed")
                            .get("output")
                            .get("content")
                            .asText());

            Files.writeString(other, "[{\"steps\": [{\"say\": \"the second version\"}]}]");
            await().until(() -> s.awaitStatus(s.newTask("hi"), "completed")
                    .get("output")
                    .get("content")
                    .asText()
                    .equals("the second version"));

            Files.writeString(other, "[{\"steps\": [{\"say\": 42}]}]");
            assertEquals(
                    "the second version",
                    s.awaitStatus(s.newTask("hi"), "completed")
                            .get("output")
                            .get("content")
                            .asText());
        }
    }

    @Test
    void aBadScriptIsRefusedAtStartNamingTheRuleAndTheField() throws IOException {
        Map<String, String> cases = Map.of(
                "[{\"steps\": [{\"say\": 5}]}]", "rule 1, step 1, field \"say\": must be a string",
                "[{\"steps\": [{\"say\": \"ok\"}]}, {\"match\": \"(\", \"steps\": [{\"say\": \"x\"}]}]",
                        "rule 2, field \"match\": not a regular expression",
                "[{\"steps\": [{\"say\": \"a\", \"pace\": \"fast\"}]}]",
                        "rule 1, step 1, field \"pace\": must be a duration",
                "[{\"steps\": [{\"jump\": 1}]}]", "rule 1, step 1: must have exactly one of",
                "[{\"steps\": [{\"retry\": 0}]}]", "rule 1, step 1, field \"retry\": must be a whole number",
                "[{\"steps\": [{\"fail\": {\"code\": \"OOPS\"}}]}]", "rule 1, step 1, field \"fail\".code",
                "[{\"steps\": []}]", "rule 1, field \"steps\": must be a non-empty list",
                "{\"rule\": []}", "a script is a non-empty list of rules");
        int n = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path bad = Files.writeString(dir.resolve("bad-" + n + ".json"), c.getKey());
            Path data = dir.resolve("bad-data-" + n++);
            ConfigException e = assertThrows(
                    ConfigException.class,
                    () -> TestServer.start(data, Map.of("AGENTD_MODEL", "script:" + bad))
                            .close(),
                    c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            assertTrue(e.getMessage().startsWith("AGENTD_MODEL: " + bad), e.getMessage());
        }
    }

    @Test
    void theShippedExampleIsValidAndUsesEveryStepKind() throws Exception {
        String example = Files.readString(Path.of("examples/script.json"));
        List<Rule> rules = ScriptParser.parse(example);
        List<Class<?>> kinds = rules.stream()
                .flatMap(r -> r.steps().stream())
                .map(Object::getClass)
                .distinct()
                .toList();
        for (Class<?> kind : Step.class.getPermittedSubclasses()) {
            assertTrue(kinds.contains(kind), "the example has no " + kind.getSimpleName() + " step");
        }
        assertTrue(rules.getLast().match() == null, "and a catch-all");
    }
}
