package dev.agentd.skills;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolSpec;
import dev.agentd.tools.Args;
import dev.agentd.tools.Schema;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolFailure;
import dev.agentd.tools.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * load_skill: a skill's instructions and the names of the files beside them, or one of those files.
 * Reads only inside the skill's folder (links that lead out of it are refused); nothing is written.
 */
public final class SkillTool implements Tool {
    public static final String NAME = "load_skill";
    private static final int MAX_FILES = 200;

    private final List<Skill> skills;

    public SkillTool(List<Skill> skills) {
        this.skills = List.copyOf(skills);
    }

    /** What the agent's prompt says about the skills: each one's name and description. */
    public String prompt() {
        StringBuilder out = new StringBuilder("## Skills\nLoad a skill with " + NAME
                + " before you follow it; it may name files beside it that " + NAME + " reads too.\n");
        for (Skill s : skills)
            out.append("- ")
                    .append(s.name())
                    .append(": ")
                    .append(s.description())
                    .append('\n');
        return out.toString();
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                NAME,
                "Load a skill's instructions (and the list of its files), or one file of the skill. Skills: "
                        + String.join(", ", skills.stream().map(Skill::name).toList()) + ".",
                Schema.object()
                        .property("name", "string", "The skill's name", true)
                        .property("file", "string", "A file of the skill, relative to its folder", false)
                        .build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) {
        Args args = new Args(arguments);
        String name = args.required("name");
        Skill skill = skills.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ToolFailure("no skill named '" + name + "'"));
        String file = args.text("file", null);
        try {
            if (file == null || file.isBlank() || file.equals(Skill.FILE)) {
                return ToolResult.success(skill.instructions() + files(skill.folder()));
            }
            Path target = skill.folder().resolve(file).normalize();
            if (!target.startsWith(skill.folder())
                    || !Files.isRegularFile(target)
                    || !target.toRealPath().startsWith(skill.folder())) {
                throw new ToolFailure("the skill " + name + " has no file '" + file + "'");
            }
            return ToolResult.success(Files.readString(target, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ToolFailure("cannot read the skill " + name + ": " + e.getMessage());
        }
    }

    private static String files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<String> names = walk.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString())
                    .filter(p -> !p.equals(Skill.FILE))
                    .sorted()
                    .limit(MAX_FILES)
                    .toList();
            return names.isEmpty() ? "" : "\n\nFiles of this skill: " + String.join(", ", names);
        }
    }
}
