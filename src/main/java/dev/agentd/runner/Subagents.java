package dev.agentd.runner;

import dev.agentd.settings.ProjectSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subagents a run may delegate to: the built-in ones ({@code code-writer}, {@code researcher})
 * unless the project disables them, and those the project defines, in its settings' order.
 */
final class Subagents {
    static final List<String> READ_ONLY = List.of("list_files", "read_file", "search_files");
    private static final int MAX_STEPS = 20;

    /** One subagent: who it is, what it is told, which tools it has, and how many model turns it may take. */
    record Spec(
            String name,
            String displayName,
            String description,
            String systemPrompt,
            List<String> tools,
            String model,
            int maxSteps) {}

    private static final Map<String, Spec> BUILT_IN = builtIn();

    private Subagents() {}

    private static Map<String, Spec> builtIn() {
        Map<String, Spec> all = new LinkedHashMap<>();
        all.put(
                "code-writer",
                new Spec(
                        "code-writer",
                        "Code writer",
                        "Writes and changes files and runs commands to build, test and check them",
                        "You write and change code and other files, and run commands to check your work.",
                        List.of("list_files", "read_file", "write_file", "edit_file", "search_files", "run_command"),
                        null,
                        MAX_STEPS));
        all.put(
                "researcher",
                new Spec(
                        "researcher",
                        "Researcher",
                        "Reads and searches the workspace to answer a question; changes nothing",
                        "You find things out by listing, reading and searching files; you change nothing.",
                        READ_ONLY,
                        null,
                        MAX_STEPS));
        return all;
    }

    /** The enabled subagents for a project's settings. */
    static List<Spec> enabled(ProjectSettings settings) {
        Map<String, ProjectSettings.Subagent> own = settings.subagents();
        List<Spec> out = new ArrayList<>();
        for (Spec s : BUILT_IN.values()) {
            ProjectSettings.Subagent o = own.get(s.name());
            if (o == null || o.enabled() == null || o.enabled()) out.add(o == null ? s : merged(s, o));
        }
        own.entrySet().stream()
                .filter(e -> !BUILT_IN.containsKey(e.getKey()))
                .filter(e -> e.getValue().enabled() == null || e.getValue().enabled())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(merged(
                        new Spec(
                                e.getKey(),
                                e.getKey(),
                                "A subagent of this project",
                                "You work on one objective for the main agent.",
                                READ_ONLY,
                                null,
                                MAX_STEPS),
                        e.getValue())));
        return out;
    }

    private static Spec merged(Spec base, ProjectSettings.Subagent o) {
        return new Spec(
                base.name(),
                o.displayName() != null ? o.displayName() : base.displayName(),
                o.description() != null ? o.description() : base.description(),
                o.systemPrompt() != null ? o.systemPrompt() : base.systemPrompt(),
                o.tools() != null ? List.copyOf(o.tools()) : base.tools(),
                o.model() != null ? o.model() : base.model(),
                o.maxSteps() != null ? o.maxSteps() : base.maxSteps());
    }
}
