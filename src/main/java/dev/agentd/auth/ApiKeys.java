package dev.agentd.auth;

import dev.agentd.domain.ApiKey;
import dev.agentd.domain.Times;
import dev.agentd.errors.ApiException;
import dev.agentd.store.KeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** API keys: creation, hashing, verification (task-api.md §2). Only hashes are stored. */
public final class ApiKeys {
    private static final Pattern KEY_FORM = Pattern.compile("sigmic_[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyStore store;

    public ApiKeys(KeyStore store) {
        this.store = store;
    }

    /** A newly created key; {@code secret} is shown once and never stored. */
    public record Created(ApiKey key, String secret) {}

    /** Creates a key named {@code name}. */
    public Created create(String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "sigmic_" + HexFormat.of().formatHex(bytes);
        ApiKey key = new ApiKey(UUID.randomUUID().toString(), name, Times.now(), null, null);
        store.add(key, hash(secret));
        return new Created(key, secret);
    }

    /** Makes the given key valid (AGENTD_API_KEY); a no-op when it is already known. */
    public void ensure(String secret, String name) {
        if (!isWellFormed(secret)) {
            throw new IllegalArgumentException(
                    "AGENTD_API_KEY must be 'sigmic_' followed by 64 lowercase hex characters");
        }
        store.addIfAbsent(new ApiKey(UUID.randomUUID().toString(), name, Times.now(), null, null), hash(secret));
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
     * Who a request's token names.
     *
     * @throws ApiException 401 with INVALID_AUTH_FORMAT, INVALID_TOKEN or INVALID_API_KEY
     */
    public Principal authenticate(String token) {
        if (token.startsWith("eyJ")) {
            throw ApiException.unauthorized("INVALID_TOKEN", "Token authentication is not supported; use an API key");
        }
        if (!token.startsWith("sigmic_")) {
            throw ApiException.unauthorized(
                    "INVALID_AUTH_FORMAT", "Credentials must be an API key starting with 'sigmic_'");
        }
        return store.findByHash(hash(token))
                .filter(k -> k.usableAt(Times.now()))
                .map(k -> new Principal(k.id(), k.name()))
                .orElseThrow(() -> ApiException.unauthorized("INVALID_API_KEY", "Invalid, revoked or expired API key"));
    }

    public static boolean isWellFormed(String secret) {
        return secret != null && KEY_FORM.matcher(secret).matches();
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
