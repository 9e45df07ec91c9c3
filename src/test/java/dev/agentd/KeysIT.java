package dev.agentd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys command of the packaged jar, as a user runs it. */
class KeysIT {
    @TempDir
    Path dir;

    private record Result(int code, String output) {}

    private Result jar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("agentd.jar", "target/agentd.jar")));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AGENTD_DATA_DIR", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void keysAreCreatedListedAndRevokedWithTheJar() throws Exception {
        Result created = jar("keys", "create", "--name", "deploy-bot");
        assertEquals(0, created.code(), created.output());
        assertTrue(created.output().matches("(?s).*key:\\s+sigmic_[0-9a-f]{64}.*"), created.output());
        String id = created.output().lines().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
        Result listed = jar("keys", "list");
        assertTrue(listed.output().contains("deploy-bot") && listed.output().contains("active"), listed.output());
        assertEquals(0, jar("keys", "revoke", id).code());
        assertTrue(jar("keys", "list").output().contains("revoked"));
        Result usage = jar("keys", "rotate");
        assertEquals(2, usage.code());
        assertTrue(usage.output().contains("usage"), usage.output());
        Result badConfig = jar("--heartbeat", "often");
        assertEquals(2, badConfig.code());
        assertTrue(badConfig.output().contains("AGENTD_HEARTBEAT"), badConfig.output());
    }
}
