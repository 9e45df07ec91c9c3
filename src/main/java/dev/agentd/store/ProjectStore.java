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

    /** The project's settings document (JSON); empty until one is put, and for an unknown project. */
    Optional<String> settings(String projectId);

    void putSettings(String projectId, String settings);
}
