package dev.agentd;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.api.Json;
import dev.agentd.auth.ApiKeys;
import dev.agentd.auth.Authenticator;
import dev.agentd.auth.Grants;
import dev.agentd.auth.RateLimits;
import dev.agentd.auth.SecretBox;
import dev.agentd.auth.TokenExchange;
import dev.agentd.auth.WidgetApps;
import dev.agentd.auth.WidgetTokens;
import dev.agentd.cluster.Cluster;
import dev.agentd.config.Config;
import dev.agentd.domain.Times;
import dev.agentd.events.EventHub;
import dev.agentd.mcp.McpClients;
import dev.agentd.metrics.Metrics;
import dev.agentd.model.MeteredModel;
import dev.agentd.model.Model;
import dev.agentd.model.Models;
import dev.agentd.net.PublicAddresses;
import dev.agentd.runner.Agent;
import dev.agentd.runner.Approvals;
import dev.agentd.runner.Runner;
import dev.agentd.runner.Sessions;
import dev.agentd.sandbox.CommandLimits;
import dev.agentd.sandbox.Sandbox;
import dev.agentd.settings.Settings;
import dev.agentd.settings.SettingsDocument;
import dev.agentd.store.Store;
import dev.agentd.tasks.Idempotency;
import dev.agentd.tasks.Retention;
import dev.agentd.tasks.SessionExpiry;
import dev.agentd.tasks.TaskReads;
import dev.agentd.tasks.TaskService;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.command.RunCommandTool;
import dev.agentd.tools.files.EditFileTool;
import dev.agentd.tools.files.ListFilesTool;
import dev.agentd.tools.files.ReadFileTool;
import dev.agentd.tools.files.SearchFilesTool;
import dev.agentd.tools.files.WriteFileTool;
import dev.agentd.webhooks.WebhookSender;
import dev.agentd.webhooks.Webhooks;
import dev.agentd.workspace.Quota;
import dev.agentd.workspace.Uploads;
import dev.agentd.workspace.Workspaces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything but HTTP, wired by hand over a store: the task lifecycle, its runs and their events.
 * The server puts its API in front of it; service tests drive it directly.
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    /** How often finished tasks past AGENTD_RETENTION are looked for. */
    private static final Duration RETENTION_SWEEPS = Duration.ofMinutes(10);

    private final ObjectMapper json;
    private final ApiKeys keys;
    private final WidgetApps apps;
    private final Authenticator authenticator;
    private final TokenExchange tokens;
    private final EventHub hub;
    private final Runner runner;
    private final TaskService tasks;
    private final TaskReads reads;
    private final Idempotency idempotency;
    /** Session expiry and retention: stopped before the runs. */
    private final List<AutoCloseable> background;

    private Engine(
            ObjectMapper json,
            ApiKeys keys,
            WidgetApps apps,
            Authenticator authenticator,
            TokenExchange tokens,
            EventHub hub,
            Runner runner,
            TaskService tasks,
            TaskReads reads,
            Idempotency idempotency,
            List<AutoCloseable> background) {
        this.json = json;
        this.keys = keys;
        this.apps = apps;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.hub = hub;
        this.runner = runner;
        this.tasks = tasks;
        this.reads = reads;
        this.idempotency = idempotency;
        this.background = background;
    }

    /**
     * Wires the engine and recovers what a previous process left: runs cut by a stop end as
     * interrupted, waiting messages run. {@code staging} is where uploads are unpacked first. With a
     * shared {@code cluster}, that is done for the tasks this node holds and takes over.
     */
    public static Engine start(
            Config config,
            Store store,
            Cluster cluster,
            Workspaces workspaces,
            Sandbox sandbox,
            Model model,
            Path staging,
            Metrics metrics) {
        ApiKeys keys = new ApiKeys(store.keys());
        if (config.apiKey() != null) keys.ensure(config.apiKey(), "AGENTD_API_KEY");
        ObjectMapper json = Json.mapper();
        WidgetApps apps = new WidgetApps(store.apps());
        WidgetTokens signer = new WidgetTokens(store.signingKeys());
        Grants grants = new Grants(
                store.grants(),
                SecretBox.open(config.secretsKey(), config.dataDir().resolve("secrets.key")));
        grants.expire(Times.now());
        if (cluster.shared() && config.secretsKey() == null) {
            log.warn("AGENTD_SECRETS_KEY is unset: the secrets that widget token exchanges grant are sealed with"
                    + " this node's own key and open only here; give every node the same AGENTD_SECRETS_KEY");
        }
        Authenticator authenticator = new Authenticator(keys, signer, apps);
        TokenExchange tokens = new TokenExchange(apps, signer, grants, config.tokenMaxExpiry(), config.widgetTokens());
        EventHub hub = new EventHub(store, json, metrics, cluster.shared());
        Sessions sessions = new Sessions();
        Quota quota = new Quota(config.workspaceQuota());
        Approvals approvals = new Approvals(store.approvals(), json);
        Settings settings = new Settings(store.projects(), new SettingsDocument());
        Runner runner = new Runner(
                store,
                hub,
                sessions,
                approvals,
                agent(config, settings, sandbox, quota, model, json, metrics),
                workspaces,
                grants,
                json,
                config.maxConcurrentRuns(),
                config.maxConcurrentRunsPerKey(),
                metrics);
        Uploads uploads = new Uploads(staging, config.zipMaxEntries(), config.zipMaxBytes(), quota, metrics);
        PublicAddresses webhookAddresses =
                new PublicAddresses(config.webhooks().allowPrivate(), "AGENTD_WEBHOOK_ALLOW_PRIVATE");
        TaskService tasks = new TaskService(
                store,
                hub,
                runner,
                sessions,
                approvals,
                workspaces,
                uploads,
                json,
                new RateLimits(config.endUserRate(), config.appRate()),
                config.endUserMaxRuns(),
                settings,
                config.models(),
                new Webhooks(json, webhookAddresses, config.webhooks().secret() != null),
                cluster);
        TaskReads reads = new TaskReads(store, runner, approvals, json);
        Idempotency idempotency = new Idempotency(store.idempotency());
        idempotency.expire();
        if (cluster.shared()) cluster.join(tasks::inherit, hub.notices());
        else tasks.recoverAll();
        List<AutoCloseable> background = List.of(
                new SessionExpiry(sessions, runner, tasks, config.sessionIdleTimeout()),
                new Retention(store, workspaces, config.retention(), RETENTION_SWEEPS),
                new WebhookSender(
                        store,
                        settings,
                        config.webhooks().secret(),
                        webhookAddresses,
                        config.webhooks().timeout(),
                        config.webhooks().retryDelay()));
        return new Engine(json, keys, apps, authenticator, tokens, hub, runner, tasks, reads, idempotency, background);
    }

    private static Agent agent(
            Config config,
            Settings settings,
            Sandbox sandbox,
            Quota quota,
            Model model,
            ObjectMapper json,
            Metrics metrics) {
        CommandLimits limits = limits(config);
        Models models = new Models(
                MeteredModel.of(model, config.model(), metrics),
                name -> MeteredModel.of(Models.create(config, name), name, metrics));
        // each model a task may choose is made now: a wrong one stops start-up, naming it
        for (String name : config.models()) {
            if (!name.equals(config.model())) models.prepare(name);
        }
        return new Agent(
                models,
                tools(sandbox, quota, limits),
                settings,
                new McpClients(
                        sandbox,
                        limits,
                        config.mcpAllowPrivate(),
                        config.mcpStartTimeout(),
                        config.mcpCallTimeout(),
                        json),
                config.maxSteps(),
                config.subagentTimeout(),
                config.modelContextTokens(),
                // what a turn may answer: with thinking, its budget comes on top (as the request asks)
                config.modelThinkingTokens() > 0
                        ? Math.max(config.modelMaxTokens(), config.modelThinkingTokens() + 1024)
                        : config.modelMaxTokens());
    }

    private static CommandLimits limits(Config config) {
        return new CommandLimits(
                config.commandMaxProcesses(),
                config.commandMaxMemory(),
                config.commandMaxFileSize(),
                config.commandMaxCpuTime());
    }

    private static ToolBox tools(Sandbox sandbox, Quota quota, CommandLimits limits) {
        return new ToolBox(List.of(
                new ListFilesTool(),
                new ReadFileTool(),
                new WriteFileTool(quota),
                new EditFileTool(quota),
                new SearchFilesTool(),
                new RunCommandTool(sandbox, quota, limits)));
    }

    /** The JSON mapper of the API's bodies and of everything stored. */
    public ObjectMapper json() {
        return json;
    }

    public ApiKeys keys() {
        return keys;
    }

    /** Who a request's credentials name: an API key's holder or a widget end user. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** Widget apps and their allowed origins. */
    public WidgetApps apps() {
        return apps;
    }

    /** Widget tokens for apps' credentials. */
    public TokenExchange tokens() {
        return tokens;
    }

    public EventHub hub() {
        return hub;
    }

    public TaskService tasks() {
        return tasks;
    }

    public TaskReads reads() {
        return reads;
    }

    public Idempotency idempotency() {
        return idempotency;
    }

    /**
     * Runs get {@code grace} to finish and the rest end as interrupted; then open streams are closed
     * (given a moment to send what they hold).
     */
    public void stopRuns(Duration grace) {
        for (AutoCloseable job : background) {
            try {
                job.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", job.getClass().getSimpleName(), e.getMessage());
            }
        }
        runner.shutdown(grace);
        hub.closeStreams(Duration.ofSeconds(2));
    }

    /** After {@link #stopRuns}: commits what is left to write. The store stays open (its owner closes it). */
    @Override
    public void close() {
        hub.close();
    }
}
