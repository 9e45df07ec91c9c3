package dev.agentd.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(IdempotencyDao.Stored.class)
public interface IdempotencyDao {
    record Stored(int status, String body) {}

    @SqlQuery("SELECT status, body FROM idempotency_keys WHERE api_key_id = :apiKey AND scope = :scope "
            + "AND key = :key AND created_at > :since")
    Optional<Stored> find(@Bind("apiKey") String apiKeyId, @Bind("scope") String scope, @Bind("key") String key,
            @Bind("since") Instant since);

    @SqlUpdate("INSERT OR REPLACE INTO idempotency_keys (api_key_id, scope, key, status, body, created_at) "
            + "VALUES (:apiKey, :scope, :key, :status, :body, :at)")
    void put(@Bind("apiKey") String apiKeyId, @Bind("scope") String scope, @Bind("key") String key,
            @Bind("status") int status, @Bind("body") String body, @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM idempotency_keys WHERE created_at <= ?")
    int expire(Instant before);
}
