package dev.agentd.store;

import dev.agentd.domain.TokenGrant;
import java.time.Instant;
import java.util.Optional;

/** What token exchanges gave end users, by token id, until the token expires. */
public interface GrantStore {
    void add(TokenGrant grant);

    Optional<TokenGrant> find(String id);

    /** Forgets grants whose token expired before {@code at}, unless a task still names them. */
    int deleteExpired(Instant at);
}
