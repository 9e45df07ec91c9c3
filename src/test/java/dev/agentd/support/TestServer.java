package dev.agentd.support;

import dev.agentd.App;
import dev.agentd.auth.ApiKeys;
import dev.agentd.cli.Cli;
import dev.agentd.config.ConfigLoader;
import dev.agentd.store.Store;
import dev.agentd.workspace.Workspaces;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The production app on port 0 over a data dir of the test's, with a real HTTP client. */
public final class TestServer extends ApiClient {
    private final App app;
    private final Path dataDir;
    private final String startupOutput;

    private TestServer(App app, Path dataDir, String startupOutput) {
        super(app.port());
        this.app = app;
        this.dataDir = dataDir;
        this.startupOutput = startupOutput;
    }

    /** Starts on {@code dataDir} with AGENTD_API_KEY set to {@link #KEY}, plus {@code env} (null values unset). */
    public static TestServer start(Path dataDir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("AGENTD_PORT", "0");
        all.put("AGENTD_DATA_DIR", dataDir.toString());
        all.put("AGENTD_API_KEY", KEY);
        all.put("AGENTD_BUILTIN_DELAY_MS", "0"); // instant unless the test paces the model itself
        all.putAll(TestDatabases.env(dataDir));
        all.putAll(env);
        all.values().removeIf(v -> v == null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        App app = App.start(ConfigLoader.load(all, new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new TestServer(app, dataDir, out.toString(StandardCharsets.UTF_8));
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** Creates another API key in the server's database, as {@code keys create} would, and returns it. */
    public String createKey(String name) {
        try (Store store = TestDatabases.open(dataDir)) {
            return new ApiKeys(store.keys()).create(name).secret();
        }
    }

    /** Runs {@code bin/agentd ARGS --data-dir <this server's>} in this JVM; its exit code and output. */
    public record Command(int code, String out, String err) {}

    public Command command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir.toString();
        int code = new Cli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        TestDatabases.env(dataDir))
                .run(all);
        return new Command(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Puts {@code json} as the settings of {@code project} with {@code projects put}; fails the test if refused. */
    public void putSettings(String project, String json) {
        Command put = putSettingsFile(project, json);
        if (put.code() != 0) throw new AssertionError("projects put failed: " + put.err());
    }

    /** {@code projects put project FILE} with {@code json} in FILE. */
    public Command putSettingsFile(String project, String json) {
        try {
            Path file = Files.createTempFile(dataDir, "settings-", ".json");
            Files.writeString(file, json);
            try {
                return command("projects", "put", project, file.toString());
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A widget app made as {@code apps create} makes one. */
    public record AppCredentials(String id, String secret) {}

    public AppCredentials createApp(String project, String... origins) {
        List<String> args = new ArrayList<>(List.of("apps", "create", "--project", project, "--name", "shop"));
        for (String o : origins) args.addAll(List.of("--origin", o));
        Command c = command(args.toArray(String[]::new));
        if (c.code() != 0) throw new IllegalStateException(c.err());
        Matcher id = Pattern.compile("(?m)^appId: (\\S+)$").matcher(c.out());
        Matcher secret = Pattern.compile("(?m)^appSecret: (\\S+)$").matcher(c.out());
        if (!id.find() || !secret.find()) throw new IllegalStateException(c.out());
        return new AppCredentials(id.group(1), secret.group(1));
    }

    /** The answer of a token exchange for {@code endUserId} of {@code app}, with {@code extra} fields. */
    public Reply exchange(AppCredentials app, String endUserId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("appId", app.id());
        body.put("appSecret", app.secret());
        body.put("endUserId", endUserId);
        Reply r = postJson("/api/v1/auth/token", jsonOf(body));
        if (r.status() != 200) throw new IllegalStateException(r.body());
        return r;
    }

    /** A widget token for {@code endUserId} of {@code app}, with {@code extra} fields in the exchange. */
    public String token(AppCredentials app, String endUserId, Map<String, Object> extra) {
        return exchange(app, endUserId, extra).data().get("token").asText();
    }

    /** Where the workspace of task {@code id} lies. */
    public Path workspace(String id) {
        return app.config().workspacesDir().resolve(Workspaces.layout(id));
    }

    /** The routes the server answers, as {@code METHOD /path/{param}}. */
    public List<String> routes() {
        return app.routes();
    }

    /** The port /metrics is served on. */
    public int metricsPort() {
        return app.metricsPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String startupOutput() {
        return startupOutput;
    }

    @Override
    public void close() {
        app.close();
        super.close();
    }
}
