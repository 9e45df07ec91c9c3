package dev.agentd.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.TestServer;
import dev.agentd.workspace.Artifacts;
import dev.agentd.workspace.Uploads;
import dev.agentd.workspace.Workspace;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile key holder's commands, under bubblewrap: nothing of the host beyond system folders, within limits. */
class SandboxEscapeTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(
                dir.resolve("data"),
                Map.of(
                        "AGENTD_SANDBOX",
                        "bwrap",
                        "AGENTD_WORKSPACE_QUOTA",
                        "2MB",
                        "AGENTD_COMMAND_MAX_PROCESSES",
                        "64"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode run(String command) {
        return SandboxTest.runCommand(server, TestServer.jsonOf(Map.of("message", "run `" + command + "`")));
    }

    @Test
    void aTasksLdPreloadNeverLoadsAnUploadedLibraryOnTheHost() throws Exception {
        Path marker = dir.resolve("loaded-on-host.txt");
        Path source = dir.resolve("preload.c");
        Files.writeString(
                source,
                "#include <stdio.h>\n__attribute__((constructor)) static void mark(void) {\n" + "  FILE *f = fopen(\""
                        + marker + "\", \"a\"); if (f) { fputs(\"loaded\\n\", f); fclose(f); }\n}\n");
        Path library = dir.resolve("preload.so");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                .inheritIO()
                .start();
        assertEquals(0, gcc.waitFor(), "gcc builds the library");

        MultipartBody upload = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("message", "list files")
                .addFormDataPart(
                        "files",
                        "preload.so",
                        RequestBody.create(Files.readAllBytes(library), MediaType.get("application/octet-stream")))
                .build();
        TestServer.Reply created =
                server.call(server.request("/api/v1/tasks").post(upload).build());
        assertEquals(201, created.status(), created.body());
        String holder = created.data().get("id").asText();
        server.awaitFinished(holder);
        Path uploaded = server.workspace(holder).resolve("uploads/preload.so");
        assertTrue(Files.exists(uploaded));

        JsonNode result = SandboxTest.runCommand(
                server,
                TestServer.jsonOf(Map.of(
                        "message",
                        "run `echo ran`",
                        "env",
                        Map.of(
                                "LD_PRELOAD",
                                uploaded.toString(),
                                "LD_LIBRARY_PATH",
                                uploaded.getParent().toString()))));
        assertTrue(result.get("output").asText().contains("ran"), result.toString());
        assertFalse(Files.exists(marker), "the library was loaded by a process on the host");
    }

    @Test
    void aDataDirBehindALinkIsInvisibleToCommands() throws IOException {
        Path real = Path.of("/opt", "agentd-test-" + UUID.randomUUID());
        assumeTrue(Files.isWritable(Path.of("/opt")), "needs a data dir below a folder the sandbox binds");
        Path link = dir.resolve("data-link");
        try {
            Files.createDirectories(real);
            Files.createSymbolicLink(link, real);
            try (TestServer linked = TestServer.start(link, Map.of("AGENTD_SANDBOX", "bwrap"))) {
                String other = linked.newTask("write secret-notes.txt: private");
                linked.awaitFinished(other);
                JsonNode r = SandboxTest.runCommand(
                        linked,
                        TestServer.jsonOf(
                                Map.of(
                                        "message",
                                        "run `ls -la " + real
                                                + "; find / -xdev \\( -name 'agentd.db*' -o -name secret-notes.txt \\) 2>/dev/null; echo end`")));
                String out = r.get("output").asText();
                assertTrue(out.contains("end"), out);
                assertFalse(out.contains("agentd.db"), "the database is visible: " + out);
                assertFalse(out.contains("secret-notes"), "another task's workspace is visible: " + out);
                assertFalse(out.contains("workspaces"), out);
            }
        } finally {
            Uploads.deleteTree(real);
        }
    }

    @Test
    void hostUnixSocketsCannotBeReached() throws Exception {
        String name = "agentd-test-" + UUID.randomUUID() + ".sock";
        Path[] places = {Path.of("/tmp", name), dir.resolve(name), Path.of("/run", name)};
        for (Path p : places) {
            if (!Files.isWritable(p.getParent())) continue;
            try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                socket.bind(UnixDomainSocketAddress.of(p));
                JsonNode r = run("python3 -c 'import socket; s = socket.socket(socket.AF_UNIX); s.connect(\"" + p
                        + "\"); print(\"REACHED\")' 2>&1; echo tried");
                String out = r.get("output").asText();
                assertTrue(out.contains("tried"), out);
                assertFalse(out.contains("REACHED"), p + " was reached: " + out);
            } finally {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void shadowIsUnreadableAndTheCommandHasNoPrivilege() {
        String out = run("cat /etc/shadow; id -u; grep CapEff /proc/self/status; echo end")
                .get("output")
                .asText();
        assertTrue(out.contains("end"), out);
        assertFalse(out.matches("(?s).*\\broot:[^:]*:\\d+:.*"), "a line of /etc/shadow was read: " + out);
        assertTrue(out.contains("Permission denied"), out);
        assertFalse(out.contains("\n0\n"), "the command runs as an unprivileged user: " + out);
        assertTrue(out.contains("CapEff:\t0000000000000000"), "no capabilities: " + out);
    }

    @Test
    void aCommandThatWritesBeyondTheQuotaIsStoppedAndTold() {
        JsonNode big = run("head -c 6000000 /dev/zero > big.bin; ls -l big.bin");
        assertEquals("error", big.get("status").asText(), big.toString());
        assertTrue(big.get("output").asText().contains("AGENTD_WORKSPACE_QUOTA"), big.toString());
        assertTrue(big.get("output").asText().contains(" 2097152 "), "one file stops exactly at the quota: " + big);

        String id = server.newTask(
                "run `rm -f big.bin; i=0; while true; do head -c 300000 /dev/zero > part$i.bin; i=$((i+1)); done`");
        JsonNode task = server.awaitFinished(id);
        String output = task.get("output").get("toolCalls").get(0).get("output").asText();
        assertTrue(
                output.contains("went over its quota") || output.contains("what was left of AGENTD_WORKSPACE_QUOTA"),
                output);
        long used = Artifacts.list(new Workspace(server.workspace(id))).stream()
                .mapToLong(Artifacts.Artifact::size)
                .sum();
        // unstopped, it would write until its timeout; this fast a writer overshoots only by what it
        // writes in the milliseconds before it is stopped
        assertTrue(used < 16_000_000, "the writer was stopped soon after the quota: " + used);
    }

    @Test
    void aForkBombIsContainedAndTheServerKeepsAnswering() {
        CompletableFuture<JsonNode> bomb =
                CompletableFuture.supplyAsync(() -> run("bomb() { bomb | bomb & }; bomb; sleep 30"));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, server.get("/health").status(), "the server answers while the bomb goes off");
            String sum = server.newTask("What is 2+2?");
            assertEquals(
                    "2+2 equals 4.",
                    server.awaitFinished(sum).get("output").get("content").asText());
        }
        JsonNode result = bomb.join();
        assertEquals("error", result.get("status").asText(), result.toString());
        assertTrue(result.get("output").asText().contains("AGENTD_COMMAND_MAX_PROCESSES"), result.toString());
        String after = run("echo still-fine").get("output").asText();
        assertTrue(after.contains("still-fine"), after);
    }
}
