package dev.agentd.store;

import dev.agentd.domain.Project;
import java.util.List;
import java.util.Optional;

/** Projects, by id and by their unique name. */
public interface ProjectStore {
    /** Adds the project; false when its name is taken. */
    boolean add(Project project);

    Optional<Project> byName(String name);

    List<Project> all();
}
