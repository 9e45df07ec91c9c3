package dev.agentd.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolCall;
import dev.agentd.secrets.Masker;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolResult;
import dev.agentd.tools.files.EditFileTool;
import dev.agentd.tools.files.ListFilesTool;
import dev.agentd.tools.files.ReadFileTool;
import dev.agentd.tools.files.SearchFilesTool;
import dev.agentd.tools.files.WriteFileTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ToolBox box(long quota) {
        Quota q = new Quota(quota);
        return new ToolBox(List.of(
                new ListFilesTool(),
                new ReadFileTool(),
                new WriteFileTool(q),
                new EditFileTool(q),
                new SearchFilesTool()));
    }

    private ToolResult call(ToolBox box, Path workspace, String tool, String argsJson) throws Exception {
        return box.execute(
                new ToolCall("c1", tool, (ObjectNode) JSON.readTree(argsJson)),
                new ToolContext("t", new Workspace(workspace), Map.of(), Masker.NONE));
    }

    private Path workspace() throws IOException {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.createDirectories(ws.resolve("uploads"));
        return ws;
    }

    @Test
    void writeReadEditAndSearchWorkInsideTheWorkspace() throws Exception {
        Path ws = workspace();
        ToolBox box = box(1 << 20);
        assertEquals(
                "Wrote 12 bytes to downloads/a/b.txt",
                call(
                                box,
                                ws,
                                "write_file",
                                "{\"path\":\"/workspace/downloads/a/b.txt\",\"content\":\"one\\ntwo\\none\\n\"}")
                        .output());
        assertEquals(
                "1\tone\n2\ttwo\n3\tone\n",
                call(box, ws, "read_file", "{\"path\":\"downloads/a/b.txt\"}").output());
        assertEquals(
                "2\ttwo\n",
                call(box, ws, "read_file", "{\"path\":\"/downloads/a/b.txt\",\"offset\":2,\"limit\":\"1\"}")
                        .output()
                        .replaceAll("\\[more.*\\]\\n", ""));
        ToolResult ambiguous =
                call(box, ws, "edit_file", "{\"path\":\"downloads/a/b.txt\",\"old_text\":\"one\",\"new_text\":\"1\"}");
        assertEquals("error", ambiguous.status().wire());
        assertTrue(ambiguous.output().contains("more than once"), ambiguous.output());
        ToolResult absent =
                call(box, ws, "edit_file", "{\"path\":\"downloads/a/b.txt\",\"old_text\":\"zzz\",\"new_text\":\"1\"}");
        assertTrue(absent.output().contains("not found"), absent.output());
        assertEquals(
                "success",
                call(box, ws, "edit_file", "{\"path\":\"downloads/a/b.txt\",\"old_text\":\"two\",\"new_text\":\"2\"}")
                        .status()
                        .wire());
        assertEquals("one\n2\none\n", Files.readString(ws.resolve("downloads/a/b.txt")));
        assertEquals(
                "downloads/a/b.txt:1: one\ndownloads/a/b.txt:3: one",
                call(box, ws, "search_files", "{\"pattern\":\"^o\"}").output());
        String listing = call(box, ws, "list_files", "{\"recursive\":true}").output();
        assertTrue(listing.contains("downloads/a/\n") && listing.contains("downloads/a/b.txt (10 bytes)"), listing);
    }

    @Test
    void escapesAreErrorResultsNotExceptions() throws Exception {
        Path ws = workspace();
        Files.writeString(dir.resolve("host.txt"), "host secret");
        Files.createSymbolicLink(ws.resolve("uploads/link"), dir);
        ToolBox box = box(1 << 20);
        for (String[] c : new String[][] {
            {"read_file", "{\"path\":\"../host.txt\"}"},
            {"read_file", "{\"path\":\"/etc/passwd/../../host.txt\"}"},
            {"read_file", "{\"path\":\"uploads/link/host.txt\"}"},
            {"write_file", "{\"path\":\"../evil.txt\",\"content\":\"x\"}"},
            {"write_file", "{\"path\":\"uploads/link/evil.txt\",\"content\":\"x\"}"},
            {"list_files", "{\"path\":\"..\"}"},
            {"search_files", "{\"pattern\":\"secret\",\"path\":\"uploads/link\"}"},
            {"edit_file", "{\"path\":\"uploads/link/host.txt\",\"old_text\":\"host\",\"new_text\":\"x\"}"}
        }) {
            ToolResult r = call(box, ws, c[0], c[1]);
            assertEquals("error", r.status().wire(), c[0] + " " + c[1] + ": " + r.output());
            assertFalse(r.output().contains("host secret"), r.output());
        }
        assertFalse(Files.exists(dir.resolve("evil.txt")));
        assertEquals("host secret", Files.readString(dir.resolve("host.txt")));
    }

    @Test
    void theQuotaTurnsAWriteBeyondItIntoAClearError() throws Exception {
        Path ws = workspace();
        ToolBox box = box(100);
        assertEquals(
                "success",
                call(box, ws, "write_file", "{\"path\":\"a.txt\",\"content\":\"" + "x".repeat(60) + "\"}")
                        .status()
                        .wire());
        ToolResult over = call(box, ws, "write_file", "{\"path\":\"b.txt\",\"content\":\"" + "y".repeat(60) + "\"}");
        assertEquals("error", over.status().wire());
        assertTrue(over.output().contains("quota"), over.output());
        assertFalse(Files.exists(ws.resolve("b.txt")));
        assertEquals(
                "success",
                call(box, ws, "write_file", "{\"path\":\"a.txt\",\"content\":\"" + "z".repeat(90) + "\"}")
                        .status()
                        .wire(),
                "replacing a file counts only the difference");
    }

    @Test
    void binaryFilesAreDescribedAndLongOutputIsCapped() throws Exception {
        Path ws = workspace();
        Files.write(ws.resolve("uploads/x.png"), new byte[] {1, 0, 2, 3});
        ToolBox box = box(1 << 30);
        assertEquals(
                "Binary file uploads/x.png: 4 bytes, type image/png.",
                call(box, ws, "read_file", "{\"path\":\"uploads/x.png\"}").output());
        Files.writeString(ws.resolve("big.txt"), ("0123456789".repeat(20) + "\n").repeat(2000));
        String out = call(box, ws, "search_files", "{\"pattern\":\"0\"}").output();
        assertTrue(out.length() <= ToolBox.OUTPUT_CAP + 200, "output is capped: " + out.length());
        assertTrue(
                out.contains("[output truncated") || out.contains("[search stopped"),
                out.substring(out.length() - 100));
    }

    @Test
    void theBuiltInModelListsReadsAndWritesFilesButCannotReadOutside() {
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            String id = server.newTask("write notes/todo.txt: buy milk");
            server.awaitFinished(id);
            server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"list files\"}");
            server.awaitFinished(id);
            server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"read ../../etc/passwd\"}");
            List<Sse.Frame> events;
            try (Sse sse = Sse.open(
                    server,
                    server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
                events = sse.events();
            }
            List<String> results = events.stream()
                    .filter(f -> f.event().equals("tool_result"))
                    .map(f -> f.data().get("toolName").asText() + " "
                            + f.data().get("status").asText())
                    .toList();
            assertEquals(List.of("write_file success", "list_files success", "read_file error"), results);
            Sse.Frame listed = events.stream()
                    .filter(f -> f.event().equals("tool_result"))
                    .toList()
                    .get(1);
            assertTrue(
                    listed.data().get("output").asText().contains("notes/todo.txt (8 bytes)"),
                    listed.lines().toString());
            String all = String.join(
                    "\n", events.stream().flatMap(f -> f.lines().stream()).toList());
            assertFalse(all.contains("root:"), "nothing of /etc/passwd reached the stream");
            assertEquals(
                    "buy milk",
                    read(server.dataDir()
                            .resolve("workspaces")
                            .resolve(Workspaces.layout(id))
                            .resolve("notes/todo.txt")));
            assertEquals(
                    "completed",
                    server.awaitFinished(id).get("status").asText(),
                    "a tool error is given to the model, the run goes on");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
