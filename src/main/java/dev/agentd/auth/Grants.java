package dev.agentd.auth;

import dev.agentd.domain.Task;
import dev.agentd.domain.TokenGrant;
import dev.agentd.runner.OwnerVariables;
import dev.agentd.store.GrantStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What token exchanges give end users: env, and secrets sealed at rest, kept under the token's id;
 * the runs of an end user's tasks get them from the grant of their latest token.
 */
public final class Grants implements OwnerVariables {
    private final GrantStore store;
    private final SecretBox box;

    public Grants(GrantStore store, SecretBox box) {
        this.store = store;
        this.box = box;
    }

    /** Keeps what a token with id {@code id} grants until it expires. */
    public void add(
            String id,
            String appId,
            String endUserId,
            Map<String, String> env,
            Map<String, String> secrets,
            Instant expiresAt) {
        store.add(new TokenGrant(id, appId, endUserId, env == null ? Map.of() : env, box.seal(secrets, id), expiresAt));
    }

    @Override
    public Variables of(Task.Owner owner) {
        if (owner.grantId() == null) return Variables.NONE;
        Optional<TokenGrant> grant = store.find(owner.grantId());
        return grant.map(g -> new Variables(g.env(), box.open(g.sealedSecrets(), g.id())))
                .orElse(Variables.NONE);
    }

    /** Forgets grants of expired tokens that no task uses. */
    public int expire(Instant now) {
        return store.deleteExpired(now);
    }
}
