package dev.agentd.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workspaces exist once something is written there, in folders two levels deep; old data dirs move there. */
class WorkspaceLayoutTest {
    @TempDir
    Path dir;

    private static List<String> artifacts(TestServer server, String id) {
        List<String> paths = new ArrayList<>();
        server.get("/api/v1/tasks/" + id + "/artifacts")
                .data()
                .get("files")
                .forEach(f -> paths.add(f.get("path").asText()));
        return paths;
    }

    private static String withUpload(TestServer server, String message, String name, String content) {
        MultipartBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("message", message)
                .addFormDataPart("files", name, RequestBody.create(content.getBytes()))
                .build();
        return server.call(server.request("/api/v1/tasks").post(body).build())
                .data()
                .get("id")
                .asText();
    }

    private static String download(TestServer server, String id, String path) {
        TestServer.Reply r = server.get("/api/v1/tasks/" + id + "/artifacts/download?path=" + path);
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    @Test
    void aTaskThatNeverTouchesFilesLeavesNoFolderAndListsNoArtifacts() throws IOException {
        try (TestServer server = TestServer.start(dir)) {
            String id = server.newTask("What is 2+2?");
            server.awaitFinished(id);
            server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"and 3+3?\"}");
            server.awaitMessages(id, 4);
            assertFalse(Files.exists(server.workspace(id)), "no folder for a task without files");
            assertEquals(List.of(), artifacts(server, id));
            assertEquals(
                    404,
                    server.get("/api/v1/tasks/" + id + "/artifacts/download?path=uploads/x.txt")
                            .status());
            try (Stream<Path> all = Files.walk(dir.resolve("workspaces"))) {
                assertEquals(List.of(dir.resolve("workspaces").toRealPath()), all.toList(), "nothing made at all");
            }
        }
    }

    @Test
    void aTaskThatUploadsOrWritesGetsItsFolderTwoLevelsDown() {
        try (TestServer server = TestServer.start(dir)) {
            String uploaded = withUpload(server, "What is 2+2?", "notes.txt", "some notes");
            server.awaitFinished(uploaded);
            String written = server.newTask("run `echo made > downloads/out.txt`");
            server.awaitFinished(written);

            for (String id : List.of(uploaded, written)) {
                Path folder = server.workspace(id);
                assertTrue(Files.isDirectory(folder), "a folder for " + id);
                assertEquals(
                        dir.resolve("workspaces")
                                .resolve(id.substring(0, 2))
                                .resolve(id.substring(2, 4))
                                .resolve(id),
                        folder);
            }
            assertEquals(List.of("uploads/notes.txt"), artifacts(server, uploaded));
            assertEquals("some notes", download(server, uploaded, "uploads/notes.txt"));
            assertEquals(List.of("downloads/out.txt"), artifacts(server, written));
            assertEquals("made\n", download(server, written, "downloads/out.txt"));
        }
    }

    @Test
    void aDataDirInTheFlatLayoutMovesOnStartUpWithEveryFileStillThereAndResumable() throws IOException {
        List<String> ids = new ArrayList<>();
        try (TestServer server = TestServer.start(dir)) {
            for (int i = 0; i < 3; i++) {
                String id = withUpload(server, "What is " + i + "+1?", "file" + i + ".txt", "content " + i);
                server.awaitFinished(id);
                ids.add(id);
            }
        }
        // the earlier layout: workspaces/<id>/ side by side; the first already moved, as if a start
        // that was migrating had been cut
        Path workspaces = dir.resolve("workspaces");
        for (String id : ids.subList(1, 3)) {
            Files.move(workspaces.resolve(Workspaces.layout(id)), workspaces.resolve(id));
        }
        try (TestServer server = TestServer.start(dir)) {
            for (int i = 0; i < 3; i++) {
                String id = ids.get(i);
                assertFalse(Files.exists(workspaces.resolve(id)), "moved away from the flat layout");
                assertEquals("content " + i, download(server, id, "uploads/file" + i + ".txt"));
                JsonNode task = server.get("/api/v1/tasks/" + id).data();
                assertEquals("completed", task.get("status").asText());
            }
            String id = ids.get(2);
            server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"list files in uploads\"}");
            server.awaitMessages(id, 4);
            String answer = server.get("/api/v1/tasks/" + id + "/history")
                    .data()
                    .get("messages")
                    .get(3)
                    .get("content")
                    .asText();
            assertTrue(answer.contains("file2.txt"), "the task works on in its moved folder: " + answer);
        }
    }
}
