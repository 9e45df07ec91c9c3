package dev.agentd.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Skills: folders with a SKILL.md, listed by name and description, loaded when the agent decides to. */
class SkillsTest {
    @TempDir
    Path dir;

    @TempDir
    Path skills;

    Path skill(String folder, String front, String body) throws IOException {
        Path d = Files.createDirectories(skills.resolve(folder));
        Files.writeString(d.resolve("SKILL.md"), "---\n" + front + "\n---\n" + body);
        return d;
    }

    JsonNode call(TestServer server, String message) {
        String id = server.newTask(message);
        server.awaitFinished(id);
        return server.historyToolCall(id, 1, 0);
    }

    @Test
    void aSkillIsListedAndItsInstructionsAndFilesAreLoadedOnlyFromItsFolder() throws IOException {
        Path report = skill(
                "csv-report",
                "name: csv-report\ndescription: Turn a CSV file into a short report",
                "1. Read the CSV.\n2. Fill template.md.\n");
        Files.writeString(report.resolve("template.md"), "# Report\n{{rows}} rows");
        Files.createDirectories(report.resolve("examples"));
        Files.writeString(report.resolve("examples/small.csv"), "a,b\n1,2\n");
        Files.writeString(skills.resolve("secret.txt"), "outside the skill");
        try (TestServer server = TestServer.start(dir)) {
            server.putSettings("default", "{\"skills\": [\"" + report + "\"]}");
            assertTrue(server.awaitFinished(server.newTask("list your tools"))
                    .get("output")
                    .get("content")
                    .asText()
                    .contains("load_skill"));

            JsonNode loaded = call(server, "use load_skill with {\"name\": \"csv-report\"}");
            assertEquals("success", loaded.get("status").asText(), loaded.toString());
            String text = loaded.get("output").asText();
            assertTrue(text.startsWith("1. Read the CSV."), "the instructions, without the front matter: " + text);
            assertTrue(text.contains("Files of this skill: examples/small.csv, template.md"), text);

            JsonNode file = call(server, "use load_skill with {\"name\": \"csv-report\", \"file\": \"template.md\"}");
            assertEquals("# Report\n{{rows}} rows", file.get("output").asText());

            JsonNode out = call(server, "use load_skill with {\"name\": \"csv-report\", \"file\": \"../secret.txt\"}");
            assertEquals("error", out.get("status").asText());
            assertFalse(out.get("output").asText().contains("outside the skill"));
            Files.createSymbolicLink(report.resolve("link.txt"), skills.resolve("secret.txt"));
            JsonNode link = call(server, "use load_skill with {\"name\": \"csv-report\", \"file\": \"link.txt\"}");
            assertEquals("error", link.get("status").asText(), "a link out of the folder is refused");

            JsonNode unknown = call(server, "use load_skill with {\"name\": \"nope\"}");
            assertEquals("Error: no skill named 'nope'", unknown.get("output").asText());
        }
    }

    @Test
    void aSkillWithoutFrontMatterIsRefusedByPutNamingTheField() throws IOException {
        Path bad = skill("bad", "title: no name here", "body");
        try (TestServer server = TestServer.start(dir)) {
            TestServer.Command put = server.putSettingsFile("default", "{\"skills\": [\"" + bad + "\"]}");
            assertEquals(1, put.code());
            assertTrue(put.err().contains("$.skills[0]: " + bad.toRealPath().resolve("SKILL.md")), put.err());
        }
    }
}
