package dev.agentd.store.sql;

import dev.agentd.domain.Project;
import dev.agentd.store.ProjectStore;
import java.util.List;
import java.util.Optional;

/** The ProjectStore of the SQL store. */
final class SqlProjects implements ProjectStore {
    private final Database db;

    SqlProjects(Database db) {
        this.db = db;
    }

    @Override
    public boolean add(Project project) {
        return db.write(d -> d.attach(ProjectDao.class).insert(project.id(), project.name(), project.createdAt())) > 0;
    }

    @Override
    public Optional<Project> byName(String name) {
        return db.read(d -> d.attach(ProjectDao.class).byName(name));
    }

    @Override
    public List<Project> all() {
        return db.read(d -> d.attach(ProjectDao.class).all());
    }

    @Override
    public Optional<String> settings(String projectId) {
        return db.read(d -> d.attach(ProjectDao.class).settings(projectId));
    }

    @Override
    public void putSettings(String projectId, String settings) {
        db.write(d -> d.attach(ProjectDao.class).putSettings(projectId, settings));
    }
}
