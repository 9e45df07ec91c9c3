package dev.agentd;

import dev.agentd.api.HttpApi;
import dev.agentd.cluster.Cluster;
import dev.agentd.config.Config;
import dev.agentd.config.ConfigException;
import dev.agentd.metrics.Metrics;
import dev.agentd.model.Model;
import dev.agentd.model.Models;
import dev.agentd.sandbox.Sandbox;
import dev.agentd.sandbox.Sandboxes;
import dev.agentd.store.Store;
import dev.agentd.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole server, wired by hand: the production entry point and what tests start on port 0. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final DataDir dataDir;
    private final Store store;
    private final Cluster cluster;
    private final Engine engine;
    private final Javalin http;
    private final Metrics metrics;
    /** /metrics on a port of its own (AGENTD_METRICS_PORT), or null. */
    private Javalin metricsHttp;

    private boolean closed;

    private App(
            Config config,
            DataDir dataDir,
            Store store,
            Cluster cluster,
            Engine engine,
            Javalin http,
            Metrics metrics) {
        this.config = config;
        this.cluster = cluster;
        this.metrics = metrics;
        this.dataDir = dataDir;
        this.store = store;
        this.engine = engine;
        this.http = http;
    }

    /**
     * Takes the data dir, recovers what a previous process left, and serves; prints the facts a user
     * needs. A first start's key is made and printed only once the server listens.
     *
     * @throws ConfigException naming the setting when the server cannot start (bad value, port in
     *     use, unknown host, a data dir that cannot be used or that another server holds)
     */
    public static App start(Config config, PrintStream out) {
        return start(config, out, null);
    }

    /** {@link #start(Config, PrintStream)} with {@code model} instead of the one AGENTD_MODEL names (null: that one). */
    public static App start(Config config, PrintStream out, Model model) {
        InetAddress[] addresses = resolve(config.host());
        DataDir dataDir = DataDir.open(config.dataDir());
        Store store = null;
        Cluster cluster = null;
        CompletableFuture<Sandbox> probed = null;
        try {
            Workspaces workspaces = new Workspaces(config.workspacesDir());
            workspaces.migrate();
            // probing the sandbox waits on a process: it goes on while the database opens
            probed = CompletableFuture.supplyAsync(
                    () -> Sandboxes.select(
                            config.sandbox(),
                            List.of(config.dataDir(), config.workspacesDir()),
                            config.dataDir().resolve("tmp"),
                            config.sandboxNetwork()),
                    Thread::startVirtualThread);
            Model chosen = model != null ? model : Models.create(config, config.model());
            store = Databases.open(config);
            cluster = Databases.cluster(store, config, dataDir.nodeId());
            Sandbox sandbox = join(probed);
            App app = wire(config, dataDir, store, cluster, workspaces, sandbox, chosen);
            String newKey = app.listen(addresses);
            out.println("agentd listening on http://" + hostShown(config.host()) + ":" + app.port());
            if (app.metricsPort() != app.port())
                out.println("metrics on http://" + hostShown(config.metrics().host()) + ":" + app.metricsPort()
                        + "/metrics");
            out.println("data dir: " + config.dataDir().toAbsolutePath().normalize());
            out.println("model: " + config.model());
            out.println("sandbox: " + sandbox.name() + (config.sandboxNetwork() ? " (network allowed)" : ""));
            if (newKey != null) out.println("API key (created now, shown once; keep it): " + newKey);
            out.flush();
            return app;
        } catch (RuntimeException e) {
            // the probe works in the data dir: it must be done before the caller may remove it
            if (probed != null) probed.handle((sandbox, failure) -> null).join();
            if (cluster != null) cluster.close();
            if (store != null) store.close();
            dataDir.close();
            throw e;
        }
    }

    private static App wire(
            Config config,
            DataDir dataDir,
            Store store,
            Cluster cluster,
            Workspaces workspaces,
            Sandbox sandbox,
            Model model) {
        Metrics metrics = Metrics.withJvm();
        Engine engine = Engine.start(
                config, store, cluster, workspaces, sandbox, model, workspaces.staging(dataDir.nodeId()), metrics);
        Javalin http = HttpApi.create(
                config,
                engine.authenticator(),
                engine.apps(),
                engine.tokens(),
                engine.tasks(),
                engine.reads(),
                engine.idempotency(),
                engine.hub(),
                cluster,
                workspaces,
                engine.json(),
                metrics);
        return new App(config, dataDir, store, cluster, engine, http, metrics);
    }

    /**
     * Starts serving on the first address, and on the others with the same port (both loopbacks for
     * {@code localhost}); then makes the first key when there is none. Returns that key, or null.
     */
    private String listen(InetAddress[] addresses) {
        try {
            http.start(addresses[0].getHostAddress(), config.port());
        } catch (JavalinBindException e) {
            stop(false);
            throw new ConfigException("AGENTD_PORT: port " + config.port() + " on " + config.host()
                    + " is in use by another program; stop it, or choose another AGENTD_PORT");
        } catch (RuntimeException e) {
            stop(false);
            throw e;
        }
        HttpApi.watch(metrics, http);
        cluster.advertise(nodeUrl());
        startMetrics();
        Server server = http.jettyServer().server();
        for (int i = 1; i < addresses.length; i++) {
            ServerConnector more = new ServerConnector(server);
            more.setHost(addresses[i].getHostAddress());
            more.setPort(http.port());
            server.addConnector(more);
            try {
                more.start();
            } catch (Exception e) {
                server.removeConnector(more);
                log.info("not listening on {} as well: {}", addresses[i].getHostAddress(), e.getMessage());
            }
        }
        if (config.apiKey() == null && !engine.keys().any())
            return engine.keys().create("default").secret();
        return null;
    }

    /** Where the other nodes reach this one: AGENTD_NODE_URL, else the address and port it listens on. */
    private String nodeUrl() {
        if (config.node().url() != null) return config.node().url();
        String host = config.host();
        if (host.equalsIgnoreCase("localhost")) host = "127.0.0.1";
        else if (host.equals("0.0.0.0") || host.equals("::")) host = localName();
        return "http://" + hostShown(host) + ":" + port();
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** /metrics on its own port, when AGENTD_METRICS_PORT asks for one. */
    private void startMetrics() {
        metricsHttp = HttpApi.metricsServer(config, metrics);
        if (metricsHttp == null) return;
        try {
            metricsHttp.start(config.metrics().host(), config.metrics().port());
        } catch (RuntimeException e) {
            stop(false);
            throw new ConfigException("AGENTD_METRICS_PORT: cannot serve /metrics on "
                    + config.metrics().host() + ":" + config.metrics().port() + " (" + e.getMessage() + ")");
        }
    }

    /** The port /metrics is served on (the API's unless AGENTD_METRICS_PORT says otherwise). */
    public int metricsPort() {
        return metricsHttp != null ? metricsHttp.port() : port();
    }

    /** The addresses to listen on: for {@code localhost}, both loopbacks (clients try either first). */
    private static InetAddress[] resolve(String host) {
        try {
            if (host.equalsIgnoreCase("localhost")) {
                return new InetAddress[] {InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")};
            }
            return new InetAddress[] {InetAddress.getByName(host)};
        } catch (UnknownHostException e) {
            throw new ConfigException("AGENTD_HOST: cannot resolve '" + host + "' to an address of this machine");
        }
    }

    /** A host as a URL has it: an IPv6 address in brackets. */
    static String hostShown(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static Sandbox join(CompletableFuture<Sandbox> probed) {
        try {
            return probed.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The routes the API answers, as {@code METHOD /path/{param}}. */
    public List<String> routes() {
        return HttpApi.routes(http);
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
    public void close() {
        stop(true);
    }

    /** {@link #close}, saying so in the log unless the server never served. */
    private synchronized void stop(boolean announce) {
        if (closed) return;
        closed = true;
        if (announce) log.info("shutting down");
        engine.stopRuns(config.shutdownGrace());
        http.stop();
        if (metricsHttp != null) metricsHttp.stop();
        engine.close();
        cluster.close();
        store.close();
        dataDir.close();
        if (announce) log.info("stopped");
    }
}
