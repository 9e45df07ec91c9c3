package dev.agentd.cli;

import dev.agentd.auth.Projects;
import dev.agentd.domain.Project;
import dev.agentd.domain.Times;
import java.util.List;
import java.util.Optional;

/** {@code projects create NAME}, {@code projects list}. */
final class ProjectsCommand {
    static final String USAGE = "agentd projects create NAME | projects list   [--data-dir DIR]";
    private static final String[] VERBS = {"create", "list"};

    private final Admin admin;

    ProjectsCommand(Admin admin) {
        this.admin = admin;
    }

    int run(String[] args) {
        Admin.Words words = admin.words("projects", USAGE, VERBS, args);
        if (words.verb() == null) return words.exit();
        String verb = words.verb();
        List<String> rest = words.rest();
        Optional<String> name = verb.equals("create") ? Admin.operand(rest) : Optional.empty();
        if (verb.equals("create") && name.isEmpty()) return usage(2);
        return admin.withStore(rest, store -> {
            Projects projects = new Projects(store.projects());
            if (verb.equals("create")) {
                Project p = projects.create(name.get());
                admin.out().println("project: " + p.name());
                return 0;
            }
            admin.out().printf("%-24s  %s%n", "NAME", "CREATED");
            for (Project p : projects.list()) admin.out().printf("%-24s  %s%n", p.name(), Times.format(p.createdAt()));
            return 0;
        });
    }

    private int usage(int code) {
        return admin.usage(USAGE, code);
    }
}
