package dev.agentd.store.sql;

import dev.agentd.store.WebhookStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The WebhookStore of the SQL store. */
final class SqlWebhooks implements WebhookStore {
    private final Database db;

    SqlWebhooks(Database db) {
        this.db = db;
    }

    @Override
    public boolean enqueue(String id, String taskId, String type, String body, Instant at) {
        return db.write(d -> d.attach(WebhookDao.class).enqueue(id, taskId, type, body, at)) > 0;
    }

    @Override
    public List<Delivery> claim(Instant now, Instant leaseUntil, int limit) {
        return db.write(d -> {
            WebhookDao dao = d.attach(WebhookDao.class);
            return dao.claim(now, leaseUntil, limit).stream()
                    .flatMap(id -> dao.find(id).stream())
                    .toList();
        });
    }

    @Override
    public void attempted(Attempt attempt, String status, Instant next) {
        db.write(d -> {
            WebhookDao dao = d.attach(WebhookDao.class);
            dao.attempt(
                    attempt.deliveryId(),
                    attempt.attempt(),
                    attempt.at(),
                    attempt.url(),
                    attempt.status(),
                    attempt.error(),
                    attempt.ms());
            dao.attempted(attempt.deliveryId(), status, attempt.attempt(), next, attempt.at());
            return null;
        });
    }

    @Override
    public List<Delivery> recent(String taskId, int limit) {
        return db.read(d -> d.attach(WebhookDao.class).recent(taskId, limit));
    }

    @Override
    public Optional<Delivery> delivery(String id) {
        return db.read(d -> d.attach(WebhookDao.class).find(id));
    }

    @Override
    public List<Attempt> attempts(String deliveryId) {
        return db.read(d -> d.attach(WebhookDao.class).attempts(deliveryId));
    }
}
