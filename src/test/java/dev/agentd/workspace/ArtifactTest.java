package dev.agentd.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static String id;
    static Path workspace;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir);
        id = server.newTask("write downloads/report.md: # Report\nAll good.");
        server.awaitFinished(id);
        workspace = dir.resolve("workspaces").resolve(Workspaces.layout(id));
        Files.createDirectories(workspace.resolve("uploads"));
        Files.writeString(workspace.resolve("uploads/data.csv"), "a,b\n1,2\n");
        Files.write(workspace.resolve("uploads/photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        Files.writeString(dir.resolve("outside.txt"), "host secret");
        Files.createSymbolicLink(workspace.resolve("downloads/escape.txt"), dir.resolve("outside.txt"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theListHasEveryRegularFileSortedByPathWithItsType() {
        JsonNode files = server.get("/api/v1/tasks/" + id + "/artifacts").data().get("files");
        List<String> paths = new ArrayList<>();
        files.forEach(f -> paths.add(f.get("path").asText()));
        assertEquals(
                List.of("downloads/report.md", "uploads/data.csv", "uploads/photo.png"),
                paths,
                "sorted, and the symlink is not listed");
        JsonNode report = files.get(0);
        assertEquals("report.md", report.get("name").asText());
        assertEquals("# Report\nAll good.".length(), report.get("size").asLong());
        assertEquals("text/markdown", report.get("mimeType").asText());
        assertEquals("text", report.get("category").asText());
        assertTrue(report.get("modifiedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals("csv", files.get(1).get("category").asText());
        assertEquals("image", files.get(2).get("category").asText());
    }

    @Test
    void aDownloadCarriesTypeDispositionAndLength() throws IOException {
        try (Response r = server.http
                .newCall(server.request("/api/v1/tasks/" + id + "/artifacts/download?path=uploads/data.csv")
                        .build())
                .execute()) {
            assertEquals(200, r.code());
            assertTrue(r.header("Content-Type").startsWith("text/csv"), r.header("Content-Type"));
            assertTrue(r.header("Content-Disposition").startsWith("attachment; filename=\"data.csv\""));
            assertEquals("8", r.header("Content-Length"));
            assertEquals("a,b\n1,2\n", r.body().string());
        }
    }

    @Test
    void aRangeRequestGetsPartOfTheFile() throws IOException {
        Request request = server.request("/api/v1/tasks/" + id + "/artifacts/download?path=uploads/data.csv")
                .header("Range", "bytes=2-4")
                .build();
        try (Response r = server.http.newCall(request).execute()) {
            assertEquals(206, r.code());
            assertEquals("bytes 2-4/8", r.header("Content-Range"));
            assertEquals("b\n1", new String(r.body().bytes(), StandardCharsets.UTF_8));
        }
        Request suffix = server.request("/api/v1/tasks/" + id + "/artifacts/download?path=uploads/data.csv")
                .header("Range", "bytes=-2")
                .build();
        try (Response r = server.http.newCall(suffix).execute()) {
            assertEquals(206, r.code());
            assertEquals("2\n", r.body().string());
        }
        Request beyond = server.request("/api/v1/tasks/" + id + "/artifacts/download?path=uploads/data.csv")
                .header("Range", "bytes=100-")
                .build();
        TestServer.Reply unsatisfiable = server.call(beyond);
        assertEquals(416, unsatisfiable.status());
        assertEquals("bytes */8", unsatisfiable.headers().get("Content-Range"));
    }

    @Test
    void pathsLeavingTheWorkspaceAreNotFoundLikeMissingFiles() {
        for (String path : List.of(
                "../../outside.txt",
                "/etc/passwd",
                "downloads/escape.txt",
                "uploads/nope.txt",
                "uploads",
                "%2e%2e/%2e%2e/outside.txt",
                "uploads/../../../outside.txt")) {
            TestServer.Reply r = server.get("/api/v1/tasks/" + id + "/artifacts/download?path=" + path);
            assertEquals(404, r.status(), path + ": " + r.body());
            assertEquals("NOT_FOUND", r.errorCode());
            assertTrue(!r.body().contains("host secret"));
        }
        TestServer.Reply missing = server.get("/api/v1/tasks/" + id + "/artifacts/download");
        assertEquals(400, missing.status());
        assertEquals("VALIDATION_ERROR", missing.errorCode());
    }
}
