package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.ApiClient;
import java.time.Duration;

/** Where a scenario sends its load: a loopback port and the key to send. */
public record Endpoint(String host, int port, String key) {
    /** A client whose reads all fail after {@code within} from now, so that no load loop can hang. */
    public ApiClient client(Duration within) {
        return new ApiClient(host, port, key).deadline(System.nanoTime() + within.toNanos());
    }
}
