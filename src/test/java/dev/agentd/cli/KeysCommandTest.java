package dev.agentd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.TestDatabases;
import dev.agentd.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "keys";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = new Cli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        TestDatabases.env(dir))
                .run(all);
        return new String[] {
            String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
        };
    }

    @Test
    void keysAreCreatedListedAndRevokedAgainstARunningServer() {
        try (TestServer server = TestServer.start(dir)) {
            String[] created = run("create", "--name", "ci-bot", "--data-dir", dir.toString());
            assertEquals("0", created[0], created[2]);
            Matcher m = Pattern.compile("key:\\s+(sigmic_[0-9a-f]{64})").matcher(created[1]);
            assertTrue(m.find(), created[1]);
            String secret = m.group(1);
            Matcher idm = Pattern.compile("id:\\s+(\\S+)").matcher(created[1]);
            assertTrue(idm.find());
            String id = idm.group(1);

            Request list = new Request.Builder()
                    .url(server.url("/api/v1/tasks"))
                    .header("X-API-Key", secret)
                    .build();
            assertEquals(200, server.call(list).status());

            String[] listed = run("list", "--data-dir", dir.toString());
            assertTrue(
                    listed[1].contains("ci-bot") && listed[1].contains(id) && listed[1].contains("active"), listed[1]);
            assertFalse(listed[1].contains(secret), "the secret is shown only once");

            assertEquals("0", run("revoke", id, "--data-dir", dir.toString())[0]);
            assertEquals(401, server.call(list).status(), "a revoked key stops working at once");
            assertTrue(run("list", "--data-dir", dir.toString())[1].contains("revoked"));
            assertEquals("1", run("revoke", id, "--data-dir", dir.toString())[0], "revoking twice is an error");
        }
    }

    @Test
    void aFirstStartWithNoKeyPrintsANewKeyOnceAndItWorks() {
        String key;
        try (TestServer first = TestServer.start(dir, nullKey())) {
            Matcher m = Pattern.compile("(sigmic_[0-9a-f]{64})").matcher(first.startupOutput());
            assertTrue(m.find(), first.startupOutput());
            key = m.group(1);
            assertTrue(
                    first.startupOutput().contains("listening on http://localhost:" + first.port()),
                    first.startupOutput());
            assertTrue(first.startupOutput().contains("model: builtin"));
            assertEquals(
                    200,
                    first.call(new Request.Builder()
                                    .url(first.url("/api/v1/tasks"))
                                    .header("Authorization", "Bearer " + key)
                                    .build())
                            .status());
        }
        try (TestServer second = TestServer.start(dir, nullKey())) {
            assertFalse(second.startupOutput().contains("sigmic_"), "no new key when the database has one");
        }
        assertTrue(run("list", "--data-dir", dir.toString())[1].contains("default"));
    }

    @Test
    @DisabledIfSystemProperty(
            named = "agentd.test.database",
            matches = "postgresql",
            disabledReason = "PostgreSQL is named by its URL, not found in the data dir")
    void keysCommandsSayWhichDataDirTheyUseAndNeverMakeADatabase() {
        Path empty = dir.resolve("not-a-data-dir");
        String[] r = run("create", "--name", "x", "--data-dir", empty.toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].contains("data dir: " + empty), r[1]);
        assertTrue(r[2].contains("no database in " + empty), r[2]);
        assertFalse(Files.exists(empty.resolve("agentd.db")), "no database was made");
        String[] typo = run("lst");
        assertEquals("2", typo[0]);
        assertTrue(typo[2].contains("unknown keys command 'lst' (did you mean list?)"), typo[2]);
        String[] help = run("create", "--help");
        assertEquals("0", help[0]);
        assertTrue(help[1].contains("usage: agentd keys"), help[1]);
    }

    private static Map<String, String> nullKey() {
        HashMap<String, String> env = new HashMap<>();
        env.put("AGENTD_API_KEY", null);
        return env;
    }
}
