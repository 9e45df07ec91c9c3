package dev.agentd;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.api.HttpApi;
import dev.agentd.api.Json;
import dev.agentd.auth.ApiKeys;
import dev.agentd.config.Config;
import dev.agentd.config.ConfigException;
import dev.agentd.events.EventHub;
import dev.agentd.model.Model;
import dev.agentd.model.builtin.BuiltinModel;
import dev.agentd.model.openai.OpenAiModelConfig;
import dev.agentd.runner.AgentLoop;
import dev.agentd.runner.Recovery;
import dev.agentd.runner.Runner;
import dev.agentd.sandbox.CommandLimits;
import dev.agentd.sandbox.Sandbox;
import dev.agentd.sandbox.Sandboxes;
import dev.agentd.store.ApiKeyDao;
import dev.agentd.store.Database;
import dev.agentd.store.IdempotencyDao;
import dev.agentd.tasks.Approvals;
import dev.agentd.tasks.Idempotency;
import dev.agentd.tasks.SessionExpiry;
import dev.agentd.tasks.Sessions;
import dev.agentd.tasks.TaskReads;
import dev.agentd.tasks.TaskService;
import dev.agentd.tasks.TaskStates;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.command.RunCommandTool;
import dev.agentd.tools.files.EditFileTool;
import dev.agentd.tools.files.ListFilesTool;
import dev.agentd.tools.files.ReadFileTool;
import dev.agentd.tools.files.SearchFilesTool;
import dev.agentd.tools.files.WriteFileTool;
import dev.agentd.workspace.Quota;
import dev.agentd.workspace.Uploads;
import dev.agentd.workspace.Workspaces;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole server, wired by hand: the production entry point and what tests start on port 0. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final Database database;
    private final EventHub hub;
    private final Runner runner;
    private final SessionExpiry expiry;
    private final Javalin http;
    private boolean closed;

    private App(Config config, Database database, EventHub hub, Runner runner, SessionExpiry expiry, Javalin http) {
        this.expiry = expiry;
        this.config = config;
        this.database = database;
        this.hub = hub;
        this.runner = runner;
        this.http = http;
    }

    /** Opens the data dir, recovers what a previous process left, and serves; prints the facts a user needs. */
    public static App start(Config config, PrintStream out) {
        Path staging = config.dataDir().resolve("tmp").resolve("staging");
        try {
            Uploads.deleteTree(staging);
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + config.dataDir(), e);
        }
        Workspaces workspaces = new Workspaces(config.dataDir().resolve("workspaces"));
        workspaces.migrate();
        // probing the sandbox waits on a process: it goes on while the database opens
        CompletableFuture<Sandbox> probed = CompletableFuture.supplyAsync(
                () -> Sandboxes.select(config.sandbox(), List.of(config.dataDir()), config.dataDir().resolve("tmp"),
                        config.sandboxNetwork()),
                Thread::startVirtualThread);
        Model model;
        Database database;
        try {
            model = model(config);
            database = Database.open(config.dataDir().resolve("agentd.db"));
        } catch (RuntimeException e) {
            // the probe works in the data dir: it must be done before the caller may remove it
            probed.handle((sandbox, failure) -> null).join();
            throw e;
        }
        Sandbox sandbox;
        try {
            sandbox = probed.join();
        } catch (CompletionException e) {
            database.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        ApiKeys keys = new ApiKeys(database.dao(ApiKeyDao.class));
        String newKey = null;
        if (config.apiKey() != null) {
            keys.ensure(config.apiKey(), "AGENTD_API_KEY");
        } else if (!keys.any()) {
            newKey = keys.create("default").secret();
        }
        ObjectMapper json = Json.mapper();
        EventHub hub = new EventHub(database, json);
        Sessions sessions = new Sessions();
        TaskStates states = new TaskStates(hub, json);
        Quota quota = new Quota(config.workspaceQuota());
        ToolBox tools = new ToolBox(List.of(new ListFilesTool(), new ReadFileTool(), new WriteFileTool(quota),
                new EditFileTool(quota), new SearchFilesTool(), new RunCommandTool(sandbox, quota,
                new CommandLimits(config.commandMaxProcesses(), config.commandMaxMemory(), config.commandMaxFileSize(),
                        config.commandMaxCpuTime()))));
        Approvals approvals = new Approvals(database, json);
        AgentLoop loop = new AgentLoop(database, hub, states, sessions, approvals, model, tools, workspaces, json,
                config.maxSteps(), config.maxConcurrentRuns(), config.maxConcurrentRunsPerKey());
        Runner runner = new Runner(loop);
        Uploads uploads = new Uploads(staging, config.zipMaxEntries(), config.zipMaxBytes(), quota);
        TaskService service = new TaskService(database, hub, runner, sessions, approvals, workspaces, uploads, json);
        TaskReads reads = new TaskReads(database, runner, approvals, json);
        Idempotency idempotency = new Idempotency(database.dao(IdempotencyDao.class));
        idempotency.expire();
        new Recovery(database, hub, states, service, json).run();
        Javalin http = HttpApi.create(config, keys, service, reads, idempotency, hub, workspaces, json);
        SessionExpiry expiry = new SessionExpiry(sessions, runner, service, config.sessionIdleTimeout());
        App app = new App(config, database, hub, runner, expiry, http);
        try {
            http.start(config.port());
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        out.println("agentd listening on http://" + config.host() + ":" + http.port());
        out.println("data dir: " + config.dataDir().toAbsolutePath().normalize());
        out.println("model: " + config.model());
        out.println("sandbox: " + sandbox.name() + (config.sandboxNetwork() ? " (network allowed)" : ""));
        if (newKey != null) {
            out.println("API key (created now, shown once; keep it): " + newKey);
        }
        out.flush();
        return app;
    }

    private static Model model(Config config) {
        if (config.model().equals("builtin")) return new BuiltinModel(config.builtinDelayMs());
        if (config.model().startsWith(OpenAiModelConfig.PREFIX)) return OpenAiModelConfig.create(config);
        throw new ConfigException("AGENTD_MODEL: '" + config.model() + "' is not valid (builtin or openai:<model>)");
    }

    public int port() {
        return http.port();
    }

    public Config config() {
        return config;
    }

    /**
     * Stops in order: runs get the shutdown grace to finish (the rest end as interrupted), open
     * streams are closed, the server stops, and the database is closed last.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        log.info("shutting down");
        expiry.close();
        runner.shutdown(config.shutdownGrace());
        hub.closeStreams(Duration.ofSeconds(2));
        http.stop();
        hub.close();
        database.close();
        log.info("stopped");
    }
}
