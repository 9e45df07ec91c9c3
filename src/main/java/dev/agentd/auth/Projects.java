package dev.agentd.auth;

import dev.agentd.domain.Project;
import dev.agentd.domain.Times;
import dev.agentd.store.ProjectStore;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Projects: made and listed from the command line, named by what people call them. */
public final class Projects {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private final ProjectStore store;

    public Projects(ProjectStore store) {
        this.store = store;
    }

    /**
     * Creates project {@code name}.
     *
     * @throws IllegalArgumentException naming what is wrong with the name, or that it is taken
     */
    public Project create(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a project name is 1 to 63 lowercase letters, digits, '-' or '_', "
                    + "starting with a letter or digit: '" + name + "'");
        }
        Project project = new Project(UUID.randomUUID().toString(), name, Times.now());
        if (!store.add(project)) throw new IllegalArgumentException("a project named " + name + " exists already");
        return project;
    }

    /** The project named {@code name}; IllegalArgumentException naming the known ones otherwise. */
    public Project named(String name) {
        return store.byName(name)
                .orElseThrow(() -> new IllegalArgumentException("no project named " + name + " (there are: "
                        + String.join(", ", list().stream().map(Project::name).toList()) + ")"));
    }

    public List<Project> list() {
        return store.all();
    }
}
