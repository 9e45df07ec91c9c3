package dev.agentd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentd.auth.Projects;
import dev.agentd.domain.Project;
import dev.agentd.domain.Times;
import dev.agentd.settings.InvalidSettings;
import dev.agentd.settings.ProjectSettings;
import dev.agentd.settings.SettingsDocument;
import dev.agentd.skills.Skill;
import dev.agentd.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code projects create NAME}, {@code projects list}, and a project's settings document:
 * {@code projects get NAME} prints it, {@code projects put NAME FILE} replaces it once it is valid.
 */
final class ProjectsCommand {
    static final String USAGE = "agentd projects create NAME | projects list | projects get NAME "
            + "| projects put NAME FILE   [--data-dir DIR]";
    private static final String[] VERBS = {"create", "list", "get", "put"};

    private final Admin admin;
    private final SettingsDocument documents = new SettingsDocument();

    ProjectsCommand(Admin admin) {
        this.admin = admin;
    }

    int run(String[] args) {
        Admin.Words words = admin.words("projects", USAGE, VERBS, args);
        if (words.verb() == null) return words.exit();
        String verb = words.verb();
        List<String> rest = words.rest();
        if (verb.equals("list")) return admin.withStore(rest, this::list);
        Optional<String> name = Admin.operand(rest);
        if (name.isEmpty()) return usage(2);
        return switch (verb) {
            case "create" ->
                admin.withStore(rest, store -> {
                    Project p = new Projects(store.projects()).create(name.get());
                    admin.out().println("project: " + p.name());
                    return 0;
                });
            case "get" -> admin.withStore(rest, admin.err(), store -> get(store, name.get()));
            default -> {
                Optional<String> file = Admin.operand(rest);
                if (file.isEmpty()) yield usage(2);
                yield put(rest, name.get(), Path.of(file.get()));
            }
        };
    }

    private int list(Store store) {
        admin.out().printf("%-24s  %s%n", "NAME", "CREATED");
        for (Project p : new Projects(store.projects()).list()) {
            admin.out().printf("%-24s  %s%n", p.name(), Times.format(p.createdAt()));
        }
        return 0;
    }

    private int get(Store store, String name) {
        Project project = new Projects(store.projects()).named(name);
        String text = store.projects().settings(project.id()).orElse("{}");
        try {
            ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            admin.out().println(pretty.writeValueAsString(pretty.readTree(text)));
        } catch (IOException e) {
            admin.out().println(text);
        }
        return 0;
    }

    /** Checks the whole document (and each skill it names) before anything is stored. */
    private int put(List<String> rest, String name, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            admin.err().println("agentd: cannot read " + file + " (" + e.getMessage() + ")");
            return 1;
        }
        ProjectSettings settings;
        List<String> problems = new ArrayList<>();
        try {
            settings = documents.read(text);
            for (int i = 0; i < settings.skills().size(); i++) {
                try {
                    Skill.read(Path.of(settings.skills().get(i)));
                } catch (IllegalArgumentException e) {
                    problems.add("$.skills[" + i + "]: " + e.getMessage());
                }
            }
        } catch (InvalidSettings e) {
            settings = null;
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            admin.err()
                    .println("agentd: " + file + " is not valid project settings (schema: " + SettingsDocument.PUBLISHED
                            + "):");
            problems.forEach(p -> admin.err().println("  " + p));
            return 1;
        }
        String stored = documents.compact(text);
        return admin.withStore(rest, store -> {
            Project project = new Projects(store.projects()).named(name);
            store.projects().putSettings(project.id(), stored);
            admin.out().println("settings of " + name + " replaced; the project's next run uses them");
            return 0;
        });
    }

    private int usage(int code) {
        return admin.usage(USAGE, code);
    }
}
