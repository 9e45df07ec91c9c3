package dev.agentd.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacesDirTest {
    @TempDir
    Path dir;

    private TestServer start(Path data, Path shared) {
        return TestServer.start(data, Map.of("AGENTD_WORKSPACES_DIR", shared.toString()));
    }

    @Test
    void workspacesAndTheirUploadsLiveInTheWorkspacesDirAndNotInTheDataDir() throws IOException {
        Path data = dir.resolve("node");
        Path shared = dir.resolve("shared");
        String id;
        try (TestServer server = start(data, shared)) {
            RequestBody body = new MultipartBody.Builder()
                    .setType(MultipartBody.FORM)
                    .addFormDataPart("message", "write downloads/report.md: # Done")
                    .addFormDataPart(
                            "files",
                            "notes.txt",
                            RequestBody.create(
                                    "hello".getBytes(StandardCharsets.UTF_8),
                                    MediaType.get("application/octet-stream")))
                    .build();
            id = server.call(server.request("/api/v1/tasks").post(body).build())
                    .data()
                    .get("id")
                    .asText();
            server.awaitFinished(id);
            Path workspace = shared.resolve(Workspaces.layout(id));
            assertEquals("hello", Files.readString(workspace.resolve("uploads/notes.txt")));
            assertEquals("# Done", Files.readString(workspace.resolve("downloads/report.md")));
            assertFalse(Files.exists(data.resolve("workspaces")), "nothing of a workspace in the data dir");
            assertEquals(
                    "# Done",
                    server.get("/api/v1/tasks/" + id + "/artifacts/download?path=downloads/report.md")
                            .body());
            TestServer.Command disk = server.command("tasks", "disk", "--workspaces-dir", shared.toString());
            assertEquals(0, disk.code(), disk.err());
            assertTrue(disk.out().contains(id), disk.out());
            assertTrue(disk.out().contains("1 workspaces"), "the staging folder is no workspace: " + disk.out());
        }
    }

    @Test
    void whatANodeLeftInItsStagingFolderIsGoneWhenItStartsAgain() throws IOException {
        Path data = dir.resolve("node");
        Path shared = dir.resolve("shared");
        start(data, shared).close();
        String node = Files.readString(data.resolve("node-id")).strip();
        Path left = shared.resolve(".staging").resolve(node).resolve("upload-1/0/half.bin");
        Files.createDirectories(left.getParent());
        Files.writeString(left, "cut");
        Path otherNode = shared.resolve(".staging/other-node/upload-2/0/busy.bin");
        Files.createDirectories(otherNode.getParent());
        Files.writeString(otherNode, "still being written");
        try (TestServer again = start(data, shared)) {
            assertEquals(node, Files.readString(data.resolve("node-id")).strip(), "a node keeps its name");
            assertFalse(Files.exists(left), "its own staging is emptied");
            assertTrue(Files.exists(otherNode), "another node's staging is left alone");
        }
    }
}
