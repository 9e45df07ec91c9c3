package dev.agentd.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import dev.agentd.support.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadTest {
    private static final MediaType BYTES = MediaType.get("application/octet-stream");

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(
                dir,
                Map.of(
                        "AGENTD_MAX_FILES",
                        "20",
                        "AGENTD_MAX_FILE_SIZE",
                        "64KB",
                        "AGENTD_ZIP_MAX_ENTRIES",
                        "10",
                        "AGENTD_ZIP_MAX_BYTES",
                        "32KB"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Part(String name, byte[] bytes) {
        static Part text(String name, String content) {
            return new Part(name, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    static TestServer.Reply upload(String path, String message, Part... files) {
        MultipartBody.Builder body =
                new MultipartBody.Builder().setType(MultipartBody.FORM).addFormDataPart("message", message);
        for (Part f : files) body.addFormDataPart("files", f.name(), RequestBody.create(f.bytes(), BYTES));
        return server.call(server.request(path).post(body.build()).build());
    }

    private int taskCount() {
        return server.get("/api/v1/tasks").json().get("pagination").get("total").asInt();
    }

    /** Every file under the data dir's workspaces and staging folders. */
    private static List<Path> storedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(dir.resolve("workspaces"), dir.resolve("tmp"))) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void filesAreSavedToUploadsAndTheMessageRecordsThem() {
        TestServer.Reply r = upload(
                "/api/v1/tasks",
                "read uploads/data.csv",
                Part.text("data.csv", "name,age,city\nada,36,london\nalan,41,wilmslow\n"));
        assertEquals(201, r.status(), r.body());
        String id = r.data().get("id").asText();
        server.awaitFinished(id);
        List<Sse.Frame> events;
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
            events = sse.events();
        }
        JsonNode user = server.get("/api/v1/tasks/" + id + "/history")
                .data()
                .get("messages")
                .get(0);
        assertEquals("read uploads/data.csv", user.get("content").asText(), "history shows the bare message");
        assertEquals("data.csv", user.get("attachedFiles").get(0).get("name").asText());
        assertEquals(
                "uploads/data.csv", user.get("attachedFiles").get(0).get("path").asText());
        Sse.Frame call = events.stream()
                .filter(f -> f.event().equals("tool_call"))
                .findFirst()
                .orElseThrow();
        assertEquals("read_file", call.data().get("toolName").asText());
        Sse.Frame result = events.stream()
                .filter(f -> f.event().equals("tool_result"))
                .findFirst()
                .orElseThrow();
        assertEquals("success", result.data().get("status").asText());
        String answer = events.getLast().data().get("finalResponse").asText();
        assertTrue(answer.contains("3 columns (name, age, city) and 2 rows"), answer);
    }

    @Test
    void theModelSeesTheUploadListBeforeTheMessage() {
        TestServer.Reply r = upload("/api/v1/tasks", "Hello", Part.text("a.txt", "A"), Part.text("b.txt", "B"));
        String id = r.data().get("id").asText();
        String answer = server.awaitFinished(id).get("output").get("content").asText();
        assertTrue(answer.startsWith("You said: \"Hello\"."), answer);
        assertTrue(answer.endsWith("Files with this message: uploads/a.txt, uploads/b.txt."), answer);
    }

    @Test
    void sameNamesGetANumberedSuffixAndNothingIsOverwritten() throws IOException {
        TestServer.Reply r =
                upload("/api/v1/tasks", "list files", Part.text("data.csv", "one"), Part.text("../data.csv", "two"));
        String id = r.data().get("id").asText();
        server.awaitFinished(id);
        TestServer.Reply follow =
                upload("/api/v1/tasks/" + id + "/messages", "list files", Part.text("data.csv", "three"));
        assertEquals(202, follow.status(), follow.body());
        server.awaitFinished(id);
        Path uploads = dir.resolve("workspaces").resolve(Workspaces.layout(id)).resolve("uploads");
        assertEquals("one", Files.readString(uploads.resolve("data.csv")));
        assertEquals("two", Files.readString(uploads.resolve("data-1.csv")), "names are reduced to their last segment");
        assertEquals("three", Files.readString(uploads.resolve("data-2.csv")));
    }

    @Test
    void aZipIsExtractedWithItsFoldersAndTheArchiveIsNotKept() {
        byte[] zip = Zips.of()
                .file("src/b.js", "console.log(1)")
                .file("a.csv", "x,y\n1,2\n")
                .file("docs/", "")
                .bytes();
        TestServer.Reply r = upload("/api/v1/tasks", "list files", new Part("project.zip", zip));
        assertEquals(201, r.status(), r.body());
        String id = r.data().get("id").asText();
        server.awaitFinished(id);
        Path uploads = dir.resolve("workspaces").resolve(Workspaces.layout(id)).resolve("uploads");
        assertTrue(Files.isRegularFile(uploads.resolve("src/b.js")));
        assertTrue(Files.isRegularFile(uploads.resolve("a.csv")));
        assertFalse(Files.exists(uploads.resolve("project.zip")));
        JsonNode user = server.get("/api/v1/tasks/" + id + "/history")
                .data()
                .get("messages")
                .get(0);
        List<String> paths = new ArrayList<>();
        user.get("attachedFiles").forEach(f -> paths.add(f.get("path").asText()));
        assertTrue(paths.contains("uploads/src/b.js") && paths.contains("uploads/a.csv"), paths.toString());
    }

    @Test
    void entryNamesInCp437OrGbkAreDecoded() {
        byte[] gbk = Zips.of().encoding("GBK").file("数据/报告.txt", "gbk").bytes();
        byte[] cp437 = Zips.of().encoding("IBM437").file("café.txt", "cp437").bytes();
        TestServer.Reply r =
                upload("/api/v1/tasks", "list files", new Part("gbk.zip", gbk), new Part("old.zip", cp437));
        assertEquals(201, r.status(), r.body());
        String id = r.data().get("id").asText();
        server.awaitFinished(id);
        List<String> paths = new ArrayList<>();
        server.get("/api/v1/tasks/" + id + "/artifacts")
                .data()
                .get("files")
                .forEach(f -> paths.add(f.get("path").asText()));
        assertEquals(List.of("uploads/café.txt", "uploads/数据/报告.txt"), paths);
    }

    @Test
    void everyUnsafeArchiveRejectsTheWholeRequestAndLeavesNothing() throws IOException {
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put(
                "dotdot",
                Zips.of().file("ok.txt", "fine").file("../escape.txt", "x").bytes());
        hostile.put("nested dotdot", Zips.of().file("a/../../escape.txt", "x").bytes());
        hostile.put("absolute", Zips.of().file("/etc/cron.d/evil", "x").bytes());
        hostile.put("drive letter", Zips.of().file("C:/Windows/evil.txt", "x").bytes());
        hostile.put("backslashes", Zips.of().file("..\\..\\evil.txt", "x").bytes());
        hostile.put(
                "symlink",
                Zips.of().file("ok.txt", "fine").symlink("link", "/etc/passwd").bytes());
        Zips many = Zips.of();
        for (int i = 0; i < 11; i++) many.file("f" + i + ".txt", "x");
        hostile.put("too many entries", many.bytes());
        hostile.put(
                "too many bytes", Zips.of().file("big.txt", "a".repeat(40_000)).bytes());
        hostile.put(
                "lying sizes", Zips.of().file("bomb.txt", "b".repeat(40_000)).lyingAboutSize(10));
        hostile.put("not a zip", "this is not an archive".getBytes(StandardCharsets.UTF_8));
        int before = taskCount();
        List<Path> filesBefore = storedFiles();
        for (var h : hostile.entrySet()) {
            TestServer.Reply r = upload(
                    "/api/v1/tasks",
                    "list files",
                    Part.text("ok.txt", "first file is fine"),
                    new Part("evil.zip", h.getValue()));
            assertEquals(400, r.status(), h.getKey() + ": " + r.body());
            assertEquals("VALIDATION_ERROR", r.errorCode(), h.getKey());
            assertTrue(r.json().get("error").get("message").asText().contains("evil.zip"), r.body());
        }
        assertEquals(before, taskCount(), "no rejected request created a task");
        assertEquals(filesBefore, storedFiles(), "no rejected request left a file");
        assertFalse(Files.exists(dir.resolve("escape.txt")));
        assertFalse(Files.exists(dir.resolve("workspaces").resolve("escape.txt")));

        String id = server.newTask("What is 1+1?");
        server.awaitFinished(id);
        TestServer.Reply follow =
                upload("/api/v1/tasks/" + id + "/messages", "list files", new Part("evil.zip", hostile.get("dotdot")));
        assertEquals(400, follow.status());
        assertEquals(
                2,
                server.get("/api/v1/tasks/" + id + "/history")
                        .data()
                        .get("messages")
                        .size());
    }

    @Test
    void tooManyFilesOrATooLargeFileIs413AndNothingIsStored() throws IOException {
        int before = taskCount();
        List<Path> filesBefore = storedFiles();
        Part[] many = new Part[21];
        for (int i = 0; i < many.length; i++) many[i] = Part.text("f" + i + ".txt", "x");
        TestServer.Reply tooMany = upload("/api/v1/tasks", "hi", many);
        assertEquals(413, tooMany.status(), tooMany.body());
        assertEquals("PAYLOAD_TOO_LARGE", tooMany.errorCode());
        assertTrue(tooMany.json().get("error").get("message").asText().contains("20"), tooMany.body());

        TestServer.Reply tooLarge = upload("/api/v1/tasks", "hi", new Part("big.bin", new byte[70 * 1024]));
        assertEquals(413, tooLarge.status(), tooLarge.body());
        assertEquals("PAYLOAD_TOO_LARGE", tooLarge.errorCode());
        assertTrue(tooLarge.json().get("error").get("message").asText().contains("64KB"), tooLarge.body());
        assertEquals(before, taskCount());
        assertEquals(filesBefore, storedFiles());
    }

    @Test
    void aFileTooLargeInABodyOfUnknownLengthIs413NamingBothLimits() throws IOException {
        List<Path> filesBefore = storedFiles();
        RequestBody multipart = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("message", "hi")
                .addFormDataPart("files", "big.bin", RequestBody.create(new byte[70 * 1024], BYTES))
                .build();
        RequestBody chunked = new RequestBody() {
            @Override
            public MediaType contentType() {
                return multipart.contentType();
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                multipart.writeTo(sink);
            }
        };
        TestServer.Reply r =
                server.call(server.request("/api/v1/tasks").post(chunked).build());
        assertEquals(413, r.status(), r.body());
        assertEquals("PAYLOAD_TOO_LARGE", r.errorCode());
        assertTrue(r.json().get("error").get("message").asText().contains("files of at most 64KB"), r.body());
        assertEquals(filesBefore, storedFiles());
    }
}
