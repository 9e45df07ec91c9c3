package dev.agentd.api;

import dev.agentd.config.Config;
import dev.agentd.errors.ApiException;
import dev.agentd.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * {@code GET /metrics} in Prometheus's text format, on the API's port or one of its own
 * (AGENTD_METRICS_PORT), behind a bearer token when AGENTD_METRICS_TOKEN is set; and the count of
 * every request by its route's template.
 */
final class MetricsEndpoint {
    static final String PATH = "/metrics";

    private final Metrics metrics;
    private final byte[] token;
    private final String streamRoute;

    MetricsEndpoint(Metrics metrics, Config.MetricsSettings settings, String streamRoute) {
        this.metrics = metrics;
        this.token = settings.token() == null ? null : settings.token().getBytes(StandardCharsets.UTF_8);
        this.streamRoute = streamRoute;
    }

    void scrape(Context ctx) {
        if (token != null) {
            String authorization = ctx.header("Authorization");
            if (authorization == null || authorization.isBlank())
                throw ApiException.unauthorized(
                        "AUTH_REQUIRED", "Send the metrics token as 'Authorization: Bearer <token>'");
            byte[] sent = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            if (!MessageDigest.isEqual(sent, token))
                throw ApiException.unauthorized("INVALID_TOKEN", "The metrics token is not valid");
        }
        ctx.contentType(metrics.contentType()).result(metrics.scrape());
    }

    /**
     * Counts a request by method, route template and status, and times it unless it is a stream,
     * which lasts as long as its reader wants. Static files have no route of their own.
     */
    void count(Context ctx, float ms) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        int status = ctx.statusCode();
        String route = endpoint != null
                ? endpoint.path
                : status < 400 && ctx.method().name().equals("GET") ? "static" : "unmatched";
        metrics.request(ctx.method().name(), route, status, route.equals(streamRoute) ? null : ms / 1000.0);
    }

    /** Jetty's threads and open connections, read when scraped. */
    static void watch(Metrics metrics, Server server) {
        ThreadPool pool = server.getThreadPool();
        metrics.gauge("jetty_threads", "Threads of Jetty's pool", pool::getThreads);
        metrics.gauge("jetty_threads_idle", "Idle threads of Jetty's pool", pool::getIdleThreads);
        metrics.gauge(
                "jetty_connections_open",
                "Connections open",
                () -> Arrays.stream(server.getConnectors())
                        .filter(ServerConnector.class::isInstance)
                        .mapToInt(c ->
                                ((ServerConnector) c).getConnectedEndPoints().size())
                        .sum());
    }

    /** A server of its own for {@code /metrics}: nothing else is served on its port. */
    static Javalin separate(MetricsEndpoint endpoint) {
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            Errors.install(c.routes, null);
            c.routes.get(PATH, endpoint::scrape);
        });
    }
}
