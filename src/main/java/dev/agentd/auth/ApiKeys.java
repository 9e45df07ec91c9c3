package dev.agentd.auth;

import dev.agentd.domain.ApiKey;
import dev.agentd.domain.Project;
import dev.agentd.domain.Times;
import dev.agentd.errors.ApiException;
import dev.agentd.store.KeyStore;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** API keys: creation, hashing, verification (task-api.md §2). Only hashes are stored. */
public final class ApiKeys {
    private static final Pattern KEY_FORM = Pattern.compile("sigmic_[0-9a-f]{64}");

    private final KeyStore store;

    public ApiKeys(KeyStore store) {
        this.store = store;
    }

    /** A newly created key; {@code secret} is shown once and never stored. */
    public record Created(ApiKey key, String secret) {}

    /** Creates a key named {@code name} in the default project. */
    public Created create(String name) {
        return create(name, Project.DEFAULT);
    }

    /** Creates a key named {@code name} in project {@code projectId}. */
    public Created create(String name, String projectId) {
        String secret = "sigmic_" + Secrets.randomHex(32);
        ApiKey key = new ApiKey(UUID.randomUUID().toString(), projectId, name, Times.now(), null, null);
        store.add(key, Secrets.sha256(secret));
        return new Created(key, secret);
    }

    /** Makes the given key valid (AGENTD_API_KEY); a no-op when it is already known. */
    public void ensure(String secret, String name) {
        if (!isWellFormed(secret)) {
            throw new IllegalArgumentException(
                    "AGENTD_API_KEY must be 'sigmic_' followed by 64 lowercase hex characters");
        }
        store.addIfAbsent(
                new ApiKey(UUID.randomUUID().toString(), Project.DEFAULT, name, Times.now(), null, null),
                Secrets.sha256(secret));
    }

    public boolean any() {
        return store.any();
    }

    public List<ApiKey> list() {
        return store.all();
    }

    public boolean revoke(String id) {
        return store.revoke(id, Times.now());
    }

    /**
     * The holder of the API key {@code token} (which starts with {@code sigmic_}).
     *
     * @throws ApiException 401 INVALID_API_KEY for an unknown, revoked or expired key
     */
    public Principal.Key authenticate(String token) {
        return store.findByHash(Secrets.sha256(token))
                .filter(k -> k.usableAt(Times.now()))
                .map(k -> new Principal.Key(k.id(), k.name(), k.projectId()))
                .orElseThrow(() -> ApiException.unauthorized("INVALID_API_KEY", "Invalid, revoked or expired API key"));
    }

    public static boolean isWellFormed(String secret) {
        return secret != null && KEY_FORM.matcher(secret).matches();
    }
}
