package dev.agentd.store.sql;

import dev.agentd.domain.WidgetApp;
import dev.agentd.store.AppStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The AppStore of the SQL store. */
final class SqlApps implements AppStore {
    private final Database db;

    SqlApps(Database db) {
        this.db = db;
    }

    @Override
    public void add(WidgetApp app, String secretHash) {
        db.write(d -> {
            AppDao dao = d.attach(AppDao.class);
            dao.insert(app.id(), app.projectId(), app.name(), secretHash, app.createdAt());
            for (String origin : app.origins()) dao.addOrigin(app.id(), origin);
            return null;
        });
    }

    @Override
    public Optional<WidgetApp> find(String id) {
        return db.read(d -> {
            AppDao dao = d.attach(AppDao.class);
            return dao.find(id).map(row -> withOrigins(dao, row));
        });
    }

    @Override
    public Optional<String> secretHash(String id) {
        return db.read(d -> d.attach(AppDao.class).secretHash(id));
    }

    @Override
    public List<WidgetApp> all() {
        return db.read(d -> {
            AppDao dao = d.attach(AppDao.class);
            return dao.all().stream().map(row -> withOrigins(dao, row)).toList();
        });
    }

    private static WidgetApp withOrigins(AppDao dao, AppDao.AppRow row) {
        return new WidgetApp(
                row.id(), row.projectId(), row.name(), dao.origins(row.id()), row.createdAt(), row.revokedAt());
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return db.write(d -> d.attach(AppDao.class).revoke(at, id)) > 0;
    }

    @Override
    public boolean addOrigin(String appId, String origin) {
        return db.write(d -> d.attach(AppDao.class).addOrigin(appId, origin)) > 0;
    }

    @Override
    public boolean removeOrigin(String appId, String origin) {
        return db.write(d -> d.attach(AppDao.class).removeOrigin(appId, origin)) > 0;
    }

    @Override
    public boolean anyAllows(String origin) {
        return db.read(d -> d.attach(AppDao.class).countAllowing(origin)) > 0;
    }
}
