package dev.agentd.skills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A skill: a folder with a SKILL.md whose YAML front matter gives its {@code name} and
 * {@code description}; the instructions below it and any files beside it are read only when the
 * agent loads the skill.
 */
public record Skill(String name, String description, Path folder) {
    private static final YAMLMapper YAML = new YAMLMapper();
    static final String FILE = "SKILL.md";

    /**
     * The skill in {@code folder}.
     *
     * @throws IllegalArgumentException saying what is missing or wrong
     */
    public static Skill read(Path folder) {
        Path real;
        String text;
        try {
            real = folder.toRealPath();
            text = Files.readString(real.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(folder + " has no " + FILE);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + folder.resolve(FILE) + " (" + e.getMessage() + ")");
        }
        String front = frontMatter(text);
        if (front == null) {
            throw new IllegalArgumentException(
                    folder.resolve(FILE) + " does not start with front matter (---, name:, description:, ---)");
        }
        JsonNode fields;
        try {
            fields = YAML.readTree(front);
        } catch (IOException e) {
            throw new IllegalArgumentException("the front matter of " + folder.resolve(FILE) + " is not YAML");
        }
        String name = fields == null ? "" : fields.path("name").asText("").strip();
        String description =
                fields == null ? "" : fields.path("description").asText("").strip();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException(folder.resolve(FILE) + ": name must be 1 to 64 letters, digits, "
                    + "'.', '-' or '_' (it is '" + name + "')");
        }
        if (description.isEmpty()) throw new IllegalArgumentException(folder.resolve(FILE) + " has no description");
        return new Skill(name, description, real);
    }

    /** The instructions: SKILL.md after its front matter. */
    String instructions() throws IOException {
        String text = Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8);
        int end = text.indexOf("\n---", 3);
        int next = end < 0 ? -1 : text.indexOf('\n', end + 4);
        return next < 0 ? "" : text.substring(next + 1).strip();
    }

    private static String frontMatter(String text) {
        if (!text.startsWith("---")) return null;
        int end = text.indexOf("\n---", 3);
        return end < 0 ? null : text.substring(3, end);
    }
}
