package dev.agentd.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.auth.Authenticator;
import dev.agentd.auth.TokenExchange;
import dev.agentd.auth.WidgetApps;
import dev.agentd.cluster.Cluster;
import dev.agentd.config.Config;
import dev.agentd.events.EventHub;
import dev.agentd.logs.Logs;
import dev.agentd.metrics.Metrics;
import dev.agentd.settings.SettingsDocument;
import dev.agentd.tasks.Idempotency;
import dev.agentd.tasks.TaskReads;
import dev.agentd.tasks.TaskService;
import dev.agentd.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Every route of task-api.md §3, and the HTTP server around them. */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger("agentd.http");
    private static final String TASK = "/api/v1/tasks/{id}";
    private static final String STREAM = TASK + "/stream";

    private HttpApi() {}

    /** The access line: method, path, status, ms and request id; in JSON lines also the route's template. */
    private static void access(Context ctx, float ms) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        log.atInfo()
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("route", endpoint == null ? "-" : endpoint.path)
                .addKeyValue("status", ctx.statusCode())
                .addKeyValue("ms", Math.round(ms))
                .log(
                        "{} {} {} {}ms {}",
                        ctx.method(),
                        ctx.path(),
                        ctx.statusCode(),
                        Math.round(ms),
                        RequestIds.of(ctx));
        MDC.remove(Logs.REQUEST_ID);
    }

    /** The server of /metrics alone, when AGENTD_METRICS_PORT asks for one; null otherwise. */
    public static Javalin metricsServer(Config config, Metrics metrics) {
        if (!config.metrics().enabled() || config.metrics().port() == null) return null;
        return MetricsEndpoint.separate(new MetricsEndpoint(metrics, config.metrics(), STREAM));
    }

    /**
     * The routes {@code http} answers, as {@code METHOD /path/{param}}: those openapi.yaml describes,
     * and the reference page itself.
     */
    public static List<String> routes(Javalin http) {
        return http.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(e -> e.method.isHttpMethod() && e.method != HandlerType.OPTIONS && e.method != HandlerType.HEAD)
                .map(e -> e.method.name() + " " + e.path)
                .distinct()
                .toList();
    }

    /** Jetty's threads and connections among the metrics, once {@code http} is started. */
    public static void watch(Metrics metrics, Javalin http) {
        MetricsEndpoint.watch(metrics, http.jettyServer().server());
    }

    public static Javalin create(
            Config config,
            Authenticator authenticator,
            WidgetApps apps,
            TokenExchange tokens,
            TaskService service,
            TaskReads reads,
            Idempotency idempotency,
            EventHub hub,
            Cluster cluster,
            Workspaces workspaces,
            ObjectMapper json,
            Metrics metrics) {
        ConsolePage console = new ConsolePage();
        ApiReference reference = new ApiReference();
        Cors cors = new Cors(apps);
        Auth auth = new Auth(authenticator, cors);
        RequestReader requests = new RequestReader(json, config);
        TokenHandler tokenHandler = new TokenHandler(tokens, requests);
        TaskHandlers tasks = new TaskHandlers(service, reads, idempotency, requests, json);
        ArtifactHandlers artifacts = new ArtifactHandlers(service, workspaces);
        StreamHandler streams = new StreamHandler(service, reads, hub, config.heartbeat(), json);
        MetricsEndpoint scrapes = new MetricsEndpoint(metrics, config.metrics(), STREAM);
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            c.jsonMapper(new JavalinJackson(json, true));
            c.http.prefer405over404 = true;
            // JSON and form bodies: a message and a system prompt at their limit, and room for the rest
            c.http.maxRequestSize = Math.max(16L << 20, 2 * config.maxMessageSize() + (1 << 20));
            c.http.compressionStrategy = WebAssets.compression();
            c.jetty.host = config.host();
            c.jetty.multipartConfig.cacheDirectory(
                    config.dataDir().resolve("tmp").toString());
            c.jetty.multipartConfig.maxFileSize(config.maxFileSize(), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
            c.jetty.multipartConfig.maxTotalRequestSize(requests.maxMultipart(), SizeUnit.BYTES);
            c.requestLogger.http(scrapes::count);
            c.requestLogger.http(HttpApi::access);

            WebAssets.install(c);
            ApiReference.install(c);
            Errors.install(c.routes, console);
            c.routes.before(RequestIds::assign);
            c.routes.before("/api/*", cors::preflight);
            c.routes.before("/api/*", auth::check);
            if (cluster.shared()) {
                Forwarding forwarding =
                        new Forwarding(cluster, config.node().timeout().plusSeconds(5));
                c.routes.before("/api/v1/tasks/*", forwarding::check);
            }
            c.routes.post(TokenHandler.PATH, tokenHandler::exchange);
            String settingsSchema = SettingsDocument.schemaText();
            c.routes.get(
                    SettingsDocument.PUBLISHED,
                    ctx -> ctx.contentType("application/schema+json").result(settingsSchema));
            c.routes.get(ApiReference.DOCUMENT, reference::document);
            c.routes.get(ApiReference.PAGE, reference::page);
            c.routes.get("/health", ctx -> ctx.json(Envelope.ok(new TaskHandlers.StatusData("ok"))));
            if (config.metrics().enabled() && config.metrics().port() == null)
                c.routes.get(MetricsEndpoint.PATH, scrapes::scrape);
            c.routes.post("/api/v1/tasks", tasks::create);
            c.routes.get("/api/v1/tasks", tasks::list);
            c.routes.get(TASK, tasks::get);
            c.routes.delete(TASK, tasks::cancel);
            c.routes.post(TASK + "/tools/{callId}/approve", tasks::approve);
            c.routes.get(STREAM, streams::stream);
            c.routes.post(TASK + "/messages", tasks::followUp);
            c.routes.get(TASK + "/history", tasks::history);
            c.routes.get(TASK + "/artifacts", artifacts::list);
            c.routes.get(TASK + "/artifacts/download", artifacts::download);
        });
    }
}
