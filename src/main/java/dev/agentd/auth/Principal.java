package dev.agentd.auth;

/**
 * Who makes a request: the API key it authenticated with (its id, and its name, the {@code username}
 * of the tasks it creates). A task is visible to the key that created it and to no other.
 */
public record Principal(String keyId, String name) {}
