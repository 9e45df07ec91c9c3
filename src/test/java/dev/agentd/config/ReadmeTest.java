package dev.agentd.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table stays true to the one table the server reads. */
class ReadmeTest {
    @Test
    void everySettingIsInTheReadmeWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting s : Setting.values()) {
            String row = "| `" + s.env() + "` | " + (s.fallback() == null ? "—" : "`" + s.fallback() + "`") + " |";
            assertTrue(readme.contains(row), "README.md lacks the row " + row);
        }
    }
}
