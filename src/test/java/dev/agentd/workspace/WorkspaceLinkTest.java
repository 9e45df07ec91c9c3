package dev.agentd.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.model.ToolCall;
import dev.agentd.secrets.Masker;
import dev.agentd.support.TestServer;
import dev.agentd.support.Zips;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolResult;
import dev.agentd.tools.files.ReadFileTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links planted by a command, still there or swapped in while the server works, are never followed. */
class WorkspaceLinkTest {
    private static final String HOST_SECRET = "host-only-content-7f3a";

    @TempDir
    static Path dir;

    static TestServer server;
    static Path outside;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("data"), Map.of("AGENTD_SANDBOX", "bwrap"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("target.txt"), HOST_SECRET);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Reply upload(String path, String message, String name, byte[] bytes) {
        MultipartBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("message", message)
                .addFormDataPart("files", name, RequestBody.create(bytes, MediaType.get("application/octet-stream")))
                .build();
        return server.call(server.request(path).post(body).build());
    }

    private static List<Path> outsideFiles() throws Exception {
        try (Stream<Path> walk = Files.walk(outside)) {
            return walk.filter(p -> !p.equals(outside)).sorted().toList();
        }
    }

    @Test
    void uploadsAndArchivesIntoAPlantedLinkWriteNothingOutside() throws Exception {
        List<Path> before = outsideFiles();
        String id = server.newTask("run `rm -rf uploads && ln -s " + outside + " uploads && ls -la`");
        server.awaitFinished(id);
        assertTrue(Files.isSymbolicLink(server.workspace(id).resolve("uploads")), "the command planted the link");

        TestServer.Reply plain = upload(
                "/api/v1/tasks/" + id + "/messages",
                "list files",
                "a.txt",
                "plain upload".getBytes(StandardCharsets.UTF_8));
        assertEquals(202, plain.status(), plain.body());
        server.awaitFinished(id);
        assertFalse(Files.isSymbolicLink(server.workspace(id).resolve("uploads")), "uploads/ is a folder again");
        assertEquals("plain upload", Files.readString(server.workspace(id).resolve("uploads/a.txt")));

        String deeper = server.newTask("run `mkdir -p uploads && ln -s " + outside + " uploads/src && ls -la uploads`");
        server.awaitFinished(deeper);
        byte[] zip = Zips.of()
                .file("top.txt", "fine")
                .file("src/evil.txt", "through the link")
                .bytes();
        TestServer.Reply archive = upload("/api/v1/tasks/" + deeper + "/messages", "list files", "bundle.zip", zip);
        assertEquals(409, archive.status(), archive.body());
        assertEquals("INVALID_STATE", archive.errorCode());
        assertFalse(
                Files.exists(server.workspace(deeper).resolve("uploads/top.txt")),
                "nothing of the refused upload stays");
        assertEquals(before, outsideFiles(), "nothing was written outside the workspace");
    }

    @Test
    void aDownloadRacingALinkSwapperNeverServesTheLinksTarget() throws Exception {
        String id = server.newTask("write downloads/f.txt: safe");
        server.awaitFinished(id);
        String swapper = "run `end=$((SECONDS+6)); while [ $SECONDS -lt $end ]; do ln -sfn " + outside
                + "/target.txt downloads/l && mv -fT downloads/l downloads/f.txt; echo safe > downloads/r && "
                + "mv -fT downloads/r downloads/f.txt; done; echo swapped`";
        TestServer.Reply started =
                server.postJson("/api/v1/tasks/" + id + "/messages", TestServer.jsonOf(Map.of("message", swapper)));
        assertEquals(202, started.status(), started.body());
        server.awaitStatus(id, "running");
        int served = 0;
        int refused = 0;
        while (server.get("/api/v1/tasks/" + id).data().get("status").asText().equals("running")) {
            TestServer.Reply r = server.get("/api/v1/tasks/" + id + "/artifacts/download?path=downloads/f.txt");
            assertFalse(r.body().contains(HOST_SECRET), "the link's target was served");
            if (r.status() == 200) served++;
            else refused++;
        }
        assertTrue(served > 0 && refused > 0, "the race was run: " + served + " served, " + refused + " refused");
    }

    @Test
    void readFileRacingALinkSwapperNeverReadsTheLinksTarget() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("race"));
        Files.createDirectories(ws.resolve("d"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        CompletableFuture<Void> swapperDone = new CompletableFuture<>();
        Thread swapper = Thread.ofPlatform().start(() -> {
            Path link = ws.resolve("link.tmp");
            Path file = ws.resolve("file.tmp");
            Path dirLink = ws.resolve("dlink.tmp");
            Path realDir = ws.resolve("realdir.tmp");
            try {
                while (!stop.get()) {
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, outside.resolve("target.txt"));
                    Files.move(link, ws.resolve("d/f.txt"), StandardCopyOption.ATOMIC_MOVE);
                    Files.writeString(file, "safe\n");
                    Files.move(file, ws.resolve("d/f.txt"), StandardCopyOption.ATOMIC_MOVE);
                    // and the folder on the way swapped for a link to outside
                    Files.deleteIfExists(dirLink);
                    Files.createSymbolicLink(dirLink, outside);
                    Uploads.deleteTree(ws.resolve("e"));
                    Files.move(dirLink, ws.resolve("e"), StandardCopyOption.ATOMIC_MOVE);
                    Files.createDirectories(realDir);
                    Files.writeString(realDir.resolve("target.txt"), "safe\n");
                    Files.delete(ws.resolve("e"));
                    Files.move(realDir, ws.resolve("e"), StandardCopyOption.ATOMIC_MOVE);
                    swaps.incrementAndGet();
                }
                swapperDone.complete(null);
            } catch (Exception e) {
                swapperDone.completeExceptionally(e);
            }
        });
        ToolBox box = new ToolBox(List.of(new ReadFileTool()));
        ToolContext context = new ToolContext("t", new Workspace(ws), Map.of(), Masker.NONE);
        ObjectMapper json = new ObjectMapper();
        int reads = 0;
        try {
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                for (String path : List.of("d/f.txt", "e/target.txt")) {
                    ToolResult r = box.execute(
                            new ToolCall(
                                    "c", "read_file", json.createObjectNode().put("path", path)),
                            context);
                    assertFalse(r.output().contains(HOST_SECRET), "read through a link: " + r.output());
                    reads++;
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        swapperDone.join();
        assertTrue(reads > 100 && swaps.get() > 100, "the race was run: " + reads + " reads, " + swaps + " swaps");
    }
}
