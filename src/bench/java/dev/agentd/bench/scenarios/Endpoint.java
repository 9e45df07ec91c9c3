package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.ApiClient;

/** Where a scenario sends its load: a loopback port and the key to send. */
public record Endpoint(String host, int port, String key) {
    public ApiClient client() {
        return new ApiClient(host, port, key);
    }
}
